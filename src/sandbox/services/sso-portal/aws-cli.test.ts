import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { useSandbox } from '../../test-support.js';
import { type AwsHome, writeAwsHome } from './test-aws-home.js';
import { type SsoFixture, seedIdentityCenter, signInWithDeviceCode } from './test-fixtures.js';

const run = promisify(execFile);

/** The AWS CLI v1 (botocore) on this machine, or why not. */
async function awsCli(): Promise<string | undefined> {
  try {
    await run('aws', ['--version'], { timeout: 60_000 });
    return undefined;
  } catch (e) {
    return `aws CLI not available: ${(e as Error).message}`;
  }
}

describe('AWS CLI v1 / botocore SSO profiles against the sandbox', () => {
  const sb = useSandbox({ seed: 'org' });
  let fx: SsoFixture;
  let missing: string | undefined;
  const homes: AwsHome[] = [];
  before(async () => {
    fx = await seedIdentityCenter(sb.current);
    missing = await awsCli();
  });
  after(() => {
    for (const h of homes) rmSync(h.home, { recursive: true, force: true });
  });

  function skipIfMissing(t: TestContext): boolean {
    if (!missing) return false;
    if (process.env.CI === 'true') assert.fail(missing);
    t.skip(missing);
    return true;
  }

  async function callerIdentity(home: AwsHome, profile: string): Promise<{ Arn: string; Account: string }> {
    const url = sb.current.url;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home.home,
      AWS_DEFAULT_REGION: sb.current.region,
      AWS_ENDPOINT_URL: url,
      AWS_ENDPOINT_URL_SSO: url,
      AWS_ENDPOINT_URL_SSO_OIDC: url,
      AWS_EC2_METADATA_DISABLED: 'true',
      PYTHONWARNINGS: 'ignore',
    };
    if (process.env.PYENV_ROOT) env.PYENV_ROOT = process.env.PYENV_ROOT;
    const { stdout } = await run(
      'aws',
      ['sts', 'get-caller-identity', '--profile', profile, '--output', 'json'],
      {
        env,
        timeout: 120_000,
      },
    );
    return JSON.parse(stdout) as { Arn: string; Account: string };
  }

  it('aws sts get-caller-identity --profile uses the cached token and the portal', async (t) => {
    if (skipIfMissing(t)) return;
    const signIn = await signInWithDeviceCode(sb.current, fx, 'alice@example.com');
    const home = writeAwsHome({
      sb: sb.current,
      fixture: fx,
      session: 'corp',
      profiles: { 'dev-admin': { accountId: fx.accounts.dev, roleName: 'AdministratorAccess' } },
      signIn,
      expiresAt: Date.now() + 4 * 3600_000,
    });
    homes.push(home);
    sb.current.resetCalls();
    const me = await callerIdentity(home, 'dev-admin');
    assert.equal(me.Account, fx.accounts.dev);
    assert.equal(
      me.Arn,
      `arn:aws:sts::${fx.accounts.dev}:assumed-role/${fx.roles[`AdministratorAccess|${fx.accounts.dev}`]}/alice@example.com`,
    );
    assert.equal(sb.current.calls()['sso-portal']?.GetRoleCredentials, 1);
    assert.equal(sb.current.calls()['sso-oidc']?.CreateToken, undefined);
  });

  it('botocore refreshes a token inside its 15-minute window through the sandbox', async (t) => {
    if (skipIfMissing(t)) return;
    const signIn = await signInWithDeviceCode(sb.current, fx, 'bob');
    const home = writeAwsHome({
      sb: sb.current,
      fixture: fx,
      session: 'corp',
      profiles: { 'prod-ro': { accountId: fx.accounts.prod, roleName: 'ReadOnly' } },
      signIn,
      expiresAt: Date.now() + 5 * 60_000,
    });
    homes.push(home);
    sb.current.resetCalls();
    const me = await callerIdentity(home, 'prod-ro');
    assert.equal(
      me.Arn,
      `arn:aws:sts::${fx.accounts.prod}:assumed-role/${fx.roles[`ReadOnly|${fx.accounts.prod}`]}/bob`,
    );
    assert.equal(sb.current.calls()['sso-oidc']?.CreateToken, 1);
    const cached = JSON.parse(readFileSync(home.tokenPath, 'utf8')) as Record<string, string>;
    assert.notEqual(cached.accessToken, signIn.accessToken);
    assert.ok(
      cached.refreshToken && cached.refreshToken !== signIn.refreshToken,
      'the rotated refresh token is cached',
    );
    assert.ok(Date.parse(cached.expiresAt) > Date.now() + 7 * 3600_000);
  });

  it('surfaces the portal errors by name', async (t) => {
    if (skipIfMissing(t)) return;
    const signIn = await signInWithDeviceCode(sb.current, fx, 'carol');
    const home = writeAwsHome({
      sb: sb.current,
      fixture: fx,
      session: 'corp',
      profiles: { nope: { accountId: fx.accounts.dev, roleName: 'ReadOnly' } },
      signIn: { ...signIn, accessToken: 'aoaforged' },
      expiresAt: Date.now() + 4 * 3600_000,
    });
    homes.push(home);
    // botocore turns the portal's UnauthorizedException (and only that) into UnauthorizedSSOTokenError.
    await assert.rejects(
      callerIdentity(home, 'nope'),
      /SSO session associated with this profile has expired or is otherwise invalid/,
    );
    const fresh = writeAwsHome({
      sb: sb.current,
      fixture: fx,
      session: 'corp',
      profiles: { nope: { accountId: fx.accounts.dev, roleName: 'ReadOnly' } },
      signIn,
      expiresAt: Date.now() + 4 * 3600_000,
    });
    homes.push(fresh);
    await assert.rejects(callerIdentity(fresh, 'nope'), /ForbiddenException.*No access/);
  });
});
