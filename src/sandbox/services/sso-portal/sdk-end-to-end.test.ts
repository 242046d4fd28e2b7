/**
 * The whole path through the real wire APIs only: Organizations and sso-admin/identitystore set
 * Identity Center up, SSO OIDC signs the user in, the portal hands out credentials, STS shows who
 * they are. No state is written behind the services' backs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import {
  ListAccountsCommand as ListOrgAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  ListInstancesCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useSandbox } from '../../test-support.js';
import { signInWithDeviceCode } from './test-fixtures.js';

describe('Identity Center end to end through the SDKs', () => {
  const sb = useSandbox({ seed: 'org', accounts: 2 });
  let admin: SSOAdminClient;
  let ids: IdentitystoreClient;
  let sso: SSOClient;
  before(() => {
    admin = new SSOAdminClient(sb.current.clientConfig());
    ids = new IdentitystoreClient(sb.current.clientConfig());
    sso = new SSOClient({ endpoint: sb.current.url, region: sb.current.region, maxAttempts: 1 });
  });
  after(() => {
    admin.destroy();
    ids.destroy();
    sso.destroy();
  });

  async function waitFor(check: () => Promise<string | undefined>): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const status = await check();
      if (status === 'SUCCEEDED') return;
      assert.notEqual(status, 'FAILED');
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail('assignment request did not finish');
  }

  it('signs a group member in and federates into the provisioned role', async () => {
    const instance = (await admin.send(new ListInstancesCommand({}))).Instances?.[0];
    const instanceArn = instance?.InstanceArn ?? '';
    const identityStoreId = instance?.IdentityStoreId ?? '';
    const org = new OrganizationsClient(sb.current.clientConfig());
    const members = ((await org.send(new ListOrgAccountsCommand({}))).Accounts ?? []).filter(
      (a) => a.Id !== sb.current.admin.accountId,
    );
    org.destroy();
    const target = members[0];
    assert.ok(target?.Id);

    const { UserId } = await ids.send(
      new CreateUserCommand({
        IdentityStoreId: identityStoreId,
        UserName: 'dana',
        DisplayName: 'Dana Ops',
        Name: { GivenName: 'Dana', FamilyName: 'Ops' },
        Emails: [{ Value: 'dana@example.com', Type: 'work', Primary: true }],
      }),
    );
    const { GroupId } = await ids.send(
      new CreateGroupCommand({ IdentityStoreId: identityStoreId, DisplayName: 'ops' }),
    );
    await ids.send(
      new CreateGroupMembershipCommand({
        IdentityStoreId: identityStoreId,
        GroupId: GroupId ?? '',
        MemberId: { UserId: UserId ?? '' },
      }),
    );
    const ps = await admin.send(
      new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Operator', SessionDuration: 'PT4H' }),
    );
    const PermissionSetArn = ps.PermissionSet?.PermissionSetArn ?? '';
    await admin.send(
      new AttachManagedPolicyToPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    const assignment = {
      InstanceArn: instanceArn,
      PermissionSetArn,
      TargetType: 'AWS_ACCOUNT' as const,
      TargetId: target.Id,
      PrincipalType: 'GROUP' as const,
      PrincipalId: GroupId,
    };
    const created = await admin.send(new CreateAccountAssignmentCommand(assignment));
    await waitFor(async () => {
      const s = await admin.send(
        new DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn: instanceArn,
          AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus?.RequestId,
        }),
      );
      return s.AccountAssignmentCreationStatus?.Status;
    });

    const s = await signInWithDeviceCode(
      sb.current,
      { startUrl: `https://${identityStoreId}.awsapps.com/start` },
      'dana',
    );
    const accounts =
      (await sso.send(new ListAccountsCommand({ accessToken: s.accessToken }))).accountList ?? [];
    assert.deepEqual(accounts, [
      { accountId: target.Id, accountName: target.Name, emailAddress: target.Email },
    ]);
    const roles = await sso.send(
      new ListAccountRolesCommand({ accessToken: s.accessToken, accountId: target.Id }),
    );
    assert.deepEqual(roles.roleList, [{ roleName: 'Operator', accountId: target.Id }]);
    const before = Date.now();
    const creds = (
      await sso.send(
        new GetRoleCredentialsCommand({
          accessToken: s.accessToken,
          accountId: target.Id,
          roleName: 'Operator',
        }),
      )
    ).roleCredentials;
    assert.ok(Math.abs((creds?.expiration ?? 0) - (before + 4 * 3600_000)) < 10_000);
    const sts = new STSClient({
      endpoint: sb.current.url,
      region: sb.current.region,
      credentials: {
        accessKeyId: creds?.accessKeyId ?? '',
        secretAccessKey: creds?.secretAccessKey ?? '',
        sessionToken: creds?.sessionToken,
      },
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    assert.equal(me.Account, target.Id);
    assert.match(
      me.Arn ?? '',
      new RegExp(`^arn:aws:sts::${target.Id}:assumed-role/AWSReservedSSO_Operator_[0-9a-f]{16}/dana$`),
    );

    const deleted = await admin.send(new DeleteAccountAssignmentCommand(assignment));
    await waitFor(async () => {
      const d = await admin.send(
        new DescribeAccountAssignmentDeletionStatusCommand({
          InstanceArn: instanceArn,
          AccountAssignmentDeletionRequestId: deleted.AccountAssignmentDeletionStatus?.RequestId,
        }),
      );
      return d.AccountAssignmentDeletionStatus?.Status;
    });
    assert.deepEqual(
      (await sso.send(new ListAccountsCommand({ accessToken: s.accessToken }))).accountList,
      [],
    );
    await assert.rejects(
      sso.send(
        new GetRoleCredentialsCommand({
          accessToken: s.accessToken,
          accountId: target.Id,
          roleName: 'Operator',
        }),
      ),
      (e: Error) => e.name === 'ForbiddenException',
    );
  });
});
