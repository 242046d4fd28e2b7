/**
 * `onramp creds` with the built CLI against the sandbox: a miss calls GetRoleCredentials once and
 * caches 0600 in the AWS CLI's format; a hit prints the same bytes without any call and without
 * loading the AWS SDK or commander; credentials near expiry and tokens near expiry are renewed the
 * CLI's way; an expired sign-in is a clear ONR-E322 with the login command. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { BIN } from '../cli/test-run-cli.js';
import { seedIdentityCenter } from '../sandbox/services/sso-portal/test-fixtures.js';
import { useSandbox } from '../sandbox/test-support.js';
import { readAwsSetup } from './aws-setup.js';
import { configureSession } from './configure.js';
import { credentialCacheFileName, readRoleCredentials, writeRoleCredentials } from './credential-cache.js';
import { login } from './login.js';
import { findSession } from './session-config.js';
import type { SsoContext } from './sso-context.js';
import { syncProfiles } from './sync.js';
import { portalCalls, type TempHome, tempHome, totalCalls } from './test-user-side.js';
import { readSsoToken, writeSsoToken } from './token-cache.js';

describe('onramp creds', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3, autoApprove: 'alice@example.com' });
  let h: TempHome;
  let profile: string;
  let accountId: string;
  const ctx = (): SsoContext => ({ env: {}, home: h.home, endpointUrl: sb.current.url });
  const credsFile = () =>
    h.path(
      '.aws',
      'cli',
      'cache',
      credentialCacheFileName({ accountId, roleName: 'ReadOnly', sessionName: 'corp' }),
    );
  const tokenKey = { sessionName: 'corp' };
  const tokenDir = () => h.path('.aws', 'sso', 'cache');

  before(async () => {
    const fx = await seedIdentityCenter(sb.current);
    h = tempHome(() => sb.current.url);
    accountId = fx.accounts.dev;
    profile = `${sb.current.world.accounts[accountId].name}/ReadOnly`;
    await configureSession(ctx(), {
      name: 'corp',
      startUrl: fx.startUrl,
      region: sb.current.region,
      registrationScopes: ['sso:account:access'],
    });
    await login(ctx(), findSession(readAwsSetup({ home: h.home, env: {} }), 'corp'), {
      flow: 'device',
      openBrowser: false,
    });
    await syncProfiles(ctx(), { session: 'corp' });
  });
  after(() => h.cleanup());

  it('a miss calls GetRoleCredentials once and caches the credentials 0600 in the AWS CLI’s format', async () => {
    const before = portalCalls(sb.current).GetRoleCredentials ?? 0;
    const r = await h.cli(['creds', '--profile', profile]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), [
      'Version',
      'AccessKeyId',
      'SecretAccessKey',
      'SessionToken',
      'Expiration',
    ]);
    assert.equal(out.Version, 1);
    assert.match(out.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(portalCalls(sb.current).GetRoleCredentials, before + 1);
    assert.equal(statSync(credsFile()).mode & 0o777, 0o600);
    assert.equal(statSync(h.path('.aws', 'cli', 'cache')).mode & 0o777, 0o700);
    const cached = JSON.parse(readFileSync(credsFile(), 'utf8'));
    assert.equal(cached.ProviderType, 'sso');
    assert.equal(cached.Credentials.AccessKeyId, out.AccessKeyId);
    assert.equal(cached.Credentials.Expiration, out.Expiration);
  });

  it('a hit prints identical JSON with no network call, every format', async () => {
    const first = await h.cli(['creds', '--profile', profile]);
    const calls = totalCalls(sb.current);
    const again = await h.cli(['creds', '--profile', profile]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, first.stdout);
    const env = await h.cli(['creds', '--profile', profile, '--format', 'env']);
    assert.match(env.stdout, /^export AWS_ACCESS_KEY_ID='ASIA[A-Z0-9]+'\n/);
    assert.match(env.stdout, /^export AWS_REGION='us-east-1'$/m);
    const json = JSON.parse((await h.cli(['creds', '--profile', profile, '--format', 'json'])).stdout);
    assert.equal(json.AccountId, accountId);
    assert.equal(totalCalls(sb.current), calls, 'the sandbox saw no call');
  });

  it('the warm path loads neither the AWS SDK nor commander nor the CLI', async () => {
    const dir = h.path('hooks');
    const log = join(dir, 'loaded.log');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`,
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
    );
    // CommonJS loads (the bin and its bundle) do not pass the ESM hooks: list require's cache on exit.
    writeFileSync(
      join(dir, 'cjs.cjs'),
      `process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n') + '\\n'));\n`,
    );
    const run = (args: string[]) =>
      new Promise<number | null>((resolve) => {
        writeFileSync(log, '');
        const child = spawn(
          process.execPath,
          ['--require', join(dir, 'cjs.cjs'), '--import', join(dir, 'register.mjs'), BIN, ...args],
          { env: { ...process.env, ...h.env }, stdio: 'ignore' },
        );
        child.on('close', resolve);
      });
    assert.equal(await run(['creds', '--profile', profile]), 0);
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    assert.ok(
      loaded.some((u) => u.endsWith('/dist/creds-fast.cjs')),
      loaded.join('\n'),
    );
    assert.deepEqual(
      loaded.filter((u) => /@aws-sdk|@smithy|commander|\/dist\/cli\//.test(u)),
      [],
    );
    // Nor did the bundle take any of it in (esbuild marks each bundled file with its path).
    const bundle = readFileSync(new URL('../../dist/creds-fast.cjs', import.meta.url), 'utf8');
    assert.doesNotMatch(bundle, /node_modules\/|dist\/cli\//);
    // A miss (here: an unknown profile) falls through to the full CLI.
    assert.notEqual(await run(['creds', '--profile', 'nope']), 0);
    assert.ok(readFileSync(log, 'utf8').includes('/dist/cli/main.js'));
  });

  it('credentials with less than 15 minutes left are fetched again (the AWS CLI’s window)', async () => {
    const cached = readRoleCredentials(h.path('.aws', 'cli', 'cache'), {
      accountId,
      roleName: 'ReadOnly',
      sessionName: 'corp',
    });
    assert.equal(cached.kind, 'found');
    if (cached.kind !== 'found') return;
    writeRoleCredentials(
      h.path('.aws', 'cli', 'cache'),
      { accountId, roleName: 'ReadOnly', sessionName: 'corp' },
      { ...cached.value, expiration: new Date(Date.now() + 14 * 60_000) },
    );
    const before = portalCalls(sb.current).GetRoleCredentials ?? 0;
    const r = await h.cli(['creds', '--profile', profile]);
    assert.equal(r.code, 0, r.stderr);
    assert.notEqual(JSON.parse(r.stdout).AccessKeyId, cached.value.accessKeyId);
    assert.equal(portalCalls(sb.current).GetRoleCredentials, before + 1);
  });

  it('a token within 15 minutes of expiry is refreshed with its refresh token, not a new sign-in', async () => {
    const read = readSsoToken(tokenDir(), tokenKey);
    assert.equal(read.kind, 'found');
    if (read.kind !== 'found') return;
    writeSsoToken(tokenDir(), tokenKey, { ...read.value, expiresAt: new Date(Date.now() + 10 * 60_000) });
    writeFileSync(credsFile(), '{}');
    const oidc = () => sb.current.calls()['sso-oidc'] ?? {};
    const before = { token: oidc().CreateToken ?? 0, register: oidc().RegisterClient ?? 0 };
    const r = await h.cli(['creds', '--profile', profile]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(oidc().CreateToken, before.token + 1);
    assert.equal(oidc().RegisterClient ?? 0, before.register);
    const after = readSsoToken(tokenDir(), tokenKey);
    assert.ok(after.kind === 'found');
    assert.notEqual(after.value.accessToken, read.value.accessToken);
    assert.notEqual(after.value.refreshToken, read.value.refreshToken, 'the refresh token rotates');
    assert.ok(after.value.expiresAt.getTime() > Date.now() + 60 * 60_000);
  });

  it('an expired token that cannot be refreshed: exit 1, ONR-E322 and the login command', async () => {
    const read = readSsoToken(tokenDir(), tokenKey);
    assert.ok(read.kind === 'found');
    writeSsoToken(tokenDir(), tokenKey, {
      ...read.value,
      expiresAt: new Date(Date.now() - 60_000),
      refreshToken: undefined,
    });
    for (const f of readdirSync(h.path('.aws', 'cli', 'cache')))
      writeFileSync(h.path('.aws', 'cli', 'cache', f), '{}');
    const calls = totalCalls(sb.current);
    const r = await h.cli(['creds', '--profile', profile]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /error ONR-E322: .*config:\d+: using sso-session corp: the SSO token expired at/);
    assert.match(r.stderr, /hint: sign in: onramp sso login --session corp/);
    assert.equal(totalCalls(sb.current), calls, 'nothing was called with the expired token');
  });
});
