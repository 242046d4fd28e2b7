import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { formatSource } from '../core/errors.js';
import { awsSetupFromTexts, readAwsSetup, resolveProfileValue } from './aws-setup.js';
import { configFilePath, credentialsFilePath, expandPath } from './paths.js';

const root = mkdtempSync(join(tmpdir(), 'onramp-setup-'));
after(() => rmSync(root, { recursive: true, force: true }));

const CONFIG = [
  '[default]', //                          1
  'region = us-east-1', //                 2
  '[profile prod]', //                     3
  'sso_session = acme', //                 4
  'sso_account_id = 111122223333', //      5
  'sso_role_name = Admin', //              6
  '[sso-session acme]', //                 7
  'sso_start_url = https://d-1.awsapps.com/start', // 8
  'sso_region = eu-west-1', //             9
  '',
].join('\n');
const CREDENTIALS =
  '[default]\naws_access_key_id = AKIA1\nregion = eu-north-1\n[ci]\naws_access_key_id = AKIA2\n';

test('paths: environment overrides with ~ and $VAR expanded, else ~/.aws', () => {
  const env = { HOME: '/home/u', AWS_CONFIG_FILE: '~/cfg/$STAGE', STAGE: 'dev' };
  assert.deepEqual(configFilePath({ env }), {
    path: '/home/u/cfg/dev',
    source: { kind: 'env', name: 'AWS_CONFIG_FILE' },
  });
  assert.deepEqual(credentialsFilePath({ env }), {
    path: '/home/u/.aws/credentials',
    source: { kind: 'file', file: '/home/u/.aws/credentials' },
  });
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, as in AWS_CONFIG_FILE
  assert.equal(expandPath('${STAGE}/x', { env }), 'dev/x');
  assert.equal(expandPath('$UNSET/x', { env }), '$UNSET/x', 'unknown variables stay, as in Python');
});

test('every value knows its file and line; credentials override config key by key', () => {
  const setup = awsSetupFromTexts({
    config: { path: '/h/.aws/config', text: CONFIG },
    credentials: { path: '/h/.aws/credentials', text: CREDENTIALS },
  });
  const def = setup.profiles.get('default')!;
  assert.deepEqual(def.values.get('region'), {
    value: 'eu-north-1',
    source: { kind: 'file', file: '/h/.aws/credentials', line: 3 },
  });
  assert.equal(formatSource(def.values.get('aws_access_key_id')!.source), '/h/.aws/credentials:2');
  assert.deepEqual(
    def.sources.map((s) => formatSource(s)),
    ['/h/.aws/config:1', '/h/.aws/credentials:1'],
  );
  assert.ok(setup.profiles.has('ci'), 'credentials-only profiles exist');
  const url = resolveProfileValue(setup, 'prod', 'sso_start_url');
  assert.equal(url?.value, 'https://d-1.awsapps.com/start');
  assert.equal(formatSource(url!.source), '/h/.aws/config:8');
  assert.equal(resolveProfileValue(setup, 'prod', 'sso_role_name')?.value, 'Admin');
  assert.equal(resolveProfileValue(setup, 'nope', 'region'), undefined);
  assert.equal(setup.config.fatal, false);
});

test('problems are reported per file, with lines', () => {
  const setup = awsSetupFromTexts({
    config: { path: 'c', text: '[default]\nregion = a\nregion = b\n' },
    credentials: { path: 'k', text: undefined },
  });
  assert.equal(setup.config.fatal, true);
  assert.deepEqual(
    setup.config.problems.map((p) => [p.code, p.line]),
    [['duplicate-key', 3]],
  );
  assert.equal(setup.credentials.exists, false);
});

test('readAwsSetup reads the files the environment names', () => {
  const home = join(root, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'credentials'), CREDENTIALS);
  writeFileSync(join(root, 'alt-config'), CONFIG);
  const setup = readAwsSetup({ env: { HOME: home, AWS_CONFIG_FILE: join(root, 'alt-config') } });
  assert.equal(setup.config.path, join(root, 'alt-config'));
  assert.deepEqual(setup.config.pathSource, { kind: 'env', name: 'AWS_CONFIG_FILE' });
  assert.equal(setup.profiles.get('prod')?.values.get('sso_account_id')?.value, '111122223333');
  assert.equal(setup.profiles.get('ci')?.values.get('aws_access_key_id')?.value, 'AKIA2');
  const missing = readAwsSetup({ env: { HOME: join(root, 'nobody') } });
  assert.deepEqual(
    [missing.config.exists, missing.credentials.exists, missing.profiles.size],
    [false, false, 0],
  );
});
