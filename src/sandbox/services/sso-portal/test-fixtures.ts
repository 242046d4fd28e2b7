/**
 * Shared fixtures for the SSO OIDC and portal tests: an Identity Center world (instance, users,
 * groups, permission sets, assignments, provisioned AWSReservedSSO roles) built through the real
 * Organizations, identitystore and sso-admin APIs, and sign-in helpers that use the real
 * SSOOIDCClient. Excluded from the build (test-*.ts).
 */

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOClient } from '@aws-sdk/client-sso';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListInstancesCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { putRecord } from '../../record-index.js';
import type { Sandbox } from '../../sandbox.js';
import type { IdsUser } from '../identitystore/model.js';
import { provisionedRoleName } from '../sso-admin/internal.js';
import { assignmentKey, type PermissionSet } from '../sso-admin/model.js';
import { approveDeviceCode } from '../sso-oidc/device.js';

export interface SsoFixture {
  instanceArn: string;
  identityStoreId: string;
  startUrl: string;
  /** dev: alice has AdministratorAccess directly, developers have ReadOnly. prod: developers ReadOnly. */
  accounts: { dev: string; prod: string; unassigned: string };
  users: Record<'alice' | 'bob' | 'carol', IdsUser>;
  developersGroupId: string;
  permissionSets: Record<'admin' | 'readOnly' | 'unprovisioned', PermissionSet>;
  /** AWSReservedSSO_… role names by `${permission set name}|${account}`. */
  roles: Record<string, string>;
}

const MANAGED = 'arn:aws:iam::aws:policy/';

/**
 * Needs a sandbox started with `seed: 'org'` and at least 3 member accounts (dev, prod, unassigned
 * are the first three). alice: user assignment AdministratorAccess@dev, member of developers; bob:
 * member of developers; carol: nothing. developers: ReadOnly@dev and @prod.
 */
export async function seedIdentityCenter(sb: Sandbox): Promise<SsoFixture> {
  const config = sb.clientConfig();
  const admin = new SSOAdminClient(config);
  const ids = new IdentitystoreClient(config);
  const org = new OrganizationsClient(config);
  try {
    const instance = (await admin.send(new ListInstancesCommand({}))).Instances?.[0];
    assert.ok(instance?.InstanceArn && instance.IdentityStoreId, "seedIdentityCenter needs seed: 'org'");
    const instanceArn = instance.InstanceArn;
    const identityStoreId = instance.IdentityStoreId;
    const members = ((await org.send(new ListAccountsCommand({}))).Accounts ?? [])
      .filter((a) => a.Id !== sb.admin.accountId)
      .map((a) => a.Id ?? '')
      .sort();
    assert.ok(members.length >= 3, 'seedIdentityCenter needs 3 member accounts');
    const accounts = { dev: members[0], prod: members[1], unassigned: members[2] };

    const user = async (UserName: string): Promise<IdsUser> => {
      const { UserId } = await ids.send(
        new CreateUserCommand({
          IdentityStoreId: identityStoreId,
          UserName,
          DisplayName: UserName,
          Name: { GivenName: UserName, FamilyName: 'Test' },
          Emails: [
            {
              Value: UserName.includes('@') ? UserName : `${UserName}@example.com`,
              Type: 'work',
              Primary: true,
            },
          ],
        }),
      );
      return sb.world.identityStore.users[UserId ?? ''];
    };
    const users = {
      alice: await user('alice@example.com'),
      bob: await user('bob'),
      carol: await user('carol'),
    };
    const { GroupId } = await ids.send(
      new CreateGroupCommand({ IdentityStoreId: identityStoreId, DisplayName: 'developers' }),
    );
    const developersGroupId = GroupId ?? '';
    for (const u of [users.alice, users.bob]) {
      await ids.send(
        new CreateGroupMembershipCommand({
          IdentityStoreId: identityStoreId,
          GroupId: developersGroupId,
          MemberId: { UserId: u.UserId },
        }),
      );
    }

    const permissionSet = async (
      Name: string,
      SessionDuration: string,
      policy: string,
    ): Promise<PermissionSet> => {
      const out = await admin.send(
        new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name, SessionDuration }),
      );
      const PermissionSetArn = out.PermissionSet?.PermissionSetArn ?? '';
      await admin.send(
        new AttachManagedPolicyToPermissionSetCommand({
          InstanceArn: instanceArn,
          PermissionSetArn,
          ManagedPolicyArn: MANAGED + policy,
        }),
      );
      return sb.world.ssoAdmin.permissionSets[PermissionSetArn];
    };
    const permissionSets = {
      admin: await permissionSet('AdministratorAccess', 'PT2H', 'AdministratorAccess'),
      readOnly: await permissionSet('ReadOnly', 'PT1H', 'ReadOnlyAccess'),
      unprovisioned: await permissionSet('Unprovisioned', 'PT1H', 'ReadOnlyAccess'),
    };
    const assign = async (
      ps: PermissionSet,
      TargetId: string,
      PrincipalType: 'USER' | 'GROUP',
      PrincipalId: string,
    ) => {
      const created = await admin.send(
        new CreateAccountAssignmentCommand({
          InstanceArn: instanceArn,
          PermissionSetArn: ps.PermissionSetArn,
          TargetType: 'AWS_ACCOUNT',
          TargetId,
          PrincipalType,
          PrincipalId,
        }),
      );
      for (let i = 0; i < 100; i++) {
        const status = await admin.send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn: instanceArn,
            AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus?.RequestId,
          }),
        );
        const s = status.AccountAssignmentCreationStatus;
        if (s?.Status === 'SUCCEEDED') return;
        assert.notEqual(s?.Status, 'FAILED', s?.FailureReason);
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.fail('CreateAccountAssignment did not finish');
    };
    await assign(permissionSets.admin, accounts.dev, 'USER', users.alice.UserId);
    await assign(permissionSets.readOnly, accounts.dev, 'GROUP', developersGroupId);
    await assign(permissionSets.readOnly, accounts.prod, 'GROUP', developersGroupId);
    // The API always provisions on assignment, so an assignment whose permission set never reached
    // the account (provisioning failed or not yet run) can only be written into the state directly.
    const pending = {
      InstanceArn: instanceArn,
      AccountId: accounts.prod,
      PermissionSetArn: permissionSets.unprovisioned.PermissionSetArn,
      PrincipalType: 'USER' as const,
      PrincipalId: users.alice.UserId,
    };
    putRecord(sb.world.ssoAdmin.assignments, assignmentKey(pending), pending);

    const roles: Record<string, string> = {};
    for (const [ps, account] of [
      [permissionSets.admin, accounts.dev],
      [permissionSets.readOnly, accounts.dev],
      [permissionSets.readOnly, accounts.prod],
    ] as const) {
      roles[`${ps.Name}|${account}`] = provisionedRoleName(sb.context, ps.PermissionSetArn, account) ?? '';
    }
    return {
      instanceArn,
      identityStoreId,
      startUrl: `https://${identityStoreId}.awsapps.com/start`,
      accounts,
      users,
      developersGroupId,
      permissionSets,
      roles,
    };
  } finally {
    admin.destroy();
    ids.destroy();
    org.destroy();
  }
}

/** An SSOOIDCClient pointed at the sandbox (OIDC calls are unsigned). */
export function oidcClient(sb: Sandbox): SSOOIDCClient {
  return new SSOOIDCClient({ endpoint: sb.url, region: sb.region, maxAttempts: 1 });
}

export interface SignIn {
  clientId: string;
  clientSecret: string;
  clientSecretExpiresAt: number;
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

/**
 * Signs `userName` in through the device flow, as the AWS CLI v2 does for an sso-session with
 * registration scopes (so the token comes with a refresh token).
 */
export async function signInWithDeviceCode(
  sb: Sandbox,
  fixture: Pick<SsoFixture, 'startUrl'>,
  userName: string,
  scopes: string[] = ['sso:account:access'],
): Promise<SignIn> {
  const oidc = oidcClient(sb);
  const reg = await oidc.send(
    new RegisterClientCommand({ clientName: 'botocore-client-test', clientType: 'public', scopes }),
  );
  const clientId = reg.clientId ?? '';
  const clientSecret = reg.clientSecret ?? '';
  const start = await oidc.send(
    new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: fixture.startUrl }),
  );
  approveDeviceCode(sb.context, start.userCode ?? '', userName);
  const token = await oidc.send(
    new CreateTokenCommand({
      clientId,
      clientSecret,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: start.deviceCode,
    }),
  );
  oidc.destroy();
  return {
    clientId,
    clientSecret,
    clientSecretExpiresAt: reg.clientSecretExpiresAt ?? 0,
    accessToken: token.accessToken ?? '',
    expiresIn: token.expiresIn ?? 0,
    refreshToken: token.refreshToken,
  };
}

/** An assert.rejects validator for an SSO OIDC error: SDK name, OAuth `error` code, HTTP status. */
export function oauthError(name: string, error: string, status = 400) {
  return (e: unknown) => {
    const err = e as { name: string; error?: string; $metadata?: { httpStatusCode?: number } };
    assert.equal(err.name, name);
    assert.equal(err.error, error);
    assert.equal(err.$metadata?.httpStatusCode, status);
    return true;
  };
}

/** A PKCE verifier and its S256 challenge (base64url, no padding). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An assert.rejects validator for an SSO portal error: SDK name and HTTP status. */
export function portalError(name: string, status: number) {
  return (e: unknown) => {
    const err = e as { name: string; $metadata?: { httpStatusCode?: number } };
    assert.equal(err.name, name);
    assert.equal(err.$metadata?.httpStatusCode, status);
    return true;
  };
}

/** An SSOClient (the portal API) pointed at the sandbox. */
export function portalClient(sb: Sandbox): SSOClient {
  return new SSOClient({ endpoint: sb.url, region: sb.region, maxAttempts: 1 });
}
