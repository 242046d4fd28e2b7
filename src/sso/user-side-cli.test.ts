/**
 * The user side end to end with the built CLI against the sandbox's Identity Center: configure →
 * login (device code, auto-approved) → sync; then botocore and the AWS CLI use the synced profiles
 * from onramp's files alone, botocore reads onramp's token and onramp reads botocore's; PKCE login
 * through a loopback redirect; whoami, exec, console; sync --prune; logout. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assignmentKey } from '../sandbox/services/sso-admin/model.js';
import { type SsoFixture, seedIdentityCenter } from '../sandbox/services/sso-portal/test-fixtures.js';
import { useSandbox } from '../sandbox/test-support.js';
import { registrationCacheFileName } from './client-registration.js';
import { botocore, hasBotocore } from './test-botocore.js';
import {
  autoApprovedSignIn,
  needPeer,
  portalCalls,
  runAsync as run,
  type TempHome,
  tempHome,
} from './test-user-side.js';
import { tokenCacheFileName } from './token-cache.js';

const FAKE_BROWSER = fileURLToPath(new URL('./test-fake-browser.mjs', import.meta.url));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('onramp sso configure → login → sync, and the AWS tools using the result', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3, autoApprove: 'alice@example.com' });
  let fx: SsoFixture;
  let h: TempHome;
  /** Profile names sync gives: `{account name}/{role}`. */
  let dev: { admin: string; readOnly: string };
  let prod: string;
  const oidcCalls = () => sb.current.calls()['sso-oidc'] ?? {};
  const peerEnv = () => ({
    HOME: h.home,
    AWS_ENDPOINT_URL: sb.current.url,
    AWS_ENDPOINT_URL_SSO: sb.current.url,
    AWS_ENDPOINT_URL_SSO_OIDC: sb.current.url,
    AWS_DEFAULT_REGION: sb.current.region,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const tokenFile = () => h.path('.aws', 'sso', 'cache', tokenCacheFileName({ sessionName: 'corp' }));

  before(async () => {
    fx = await seedIdentityCenter(sb.current);
    h = tempHome(() => sb.current.url);
    const name = (id: string) => sb.current.world.accounts[id].name;
    dev = {
      admin: `${name(fx.accounts.dev)}/AdministratorAccess`,
      readOnly: `${name(fx.accounts.dev)}/ReadOnly`,
    };
    prod = `${name(fx.accounts.prod)}/ReadOnly`;
  });
  after(() => h.cleanup());

  it('configure writes [sso-session corp]; --dry-run prints the diff and writes nothing', async () => {
    const args = [
      'sso',
      'configure',
      '--session',
      'corp',
      '--start-url',
      fx.startUrl,
      '--region',
      sb.current.region,
    ];
    const dry = await h.cli([...args, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^\+\[sso-session corp\]$/m);
    assert.throws(() => statSync(h.path('.aws', 'config')), /ENOENT/);
    const r = await h.cli(args);
    assert.equal(r.code, 0, r.stderr);
    const config = h.read('.aws', 'config');
    assert.match(
      config,
      /\[sso-session corp\]\nsso_start_url = https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n/,
    );
    assert.equal(mode(h.path('.aws', 'config')), 0o600);
    assert.equal((await h.cli(args)).stdout.startsWith('unchanged:'), true);
  });

  it('login with the device code (auto-approved) caches the token as the AWS CLI v2 does, and reuses the registration', async () => {
    const before = oidcCalls().RegisterClient ?? 0;
    const r = await h.cli(['sso', 'login', '--session', 'corp', '--device-code', '--no-browser']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\/device\n[\s\S]*enter the code: [A-Z]{4}-[A-Z]{4}/);
    const text = readFileSync(tokenFile(), 'utf8');
    assert.match(
      text,
      /^\{"startUrl": "https:[^"]+", "region": "us-east-1", "accessToken": "[^"]+", "expiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "clientId": "[^"]+", "clientSecret": "[^"]+", "registrationExpiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "refreshToken": "[^"]+"\}$/,
    );
    assert.equal(mode(tokenFile()), 0o600);
    assert.equal(mode(h.path('.aws', 'sso')), 0o700);
    assert.equal(mode(h.path('.aws', 'sso', 'cache')), 0o700);
    const regFile = h.path(
      '.aws',
      'sso',
      'cache',
      registrationCacheFileName({
        startUrl: fx.startUrl,
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'corp',
      }),
    );
    assert.equal(mode(regFile), 0o600);
    assert.equal(oidcCalls().RegisterClient, before + 1);
    const again = await h.cli(['sso', 'login', '--device-code', '--no-browser']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(oidcCalls().RegisterClient, before + 1, 'the cached registration is reused');
  });

  it('sync writes one profile per account and role; a second sync changes nothing', async () => {
    const r = await h.cli(['sso', 'sync', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.accounts, 2);
    assert.equal(summary.roles, 3);
    assert.deepEqual([...summary.profiles].sort(), [dev.admin, dev.readOnly, prod].sort());
    assert.equal(summary.added, 3);
    assert.equal(summary.calls['sso:ListAccounts'], 1);
    assert.equal(summary.calls['sso:ListAccountRoles'], 2);
    const config = h.read('.aws', 'config');
    assert.match(
      config,
      new RegExp(
        `\\[profile ${dev.admin}\\]\\nsso_session = corp\\nsso_account_id = ${fx.accounts.dev}\\nsso_role_name = AdministratorAccess\\nregion = us-east-1\\n`,
      ),
    );
    const again = JSON.parse((await h.cli(['sso', 'sync', '--json'])).stdout);
    assert.equal(again.added + again.updated + again.removed, 0);
  });

  it('botocore resolves a synced profile from onramp’s files alone, and the AWS CLI runs with it', async (t) => {
    if (!needPeer(t, hasBotocore(), 'python3 with botocore')) return;
    const py = await run(
      'python3',
      [
        '-c',
        `import botocore.session, json; s = botocore.session.Session(profile='${dev.admin}'); c = s.get_credentials().get_frozen_credentials(); print(json.dumps({'key': c.access_key, 'arn': s.create_client('sts').get_caller_identity()['Arn']}))`,
      ],
      { PATH: process.env.PATH ?? '', ...peerEnv() },
    );
    assert.equal(py.status, 0, py.stderr);
    const out = JSON.parse(py.stdout);
    assert.match(out.key, /^ASIA/);
    assert.match(
      out.arn,
      new RegExp(
        `^arn:aws:sts::${fx.accounts.dev}:assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}/alice@example.com$`,
      ),
    );
    const aws = await run('aws', ['sts', 'get-caller-identity', '--profile', prod, '--output', 'json'], {
      PATH: process.env.PATH ?? '',
      ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
      ...peerEnv(),
    });
    if (!needPeer(t, !aws.missing, 'the aws CLI')) return;
    assert.equal(aws.status, 0, aws.stderr);
    assert.equal(JSON.parse(aws.stdout).Account, fx.accounts.prod);
  });

  it('botocore’s SSO token provider reads the token onramp wrote', (t) => {
    if (!needPeer(t, hasBotocore(), 'python3 with botocore')) return;
    const written = JSON.parse(readFileSync(tokenFile(), 'utf8'));
    const provided = botocore<{ token: string; expiration: string }>(
      { cmd: 'sso-token-provider', profile: dev.readOnly },
      { HOME: h.home },
    );
    assert.equal(provided.token, written.accessToken);
    assert.equal(new Date(provided.expiration).getTime(), new Date(written.expiresAt).getTime());
  });

  it('whoami, exec and console use the profile’s credentials', async () => {
    const who = await h.cli(['whoami', '--profile', dev.readOnly, '--json']);
    assert.equal(who.code, 0, who.stderr);
    assert.equal(JSON.parse(who.stdout).account, fx.accounts.dev);
    const script =
      'console.log(JSON.stringify({argv: process.argv.slice(1), id: process.env.AWS_ACCESS_KEY_ID, secret: !!process.env.AWS_SECRET_ACCESS_KEY, token: !!process.env.AWS_SESSION_TOKEN, exp: process.env.AWS_CREDENTIAL_EXPIRATION, region: process.env.AWS_REGION, profile: process.env.AWS_PROFILE ?? null})); process.exit(7)';
    const ex = await h.cli(
      ['exec', '--profile', dev.readOnly, '--', process.execPath, '-e', script, 'arg1'],
      { AWS_PROFILE: 'other' },
    );
    assert.equal(ex.code, 7, ex.stderr);
    const seen = JSON.parse(ex.stdout);
    assert.match(seen.id, /^ASIA/);
    assert.deepEqual([seen.secret, seen.token, seen.region, seen.profile], [true, true, 'us-east-1', null]);
    assert.match(seen.exp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(seen.argv, ['arg1'], 'no secret on the command line');
    const con = await h.cli(['console', '--profile', dev.readOnly, '--print']);
    assert.equal(con.code, 0, con.stderr);
    assert.match(
      con.stdout,
      new RegExp(
        `^${sb.current.url}/federation\\?Action=login&Issuer=onramp&Destination=https%3A%2F%2Fconsole\\.aws\\.amazon\\.com`,
      ),
    );
    assert.match(con.stderr, /sandbox has no console/);
  });

  it('login --browser: PKCE with a loopback redirect; a redirect with a forged state is refused', async () => {
    const log = h.path('browser.log');
    const browser = `${process.execPath} ${FAKE_BROWSER}`;
    const r = await h.cli(['sso', 'login', '--browser'], { BROWSER: browser, FAKE_BROWSER_LOG: log });
    assert.equal(r.code, 0, r.stderr);
    const url = new URL(readFileSync(log, 'utf8').trim());
    assert.equal(url.pathname, '/authorize');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(url.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    assert.equal(JSON.parse(readFileSync(tokenFile(), 'utf8')).refreshToken !== undefined, true);
    const forged = await h.cli(['sso', 'login', '--browser'], {
      BROWSER: browser,
      FAKE_BROWSER_STATE: 'not-the-state',
    });
    assert.equal(forged.code, 1);
    assert.match(forged.stderr, /ONR-E323.*wrong state/);
  });

  it('onramp uses a token that botocore wrote', async (t) => {
    if (!needPeer(t, hasBotocore(), 'python3 with botocore')) return;
    const signIn = await autoApprovedSignIn(sb.current.url, fx.startUrl);
    rmSync(tokenFile());
    rmSync(h.path('.aws', 'cli'), { recursive: true, force: true });
    botocore({
      cmd: 'token-write',
      dir: h.path('.aws', 'sso', 'cache'),
      startUrl: fx.startUrl,
      sessionName: 'corp',
      token: {
        startUrl: fx.startUrl,
        region: 'us-east-1',
        accessToken: signIn.accessToken,
        clientId: signIn.clientId,
        clientSecret: signIn.clientSecret,
        refreshToken: signIn.refreshToken,
      },
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
      registrationExpiresAt: signIn.clientSecretExpiresAt,
    });
    const before = portalCalls(sb.current).GetRoleCredentials ?? 0;
    const r = await h.cli(['creds', '--profile', prod]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(JSON.parse(r.stdout).AccessKeyId, /^ASIA/);
    assert.equal(portalCalls(sb.current).GetRoleCredentials, before + 1);
  });

  it('sync keeps a profile whose role went away unless --prune; --dry-run shows the removal first', async () => {
    const state = sb.current.world.ssoAdmin;
    const gone = {
      PermissionSetArn: fx.permissionSets.readOnly.PermissionSetArn,
      AccountId: fx.accounts.prod,
      PrincipalType: 'GROUP' as const,
      PrincipalId: fx.developersGroupId,
    };
    delete state.assignments[assignmentKey(gone)];
    const kept = JSON.parse((await h.cli(['sso', 'sync', '--json'])).stdout);
    assert.equal(kept.removed, 0);
    assert.ok(h.read('.aws', 'config').includes(`[profile ${prod}]`));
    const dry = await h.cli(['sso', 'sync', '--prune', '--dry-run']);
    assert.ok(dry.stdout.split('\n').includes(`-[profile ${prod}]`), dry.stdout);
    assert.ok(h.read('.aws', 'config').includes(`[profile ${prod}]`), 'a dry run writes nothing');
    const pruned = JSON.parse((await h.cli(['sso', 'sync', '--prune', '--json'])).stdout);
    assert.equal(pruned.removed, 1);
    assert.ok(!h.read('.aws', 'config').includes(prod));
    assert.match(h.read('.aws', 'config'), /\[sso-session corp\]/, 'the session onramp owns stays');
    assert.ok(statSync(h.path('.aws', 'config.onramp.bak')).isFile());
  });

  it('logout ends the portal session and deletes the token and the cached SSO credentials', async () => {
    const cached = await h.cli(['creds', '--profile', dev.readOnly]);
    assert.equal(cached.code, 0, cached.stderr);
    assert.ok(readdirSync(h.path('.aws', 'cli', 'cache')).length >= 1);
    const before = portalCalls(sb.current).Logout ?? 0;
    const r = await h.cli(['sso', 'logout', '--session', 'corp']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(portalCalls(sb.current).Logout, before + 1);
    assert.throws(() => statSync(tokenFile()), /ENOENT/);
    assert.deepEqual(readdirSync(h.path('.aws', 'cli', 'cache')), []);
    const after = await h.cli(['creds', '--profile', dev.readOnly]);
    assert.equal(after.code, 1);
    assert.match(after.stderr, /ONR-E322/);
    assert.match(after.stderr, /onramp sso login --session corp/);
    assert.ok(
      readdirSync(h.path('.aws', 'sso', 'cache')).some((n) => n.endsWith('.json')),
      'registrations stay',
    );
  });
});
