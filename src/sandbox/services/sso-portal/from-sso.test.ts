import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromSSO } from '@aws-sdk/credential-providers';
import { useSandbox } from '../../test-support.js';
import { type AwsHome, writeAwsHome } from './test-aws-home.js';
import { type SsoFixture, seedIdentityCenter, signInWithDeviceCode } from './test-fixtures.js';

describe('fromSSO (JS SDK credential provider) against the sandbox', () => {
  const sb = useSandbox({ seed: 'org' });
  let fx: SsoFixture;
  const homes: AwsHome[] = [];
  const savedHome = process.env.HOME;
  before(async () => {
    fx = await seedIdentityCenter(sb.current);
  });
  after(() => {
    process.env.HOME = savedHome;
    for (const h of homes) rmSync(h.home, { recursive: true, force: true });
  });

  async function callerWith(profile: string): Promise<{ arn?: string; account?: string; expiration?: Date }> {
    const provider = fromSSO({ profile, ignoreCache: true, clientConfig: { endpoint: sb.current.url } });
    const creds = await provider();
    const sts = new STSClient({ endpoint: sb.current.url, region: sb.current.region, credentials: creds });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    return { arn: me.Arn, account: me.Account, expiration: creds.expiration };
  }

  it('resolves credentials from the CLI v2 token cache', async () => {
    const signIn = await signInWithDeviceCode(sb.current, fx, 'alice@example.com');
    const home = writeAwsHome({
      sb: sb.current,
      fixture: fx,
      session: 'corp',
      profiles: {
        'dev-admin': { accountId: fx.accounts.dev, roleName: 'AdministratorAccess' },
        'prod-ro': { accountId: fx.accounts.prod, roleName: 'ReadOnly' },
      },
      signIn,
      expiresAt: Date.now() + 3600_000,
    });
    homes.push(home);
    process.env.HOME = home.home;
    sb.current.resetCalls();

    const dev = await callerWith('dev-admin');
    const devRole = fx.roles[`AdministratorAccess|${fx.accounts.dev}`];
    assert.equal(dev.account, fx.accounts.dev);
    assert.equal(dev.arn, `arn:aws:sts::${fx.accounts.dev}:assumed-role/${devRole}/alice@example.com`);
    assert.ok(dev.expiration && Math.abs(dev.expiration.getTime() - (Date.now() + 2 * 3600_000)) < 10_000);
    const prod = await callerWith('prod-ro');
    assert.equal(
      prod.arn,
      `arn:aws:sts::${fx.accounts.prod}:assumed-role/${fx.roles[`ReadOnly|${fx.accounts.prod}`]}/alice@example.com`,
    );
    assert.equal(sb.current.calls()['sso-portal']?.GetRoleCredentials, 2);
    assert.equal(sb.current.calls()['sso-oidc']?.CreateToken, undefined, 'a fresh token is not refreshed');
  });

  it('refreshes a token about to expire through the refresh_token grant', async () => {
    const signIn = await signInWithDeviceCode(sb.current, fx, 'bob');
    const home = writeAwsHome({
      sb: sb.current,
      fixture: fx,
      session: 'corp-refresh',
      profiles: { 'prod-ro': { accountId: fx.accounts.prod, roleName: 'ReadOnly' } },
      signIn,
      // Inside the JS SDK's 5-minute refresh window.
      expiresAt: Date.now() + 120_000,
    });
    homes.push(home);
    process.env.HOME = home.home;
    sb.current.resetCalls();

    const prod = await callerWith('prod-ro');
    assert.equal(prod.account, fx.accounts.prod);
    assert.match(prod.arn ?? '', /assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/bob$/);
    assert.equal(sb.current.calls()['sso-oidc']?.CreateToken, 1);
    const cached = JSON.parse(readFileSync(home.tokenPath, 'utf8')) as Record<string, string>;
    assert.notEqual(cached.accessToken, signIn.accessToken);
    assert.notEqual(cached.refreshToken, signIn.refreshToken);
    assert.ok(Date.parse(cached.expiresAt) > Date.now() + 7 * 3600_000);
  });

  it('fails clearly when the role is not assigned', async () => {
    const signIn = await signInWithDeviceCode(sb.current, fx, 'carol');
    const home = writeAwsHome({
      sb: sb.current,
      fixture: fx,
      session: 'corp-carol',
      profiles: { nope: { accountId: fx.accounts.dev, roleName: 'AdministratorAccess' } },
      signIn,
      expiresAt: Date.now() + 3600_000,
    });
    homes.push(home);
    process.env.HOME = home.home;
    await assert.rejects(callerWith('nope'), /No access/);
  });
});
