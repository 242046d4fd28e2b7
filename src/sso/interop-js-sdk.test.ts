/**
 * The AWS SDK for JavaScript v3 as a reference reader: @smithy/core's shared-ini-file-loader
 * (parseKnownFiles, loadSsoSessionData) sees onramp's profiles with the same values, and
 * @aws-sdk/token-providers' fromSso finds onramp's token through onramp's config.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fromSso } from '@aws-sdk/token-providers';
import { externalDataInterceptor, loadSsoSessionData, parseKnownFiles } from '@smithy/core/config';
import { seededRandom } from '../core/clock.js';
import { planConfigChanges } from './managed/plan.js';
import { profileNames } from './profile-names.js';
import { generateConfig, IN_SCOPE, OWNED_NAMES } from './test-config-gen.js';
import { readSsoToken, tokenCachePath, writeSsoToken } from './token-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'onramp-sso-jssdk-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const desired = {
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
      output: 'json',
    },
  ],
};

test('parseKnownFiles and loadSsoSessionData read what onramp writes', async () => {
  const config = join(dir, 'config-1');
  const base =
    '[default]\r\nregion = eu-west-1\r\n[profile user]\r\ns3 =\r\n  max_concurrent_requests = 10\r\n';
  writeFileSync(config, planConfigChanges(base, desired).newText);
  const profiles = await parseKnownFiles({
    configFilepath: config,
    filepath: join(dir, 'none'),
    ignoreCache: true,
  });
  assert.deepEqual(profiles['prod/AdministratorAccess'], {
    sso_session: 'acme',
    sso_account_id: '111122223333',
    sso_role_name: 'AdministratorAccess',
    region: 'eu-central-1',
  });
  assert.deepEqual(profiles['dev.team@x+y'], {
    sso_session: 'acme',
    sso_account_id: '444455556666',
    sso_role_name: 'ReadOnly',
    output: 'json',
  });
  assert.equal(profiles.user['s3.max_concurrent_requests'], '10', 'the user sub-section still reads');
  const sessions = await loadSsoSessionData({ configFilepath: config });
  assert.deepEqual(sessions.acme, {
    sso_start_url: 'https://d-9067642ac7.awsapps.com/start#',
    sso_region: 'us-east-2',
    sso_registration_scopes: 'sso:account:access',
  });
});

test('the JS SDK reads the synced profiles of 300 generated messy files with the intended values', async () => {
  for (let seed = 1; seed <= 300; seed++) {
    const { text } = generateConfig(seededRandom(seed));
    // The JS SDK splits lines on \r?\n only, so a file with lone-CR breaks is one line to it
    // (botocore-view reports it as js-sdk-line-breaks); onramp keeps the file's own convention.
    if (/\r(?!\n)/.test(text)) continue;
    const want = OWNED_NAMES.filter((_, i) => (seed >> i) & 1).map((name) => ({
      name,
      ssoSession: IN_SCOPE,
      accountId: '123456789012',
      roleName: 'Admin',
      region: 'eu-north-1',
    }));
    let plan: ReturnType<typeof planConfigChanges>;
    try {
      plan = planConfigChanges(
        text,
        {
          ssoSessions: [{ name: IN_SCOPE, startUrl: 'https://d-1.awsapps.com/start', region: 'ap-south-1' }],
          profiles: want,
        },
        { prune: true },
      );
    } catch (e) {
      // Sections the two readers split differently are refused (ONR-E309), not guessed at.
      assert.equal((e as { code?: string }).code, 'ONR-E309');
      continue;
    }
    const path = join(dir, `gen-${seed}`);
    externalDataInterceptor.interceptFile(path, plan.newText);
    externalDataInterceptor.interceptFile(`${path}.credentials`, '');
    const profiles = await parseKnownFiles({ configFilepath: path, filepath: `${path}.credentials` });
    for (const p of want) {
      const got = profiles[p.name];
      assert.ok(got, `seed ${seed}: ${p.name} missing in ${JSON.stringify(plan.newText)}`);
      assert.equal(got.sso_session, IN_SCOPE);
      assert.equal(got.sso_account_id, '123456789012');
      assert.equal(got.sso_role_name, 'Admin');
      assert.equal(
        got.region,
        'eu-north-1',
        `seed ${seed}: ${JSON.stringify(got)} in ${JSON.stringify(plan.newText)}`,
      );
    }
    for (const name of OWNED_NAMES)
      if (!want.some((p) => p.name === name)) assert.equal(profiles[name], undefined);
    const sessions = await loadSsoSessionData({ configFilepath: path });
    assert.equal(sessions[IN_SCOPE]?.sso_start_url, 'https://d-1.awsapps.com/start', `seed ${seed}`);
    assert.equal(sessions[IN_SCOPE]?.sso_region, 'ap-south-1');
  }
});

test("fromSso resolves profile → sso-session → onramp's token file", async () => {
  const home = mkdtempSync(join(dir, 'home-'));
  const config = join(home, 'config');
  writeFileSync(config, planConfigChanges('', desired).newText);
  const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3600_000);
  writeSsoToken(
    join(home, '.aws', 'sso', 'cache'),
    { sessionName: 'acme' },
    {
      startUrl: 'https://d-9067642ac7.awsapps.com/start#',
      region: 'us-east-2',
      accessToken: 'onramp-token',
      expiresAt,
    },
  );
  const saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE };
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = config;
  try {
    const token = await fromSso({ profile: 'prod/AdministratorAccess', ignoreCache: true })();
    assert.equal(token.token, 'onramp-token');
    assert.equal(token.expiration?.getTime(), expiresAt.getTime());
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('onramp reads a token file as the JS SDK writes it (2-space JSON, milliseconds)', () => {
  const cache = mkdtempSync(join(dir, 'cache-'));
  const token = {
    startUrl: 'https://d-1.awsapps.com/start',
    region: 'eu-west-1',
    accessToken: 'js',
    expiresAt: '2026-02-03T04:05:06.789Z',
    clientId: 'c',
    clientSecret: 's',
    registrationExpiresAt: '2026-05-01T00:00:00Z',
    refreshToken: 'r',
  };
  // What @aws-sdk/token-providers' writeSSOTokenToFile produces after a refresh.
  writeFileSync(tokenCachePath(cache, { sessionName: 'js' }), JSON.stringify(token, null, 2));
  const read = readSsoToken(cache, { sessionName: 'js' });
  assert.equal(read.kind, 'found');
  if (read.kind !== 'found') return;
  assert.equal(read.value.expiresAt.toISOString(), '2026-02-03T04:05:06.789Z');
  assert.equal(read.value.refreshToken, 'r');
});

test('every sanitised profile name reads back unchanged in the JS SDK', async () => {
  const rng = seededRandom(42);
  const alphabet = 'aZ09 _-./@+%:#;=[]"\'\\\tüé漢🚀()';
  const inputs = Array.from({ length: 200 }, (_, i) => ({
    session: 'acme',
    accountName: Array.from(
      { length: 1 + Math.floor(rng() * 12) },
      () => alphabet[Math.floor(rng() * alphabet.length)],
    ).join(''),
    accountId: String(100000000000 + i),
    roleName: rng() < 0.5 ? 'Admin' : 'Read Only (EU)',
  }));
  const names = profileNames(inputs);
  const plan = planConfigChanges('', {
    ssoSessions: [],
    profiles: names.map((name, i) => ({
      name,
      ssoSession: 'acme',
      accountId: inputs[i].accountId,
      roleName: 'R',
    })),
  });
  const path = join(dir, 'names');
  externalDataInterceptor.interceptFile(path, plan.newText);
  externalDataInterceptor.interceptFile(`${path}.credentials`, '');
  const profiles = await parseKnownFiles({ configFilepath: path, filepath: `${path}.credentials` });
  for (const [i, name] of names.entries())
    assert.equal(profiles[name]?.sso_account_id, inputs[i].accountId, name);
});
