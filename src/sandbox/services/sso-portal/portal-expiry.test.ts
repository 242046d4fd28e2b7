import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetRoleCredentialsCommand, ListAccountsCommand } from '@aws-sdk/client-sso';
import { CreateAccountAssignmentCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ManualClock } from '../../../core/clock.js';
import { type Sandbox, startSandbox } from '../../sandbox.js';
import { setTokenLifetimes } from '../sso-oidc/state.js';
import {
  oidcClient,
  portalClient,
  portalError,
  type SsoFixture,
  seedIdentityCenter,
  signInWithDeviceCode,
} from './test-fixtures.js';

describe('SSO portal with a manual clock', () => {
  const clock = new ManualClock(Date.now());
  let sb: Sandbox;
  let fx: SsoFixture;
  before(async () => {
    sb = await startSandbox({ clock, seed: 'org' });
    fx = await seedIdentityCenter(sb);
  });
  after(() => sb.stop());

  it('rejects expired access tokens, and refresh tokens never outlive the session', async () => {
    setTokenLifetimes(sb.world, { accessTokenSeconds: 60, sessionSeconds: 100 });
    const s = await signInWithDeviceCode(sb, fx, 'alice@example.com');
    assert.equal(s.expiresIn, 60);
    const sso = portalClient(sb);
    assert.equal(
      (await sso.send(new ListAccountsCommand({ accessToken: s.accessToken }))).accountList?.length,
      2,
    );
    clock.advance(61_000);
    await assert.rejects(
      sso.send(new ListAccountsCommand({ accessToken: s.accessToken })),
      portalError('UnauthorizedException', 401),
    );
    clock.advance(40_000);
    const oidc = oidcClient(sb);
    await assert.rejects(
      oidc.send(
        new CreateTokenCommand({
          clientId: s.clientId,
          clientSecret: s.clientSecret,
          grantType: 'refresh_token',
          refreshToken: s.refreshToken,
        }),
      ),
      (e: Error) => e.name === 'InvalidGrantException',
    );
    oidc.destroy();
    sso.destroy();
  });

  it('expires portal credentials with the permission set session', async () => {
    setTokenLifetimes(sb.world, undefined);
    const s = await signInWithDeviceCode(sb, fx, 'bob');
    const sso = portalClient(sb);
    const out = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: s.accessToken,
        accountId: fx.accounts.dev,
        roleName: 'ReadOnly',
      }),
    );
    assert.equal(out.roleCredentials?.expiration, clock.now() + 3600_000);
    const c = out.roleCredentials;
    const sts = new STSClient({
      endpoint: sb.url,
      region: sb.region,
      maxAttempts: 1,
      credentials: {
        accessKeyId: c?.accessKeyId ?? '',
        secretAccessKey: c?.secretAccessKey ?? '',
        sessionToken: c?.sessionToken,
      },
    });
    clock.advance(3601_000);
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (e: Error) => e.name === 'ExpiredToken');
    await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: s.accessToken,
        accountId: fx.accounts.dev,
        roleName: 'ReadOnly',
      }),
    );
    assert.equal(
      sb.world.credentials[c?.accessKeyId ?? ''],
      undefined,
      'expired portal credentials are purged',
    );
    sts.destroy();
    sso.destroy();
  });
});

describe('SSO portal and asynchronous assignments', () => {
  const clock = new ManualClock(Date.now());
  let sb: Sandbox;
  let fx: SsoFixture;
  before(async () => {
    sb = await startSandbox({ clock, seed: 'org' });
    fx = await seedIdentityCenter(sb);
  });
  after(() => sb.stop());

  it('shows an assignment once its creation has completed, with no sso-admin call in between', async () => {
    const s = await signInWithDeviceCode(sb, fx, 'carol');
    const sso = portalClient(sb);
    const before = await sso.send(new ListAccountsCommand({ accessToken: s.accessToken }));
    assert.ok(!before.accountList?.some((a) => a.accountId === fx.accounts.unassigned));
    sb.realism.config.latencyMs.createAccountAssignment = 10_000;
    const admin = new SSOAdminClient({ ...sb.clientConfig(), maxAttempts: 1 });
    const created = await admin.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: fx.instanceArn,
        PermissionSetArn: fx.permissionSets.admin.PermissionSetArn,
        TargetType: 'AWS_ACCOUNT',
        TargetId: fx.accounts.unassigned,
        PrincipalType: 'USER',
        PrincipalId: fx.users.carol.UserId,
      }),
    );
    assert.equal(created.AccountAssignmentCreationStatus?.Status, 'IN_PROGRESS');
    const pending = await sso.send(new ListAccountsCommand({ accessToken: s.accessToken }));
    assert.ok(!pending.accountList?.some((a) => a.accountId === fx.accounts.unassigned));
    clock.advance(10_001);
    const after = await sso.send(new ListAccountsCommand({ accessToken: s.accessToken }));
    assert.ok(after.accountList?.some((a) => a.accountId === fx.accounts.unassigned));
    admin.destroy();
    sso.destroy();
  });
});
