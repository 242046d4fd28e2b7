import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DeleteUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  type SSOClient,
} from '@aws-sdk/client-sso';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useSandbox } from '../../test-support.js';
import {
  oauthError,
  oidcClient,
  portalClient,
  portalError,
  type SignIn,
  type SsoFixture,
  seedIdentityCenter,
  signInWithDeviceCode,
} from './test-fixtures.js';

describe('SSO portal', () => {
  const sb = useSandbox({ seed: 'org' });
  let fx: SsoFixture;
  let sso: SSOClient;
  const signed: Record<string, SignIn> = {};
  before(async () => {
    fx = await seedIdentityCenter(sb.current);
    sso = portalClient(sb.current);
    for (const u of ['alice@example.com', 'bob', 'carol'])
      signed[u] = await signInWithDeviceCode(sb.current, fx, u);
  });
  after(() => sso.destroy());

  const accountsOf = async (accessToken: string) =>
    (await sso.send(new ListAccountsCommand({ accessToken }))).accountList ?? [];
  const rolesOf = async (accessToken: string, accountId: string) =>
    ((await sso.send(new ListAccountRolesCommand({ accessToken, accountId }))).roleList ?? [])
      .map((r) => r.roleName)
      .sort();

  it('lists the accounts a user has through direct and group assignments', async () => {
    const alice = await accountsOf(signed['alice@example.com'].accessToken);
    assert.deepEqual(
      alice.map((a) => [a.accountId, a.accountName, a.emailAddress]).sort(),
      [fx.accounts.dev, fx.accounts.prod]
        .map((id) => [id, sb.current.world.accounts[id].name, sb.current.world.accounts[id].email])
        .sort(),
    );
    for (const a of alice) {
      assert.match(a.accountName ?? '', /^member-\d{3}$/);
      assert.match(a.emailAddress ?? '', /^member-\d{3}@example\.com$/);
    }
    assert.deepEqual(
      (await accountsOf(signed.bob.accessToken)).map((a) => a.accountId).sort(),
      [fx.accounts.dev, fx.accounts.prod].sort(),
    );
    assert.deepEqual(await accountsOf(signed.carol.accessToken), []);
  });

  it('lists the roles per account, only those provisioned there', async () => {
    const alice = signed['alice@example.com'].accessToken;
    assert.deepEqual(await rolesOf(alice, fx.accounts.dev), ['AdministratorAccess', 'ReadOnly']);
    assert.deepEqual(
      await rolesOf(alice, fx.accounts.prod),
      ['ReadOnly'],
      'Unprovisioned is assigned but not provisioned',
    );
    assert.deepEqual(await rolesOf(signed.bob.accessToken, fx.accounts.dev), ['ReadOnly']);
    assert.deepEqual(await rolesOf(alice, fx.accounts.unassigned), []);
    const list = await sso.send(
      new ListAccountRolesCommand({ accessToken: alice, accountId: fx.accounts.prod }),
    );
    assert.deepEqual(list.roleList, [{ roleName: 'ReadOnly', accountId: fx.accounts.prod }]);
  });

  it('pages with maxResults and nextToken', async () => {
    const accessToken = signed['alice@example.com'].accessToken;
    const first = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
    assert.equal(first.accountList?.length, 1);
    assert.ok(first.nextToken);
    const second = await sso.send(
      new ListAccountsCommand({ accessToken, maxResults: 1, nextToken: first.nextToken }),
    );
    assert.equal(second.accountList?.length, 1);
    assert.equal(second.nextToken, undefined);
    assert.notEqual(first.accountList?.[0].accountId, second.accountList?.[0].accountId);
    await assert.rejects(
      sso.send(
        new ListAccountRolesCommand({ accessToken, accountId: fx.accounts.dev, nextToken: first.nextToken }),
      ),
      portalError('InvalidRequestException', 400),
      'a token from another listing',
    );
    await assert.rejects(
      sso.send(new ListAccountsCommand({ accessToken, nextToken: '%%%' })),
      portalError('InvalidRequestException', 400),
    );
  });

  it('returns credentials for the AWSReservedSSO role that STS recognises', async () => {
    const before = Date.now();
    const out = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: signed['alice@example.com'].accessToken,
        accountId: fx.accounts.dev,
        roleName: 'AdministratorAccess',
      }),
    );
    const c = out.roleCredentials;
    assert.match(c?.accessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
    assert.ok(c?.secretAccessKey && c.sessionToken);
    const expiration = c?.expiration ?? 0;
    // Epoch milliseconds, two hours (the permission set's SessionDuration) from now.
    assert.ok(
      expiration >= before + 2 * 3600_000 - 5_000 && expiration <= Date.now() + 2 * 3600_000 + 5_000,
      String(expiration),
    );
    const sts = new STSClient({
      endpoint: sb.current.url,
      region: sb.current.region,
      credentials: {
        accessKeyId: c?.accessKeyId ?? '',
        secretAccessKey: c?.secretAccessKey ?? '',
        sessionToken: c?.sessionToken,
      },
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    const role = fx.roles[`AdministratorAccess|${fx.accounts.dev}`];
    assert.equal(me.Account, fx.accounts.dev);
    assert.equal(me.Arn, `arn:aws:sts::${fx.accounts.dev}:assumed-role/${role}/alice@example.com`);
    assert.match(me.UserId ?? '', /^AROA[A-Z2-7]{17}:alice@example\.com$/);
  });

  it('answers ForbiddenException for a role the user is not assigned', async () => {
    const bob = signed.bob.accessToken;
    for (const [accountId, roleName] of [
      [fx.accounts.dev, 'AdministratorAccess'],
      [fx.accounts.unassigned, 'ReadOnly'],
      [fx.accounts.prod, 'Unprovisioned'],
      [fx.accounts.dev, 'NoSuchRole'],
    ]) {
      await assert.rejects(
        sso.send(new GetRoleCredentialsCommand({ accessToken: bob, accountId, roleName })),
        portalError('ForbiddenException', 403),
        `${roleName}@${accountId}`,
      );
    }
  });

  it('rejects missing, forged and scope-less tokens with UnauthorizedException', async () => {
    for (const accessToken of ['aoaforged', signed.bob.refreshToken ?? 'x']) {
      await assert.rejects(
        sso.send(new ListAccountsCommand({ accessToken })),
        portalError('UnauthorizedException', 401),
      );
    }
    const raw = await fetch(`${sb.current.url}/assignment/accounts`);
    assert.equal(raw.status, 401);
    assert.equal(raw.headers.get('x-amzn-errortype'), 'UnauthorizedException');
    const other = await signInWithDeviceCode(sb.current, fx, 'bob', ['codewhisperer:completions']);
    await assert.rejects(
      sso.send(new ListAccountsCommand({ accessToken: other.accessToken })),
      portalError('UnauthorizedException', 401),
    );
  });

  it('logs out: the token and its refresh token stop working, issued credentials keep working', async () => {
    const s = await signInWithDeviceCode(sb.current, fx, 'bob');
    const creds = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: s.accessToken,
        accountId: fx.accounts.prod,
        roleName: 'ReadOnly',
      }),
    );
    await sso.send(new LogoutCommand({ accessToken: s.accessToken }));
    await assert.rejects(
      sso.send(new ListAccountsCommand({ accessToken: s.accessToken })),
      portalError('UnauthorizedException', 401),
    );
    await assert.rejects(
      sso.send(new LogoutCommand({ accessToken: s.accessToken })),
      portalError('UnauthorizedException', 401),
    );
    const c = creds.roleCredentials;
    const sts = new STSClient({
      endpoint: sb.current.url,
      region: sb.current.region,
      credentials: {
        accessKeyId: c?.accessKeyId ?? '',
        secretAccessKey: c?.secretAccessKey ?? '',
        sessionToken: c?.sessionToken,
      },
    });
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, fx.accounts.prod);
    sts.destroy();
    // Other sign-ins are untouched.
    assert.equal((await accountsOf(signed.bob.accessToken)).length, 2);
  });

  it('validates parameters', async () => {
    const accessToken = signed.bob.accessToken;
    await assert.rejects(
      sso.send(new ListAccountsCommand({ accessToken, maxResults: 101 })),
      portalError('InvalidRequestException', 400),
    );
    const res = await fetch(`${sb.current.url}/federation/credentials?role_name=ReadOnly`, {
      headers: { 'x-amz-sso_bearer_token': accessToken },
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-amzn-errortype'), 'InvalidRequestException');
  });

  it('answers No access when the reserved role was deleted behind Identity Center', async () => {
    const iam = sb.current.world.accounts[fx.accounts.prod].iam;
    const key = fx.roles[`ReadOnly|${fx.accounts.prod}`].toLowerCase();
    const role = iam.roles[key];
    delete iam.roles[key];
    try {
      await assert.rejects(
        sso.send(
          new GetRoleCredentialsCommand({
            accessToken: signed.bob.accessToken,
            accountId: fx.accounts.prod,
            roleName: 'ReadOnly',
          }),
        ),
        portalError('ForbiddenException', 403),
      );
    } finally {
      iam.roles[key] = role;
    }
  });

  it('ends the sign-in of a user deleted from the identity store', async () => {
    const s = await signInWithDeviceCode(sb.current, fx, 'carol');
    const ids = new IdentitystoreClient(sb.current.clientConfig());
    await ids.send(
      new DeleteUserCommand({ IdentityStoreId: fx.identityStoreId, UserId: fx.users.carol.UserId }),
    );
    ids.destroy();
    await assert.rejects(
      sso.send(new ListAccountsCommand({ accessToken: s.accessToken })),
      portalError('UnauthorizedException', 401),
    );
    const oidc = oidcClient(sb.current);
    await assert.rejects(
      oidc.send(
        new CreateTokenCommand({
          clientId: s.clientId,
          clientSecret: s.clientSecret,
          grantType: 'refresh_token',
          refreshToken: s.refreshToken,
        }),
      ),
      oauthError('InvalidGrantException', 'invalid_grant'),
    );
    oidc.destroy();
  });
});
