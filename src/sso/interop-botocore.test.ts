/**
 * botocore (AWS CLI v1/v2, boto3) as the reference: it reads onramp's config and caches, onramp
 * reads botocore's, and onramp's botocore-view agrees with botocore on 400 generated messy files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { seededRandom } from '../core/clock.js';
import { readAwsSetup } from './aws-setup.js';
import { credentialCacheFileName, readRoleCredentials, writeRoleCredentials } from './credential-cache.js';
import { botocoreView, type ViewSection } from './ini/botocore-view.js';
import { IniDocument } from './ini/document.js';
import { planConfigChanges } from './managed/plan.js';
import { pyJsonDumps } from './py-json.js';
import { botocore, requireBotocore } from './test-botocore.js';
import { generateConfig } from './test-config-gen.js';
import { readSsoToken, serializeSsoToken, tokenCachePath, writeSsoToken } from './token-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'onramp-sso-botocore-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type PyConfig = Record<string, unknown> & {
  profiles: Record<string, unknown>;
  sso_sessions: Record<string, unknown>;
  services: Record<string, unknown>;
};

const plain = (m: ReadonlyMap<string, ViewSection>) =>
  Object.fromEntries(
    [...m].map(([name, s]) => [name, Object.fromEntries([...s.values].map(([k, v]) => [k, v.value]))]),
  );

test('botocore-view agrees with botocore on 400 generated config files', (t) => {
  if (!requireBotocore(t)) return;
  const texts = Array.from({ length: 400 }, (_, i) => generateConfig(seededRandom(10_000 + i)).text);
  const paths = texts.map((text, i) => {
    const p = join(dir, `gen-${i}.ini`);
    writeFileSync(p, text);
    return p;
  });
  const results = botocore<Array<{ ok: boolean; config?: PyConfig }>>({ cmd: 'load-configs', paths });
  let readable = 0;
  texts.forEach((text, i) => {
    const view = botocoreView(IniDocument.parse(text));
    const label = `file ${i}: ${JSON.stringify(text).slice(0, 400)}`;
    assert.equal(view.fatal, !results[i].ok, `fatal flag, ${label} ${JSON.stringify(view.problems)}`);
    if (!results[i].ok) return;
    readable++;
    const { profiles, sso_sessions, services, ...other } = results[i].config!;
    assert.deepEqual(plain(view.profiles), profiles, `profiles, ${label}`);
    assert.deepEqual(plain(view.ssoSessions), sso_sessions, `sso_sessions, ${label}`);
    assert.deepEqual(plain(view.services), services, `services, ${label}`);
    assert.deepEqual(plain(view.other), other, `other sections, ${label}`);
  });
  assert.ok(readable > 100, `only ${readable} files were readable by botocore`);
});

test('botocore reads the profiles and sso-session onramp writes', (t) => {
  if (!requireBotocore(t)) return;
  const home = mkdtempSync(join(dir, 'home-'));
  const config = join(home, 'config');
  const existing =
    '[default]\r\nregion = eu-west-1\r\n; granted-managed below\r\n[profile granted]\r\ncredential_process = granted x\r\n';
  const plan = planConfigChanges(existing, {
    ssoSessions: [
      {
        name: 'acme',
        startUrl: 'https://d-9067642ac7.awsapps.com/start#',
        region: 'us-east-2',
        registrationScopes: ['sso:account:access'],
      },
    ],
    profiles: [
      {
        name: 'prod/AdministratorAccess',
        ssoSession: 'acme',
        accountId: '111122223333',
        roleName: 'AdministratorAccess',
        region: 'eu-central-1',
      },
      {
        name: 'dev.team@x+y',
        ssoSession: 'acme',
        accountId: '444455556666',
        roleName: 'ReadOnly',
        region: 'us-west-2',
        output: 'json',
      },
    ],
  });
  writeFileSync(config, plan.newText);
  const env = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
  const s = botocore<{
    scoped: Record<string, string>;
    ssoSessions: Record<string, Record<string, string>>;
    available: string[];
  }>({ cmd: 'session', profile: 'prod/AdministratorAccess' }, env);
  assert.deepEqual(s.scoped, {
    sso_session: 'acme',
    sso_account_id: '111122223333',
    sso_role_name: 'AdministratorAccess',
    region: 'eu-central-1',
  });
  assert.deepEqual(s.ssoSessions.acme, {
    sso_start_url: 'https://d-9067642ac7.awsapps.com/start#',
    sso_region: 'us-east-2',
    sso_registration_scopes: 'sso:account:access',
  });
  assert.deepEqual(s.available.sort(), ['default', 'dev.team@x+y', 'granted', 'prod/AdministratorAccess']);
  const other = botocore<{ scoped: Record<string, string> }>(
    { cmd: 'session', profile: 'dev.team@x+y' },
    env,
  );
  assert.equal(other.scoped.output, 'json');
  assert.equal(other.scoped.sso_account_id, '444455556666');

  // The token provider resolves profile → sso-session → onramp's token file.
  const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3600_000);
  writeSsoToken(
    join(home, '.aws', 'sso', 'cache'),
    { sessionName: 'acme' },
    {
      startUrl: 'https://d-9067642ac7.awsapps.com/start#',
      region: 'us-east-2',
      accessToken: 'onramp-access-token',
      expiresAt,
    },
  );
  const provided = botocore<{ token: string; expiration: string }>(
    { cmd: 'sso-token-provider', profile: 'prod/AdministratorAccess' },
    env,
  );
  assert.equal(provided.token, 'onramp-access-token');
  assert.equal(new Date(provided.expiration).getTime(), expiresAt.getTime());
});

test('the aws CLI itself reads onramp profiles; credentials override config as in readAwsSetup', (t) => {
  if (!requireBotocore(t)) return;
  const aws = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (aws.status !== 0) {
    if (process.env.CI === 'true') throw new Error('the aws CLI is required on CI');
    t.skip('the aws CLI is not installed');
    return;
  }
  const home = mkdtempSync(join(dir, 'cli-'));
  const config = join(home, 'config');
  const credentials = join(home, 'credentials');
  writeFileSync(
    config,
    planConfigChanges('[default]\nregion = us-east-1\noutput = text\n', {
      ssoSessions: [{ name: 'acme', startUrl: 'https://d-1.awsapps.com/start', region: 'eu-west-1' }],
      profiles: [{ name: 'prod/Admin', ssoSession: 'acme', accountId: '111122223333', roleName: 'Admin' }],
    }).newText,
  );
  writeFileSync(credentials, '[default]\nregion = eu-north-1\naws_access_key_id = AKIAEXAMPLE\n');
  const env = {
    ...process.env,
    HOME: home,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
  };
  const get = (...args: string[]) =>
    spawnSync('aws', ['configure', 'get', ...args], { encoding: 'utf8', env }).stdout.trim();
  assert.equal(get('sso_account_id', '--profile', 'prod/Admin'), '111122223333');
  assert.equal(get('sso_session', '--profile', 'prod/Admin'), 'acme');
  assert.equal(get('region', '--profile', 'default'), 'eu-north-1', 'the credentials file wins');
  const scoped = botocore<{ scoped: Record<string, string> }>(
    { cmd: 'session', profile: 'default' },
    { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials },
  ).scoped;
  const ours = readAwsSetup({
    env: { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials },
  });
  const mine = Object.fromEntries([...ours.profiles.get('default')!.values].map(([k, v]) => [k, v.value]));
  assert.deepEqual(mine, scoped);
});

test("botocore's SSOTokenLoader reads onramp's token files (session and legacy start-URL keys)", (t) => {
  if (!requireBotocore(t)) return;
  const cache = mkdtempSync(join(dir, 'cache-'));
  const token = {
    startUrl: 'https://d-1.awsapps.com/start',
    region: 'eu-west-1',
    accessToken: 'aoa-ünï',
    expiresAt: new Date('2026-03-01T10:20:30.999Z'),
    clientId: 'cid',
    clientSecret: 'secret',
    registrationExpiresAt: new Date('2026-05-30T00:00:00Z'),
    refreshToken: 'r-1',
  };
  writeSsoToken(cache, { sessionName: 'my-sso' }, token);
  writeSsoToken(cache, { startUrl: token.startUrl }, { ...token, accessToken: 'legacy' });
  const bySession = botocore<Record<string, string>>({
    cmd: 'token-read',
    dir: cache,
    startUrl: token.startUrl,
    sessionName: 'my-sso',
  });
  assert.equal(bySession.accessToken, 'aoa-ünï');
  assert.equal(bySession.expiresAt, '2026-03-01T10:20:30Z');
  assert.equal(bySession.registrationExpiresAt, '2026-05-30T00:00:00Z');
  assert.equal(bySession.refreshToken, 'r-1');
  const legacy = botocore<Record<string, string>>({
    cmd: 'token-read',
    dir: cache,
    startUrl: token.startUrl,
  });
  assert.equal(legacy.accessToken, 'legacy');
});

test('onramp reads tokens botocore writes, and writes the very same bytes', (t) => {
  if (!requireBotocore(t)) return;
  const cache = mkdtempSync(join(dir, 'cache-'));
  const expires = Date.UTC(2026, 6, 4, 12, 0, 5);
  const written = botocore<{ dumps: string }>({
    cmd: 'token-write',
    dir: cache,
    startUrl: 'https://d-2.awsapps.com/start',
    sessionName: 'sess/1',
    token: {
      startUrl: 'https://d-2.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'tok',
      clientId: 'c',
      clientSecret: 's',
      refreshToken: 'r',
    },
    expiresAt: expires / 1000,
    registrationExpiresAt: expires / 1000 + 86400,
  });
  const read = readSsoToken(cache, { sessionName: 'sess/1' });
  assert.equal(read.kind, 'found');
  if (read.kind !== 'found') return;
  assert.equal(read.value.accessToken, 'tok');
  assert.equal(read.value.expiresAt.getTime(), expires);
  assert.equal(read.value.registrationExpiresAt?.getTime(), expires + 86400_000);
  // botocore's dict order differs from the CLI's login order, so compare as JSON, then bytes for ours.
  assert.deepEqual(JSON.parse(serializeSsoToken(read.value)), JSON.parse(written.dumps));
  const onDisk = readFileSync(tokenCachePath(cache, { sessionName: 'sess/1' }), 'utf8');
  assert.equal(onDisk, written.dumps);
});

test('credential cache key and file match botocore (SSOCredentialFetcher, JSONFileCache)', (t) => {
  if (!requireBotocore(t)) return;
  for (const key of [
    { accountId: '111122223333', roleName: 'Admin', sessionName: 'acme' },
    { accountId: '111122223333', roleName: 'Admin', startUrl: 'https://d-1.awsapps.com/start' },
    { accountId: '000000000000', roleName: 'Rôle', sessionName: 'ünï/x' },
  ]) {
    const py = botocore<{ key: string }>({ cmd: 'credential-key', ...key });
    assert.equal(credentialCacheFileName(key), `${py.key}.json`);
  }
  const cache = mkdtempSync(join(dir, 'cli-cache-'));
  const key = { accountId: '111122223333', roleName: 'Admin', sessionName: 'acme' };
  writeRoleCredentials(cache, key, {
    accessKeyId: 'ASIA1',
    secretAccessKey: 's',
    sessionToken: 't',
    expiration: new Date('2026-01-01T01:00:00Z'),
    accountId: '111122223333',
  });
  const py = botocore<{ ProviderType: string; Credentials: Record<string, string> }>({
    cmd: 'credential-read',
    dir: cache,
    key: credentialCacheFileName(key).replace(/\.json$/, ''),
  });
  assert.equal(py.ProviderType, 'sso');
  assert.deepEqual(py.Credentials, {
    AccessKeyId: 'ASIA1',
    SecretAccessKey: 's',
    SessionToken: 't',
    Expiration: '2026-01-01T01:00:00Z',
    AccountId: '111122223333',
  });
  const back = readRoleCredentials(cache, key);
  assert.equal(back.kind === 'found' && back.value.expiration.toISOString(), '2026-01-01T01:00:00.000Z');
});

test("pyJsonDumps is Python's json.dumps (the input of every cache key)", (t) => {
  if (!requireBotocore(t)) return;
  const value = {
    tool: 'botocore',
    startUrl: 'https://d-1.awsapps.com/start#/ü',
    region: 'eu-west-1',
    scopes: ['sso:account:access', 'x"y\\z'],
    session_name: 'naïve 🚀\t\u007f',
    n: null,
    i: 42,
    b: true,
  };
  const py = botocore<{ plain: string; sorted: string; compact: string }>({ cmd: 'json-dumps', value });
  assert.equal(pyJsonDumps(value), py.plain);
  assert.equal(pyJsonDumps(value, { sortKeys: true }), py.sorted);
  assert.equal(pyJsonDumps(value, { sortKeys: true, separators: [',', ':'] }), py.compact);
});
