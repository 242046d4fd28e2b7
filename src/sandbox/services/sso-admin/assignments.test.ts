import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreatePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { CreateGroupMembershipCommand } from '@aws-sdk/client-identitystore';
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DeletePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetProvisioningStatusCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { useSandbox } from '../../test-support.js';
import { assignmentsForUser, provisionedRoleName } from './internal.js';
import { createTestGroup, createTestUser, memberIam, type SsoTestWorld, ssoTestWorld } from './test-world.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const INLINE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/Workbench-*' }],
});

async function rejectsWith(p: Promise<unknown>, code: string, re?: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, code, `expected ${code}, got ${e.name}: ${e.message}`);
    if (re) assert.match(e.message, re);
    return true;
  });
}

describe('sso-admin account assignments and provisioning (fast mode)', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });
  let w: SsoTestWorld;
  let alice: string;
  let psArn: string;
  let member: string;
  before(async () => {
    w = ssoTestWorld(sb.current);
    member = w.members[0];
    alice = await createTestUser(w, 'alice');
    const ps = await w.sso.send(
      new CreatePermissionSetCommand({
        InstanceArn: w.instanceArn,
        Name: 'Workbench',
        SessionDuration: 'PT4H',
      }),
    );
    psArn = ps.PermissionSet?.PermissionSetArn ?? '';
    const target = { InstanceArn: w.instanceArn, PermissionSetArn: psArn };
    await w.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn: ADMIN }));
    await w.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...target, InlinePolicy: INLINE }));
  });

  const assign = (PrincipalId: string, TargetId: string, PermissionSetArn = psArn, PrincipalType = 'USER') =>
    w.sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: w.instanceArn,
        TargetId,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn,
        PrincipalType: PrincipalType as 'USER' | 'GROUP',
        PrincipalId,
      }),
    );
  const creation = async (RequestId: string) =>
    (
      await w.sso.send(
        new DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn: w.instanceArn,
          AccountAssignmentCreationRequestId: RequestId,
        }),
      )
    ).AccountAssignmentCreationStatus;

  it('answers IN_PROGRESS, then SUCCEEDED, and provisions the AWSReservedSSO role', async () => {
    const out = (await assign(alice, member)).AccountAssignmentCreationStatus;
    assert.equal(out?.Status, 'IN_PROGRESS');
    assert.match(out?.RequestId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(out?.TargetId, member);
    assert.equal(out?.PrincipalId, alice);
    const done = await creation(out?.RequestId ?? '');
    assert.equal(done?.Status, 'SUCCEEDED');

    const list = await w.sso.send(
      new ListAccountAssignmentsCommand({
        InstanceArn: w.instanceArn,
        AccountId: member,
        PermissionSetArn: psArn,
      }),
    );
    assert.deepEqual(list.AccountAssignments, [
      { AccountId: member, PermissionSetArn: psArn, PrincipalType: 'USER', PrincipalId: alice },
    ]);

    // Read the role back the way an administrator would: from the member account, over the wire.
    const roleName = provisionedRoleName(sb.current.context, psArn, member) ?? '';
    assert.match(roleName, /^AWSReservedSSO_Workbench_[0-9a-f]{16}$/);
    const iam = await memberIam(sb.current, member);
    const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    assert.equal(role?.Path, '/aws-reserved/sso.amazonaws.com/');
    assert.equal(role?.Arn, `arn:aws:iam::${member}:role/aws-reserved/sso.amazonaws.com/${roleName}`);
    assert.equal(role?.MaxSessionDuration, 4 * 3600);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
    assert.deepEqual(
      attached.AttachedPolicies?.map((p) => p.PolicyArn),
      [ADMIN],
    );
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames, [
      'AwsSSOInlinePolicy',
    ]);
    const inline = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: 'AwsSSOInlinePolicy' }),
    );
    assert.deepEqual(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? '')), JSON.parse(INLINE));
    const trust = JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ''));
    const st = trust.Statement[0];
    assert.match(
      st.Principal.Federated,
      new RegExp(`^arn:aws:iam::${member}:saml-provider/AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE$`),
    );
    assert.deepEqual(st.Action, ['sts:AssumeRoleWithSAML', 'sts:TagSession']);
    assert.deepEqual(st.Condition, { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } });
    assert.equal(provisionedRoleName(sb.current.context, psArn, w.members[1]), undefined);
  });

  it('shows an edited permission set as not provisioned until ProvisionPermissionSet runs', async () => {
    const base = { InstanceArn: w.instanceArn, PermissionSetArn: psArn };
    const accounts = (
      ProvisioningStatus?: 'LATEST_PERMISSION_SET_PROVISIONED' | 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
    ) => w.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ ...base, ProvisioningStatus }));
    assert.deepEqual((await accounts('LATEST_PERMISSION_SET_PROVISIONED')).AccountIds, [member]);
    await w.sso.send(new UpdatePermissionSetCommand({ ...base, SessionDuration: 'PT8H' }));
    assert.deepEqual((await accounts('LATEST_PERMISSION_SET_NOT_PROVISIONED')).AccountIds, [member]);
    assert.deepEqual((await accounts('LATEST_PERMISSION_SET_PROVISIONED')).AccountIds, []);
    const perAccount = await w.sso.send(
      new ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn: w.instanceArn,
        AccountId: member,
        ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
      }),
    );
    assert.deepEqual(perAccount.PermissionSets, [psArn]);
    const roleName = provisionedRoleName(sb.current.context, psArn, member) ?? '';
    const iam = await memberIam(sb.current, member);
    const maxSession = async () =>
      (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.MaxSessionDuration;
    assert.equal(await maxSession(), 4 * 3600, 'the role keeps the old duration');

    const prov = await w.sso.send(
      new ProvisionPermissionSetCommand({ ...base, TargetType: 'AWS_ACCOUNT', TargetId: member }),
    );
    assert.equal(prov.PermissionSetProvisioningStatus?.Status, 'IN_PROGRESS');
    assert.equal(prov.PermissionSetProvisioningStatus?.AccountId, member);
    const status = await w.sso.send(
      new DescribePermissionSetProvisioningStatusCommand({
        InstanceArn: w.instanceArn,
        ProvisionPermissionSetRequestId: prov.PermissionSetProvisioningStatus?.RequestId,
      }),
    );
    assert.equal(status.PermissionSetProvisioningStatus?.Status, 'SUCCEEDED');
    assert.equal(await maxSession(), 8 * 3600);
    assert.equal(
      provisionedRoleName(sb.current.context, psArn, member),
      roleName,
      'same role, updated in place',
    );
    assert.deepEqual((await accounts('LATEST_PERMISSION_SET_PROVISIONED')).AccountIds, [member]);
    await rejectsWith(
      w.sso.send(new ProvisionPermissionSetCommand({ ...base, TargetType: 'AWS_ACCOUNT' })),
      'ValidationException',
      /targetId/,
    );
  });

  it('includes group assignments for a user and filters by account', async () => {
    const group = await createTestGroup(w, 'developers');
    await w.ids.send(
      new CreateGroupMembershipCommand({
        IdentityStoreId: w.identityStoreId,
        GroupId: group,
        MemberId: { UserId: alice },
      }),
    );
    const out = await assign(group, w.members[1], psArn, 'GROUP');
    assert.equal((await creation(out.AccountAssignmentCreationStatus?.RequestId ?? ''))?.Status, 'SUCCEEDED');
    const forAlice = await w.sso.send(
      new ListAccountAssignmentsForPrincipalCommand({
        InstanceArn: w.instanceArn,
        PrincipalType: 'USER',
        PrincipalId: alice,
      }),
    );
    assert.deepEqual(
      forAlice.AccountAssignments?.map((a) => `${a.AccountId}|${a.PrincipalType}`).sort(),
      [`${member}|USER`, `${w.members[1]}|GROUP`].sort(),
    );
    const filtered = await w.sso.send(
      new ListAccountAssignmentsForPrincipalCommand({
        InstanceArn: w.instanceArn,
        PrincipalType: 'USER',
        PrincipalId: alice,
        Filter: { AccountId: w.members[1] },
      }),
    );
    assert.equal(filtered.AccountAssignments?.length, 1);
    assert.deepEqual(
      assignmentsForUser(sb.current.world, w.instanceArn, alice).map((a) => [
        a.AccountId,
        a.PermissionSetName,
      ]),
      [
        [member, 'Workbench'],
        [w.members[1], 'Workbench'],
      ],
    );
    // Explicit provisioning to every provisioned account updates both roles.
    const all = await w.sso.send(
      new ProvisionPermissionSetCommand({
        InstanceArn: w.instanceArn,
        PermissionSetArn: psArn,
        TargetType: 'ALL_PROVISIONED_ACCOUNTS',
      }),
    );
    assert.equal(all.PermissionSetProvisioningStatus?.AccountId, undefined);
  });

  it('fails asynchronously, with a reason, for a missing principal or a missing customer-managed policy', async () => {
    const ghost = '0123456789-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const out = await assign(ghost, member);
    assert.equal(out.AccountAssignmentCreationStatus?.Status, 'IN_PROGRESS');
    const failed = await creation(out.AccountAssignmentCreationStatus?.RequestId ?? '');
    assert.equal(failed?.Status, 'FAILED');
    assert.match(
      failed?.FailureReason ?? '',
      /User 0123456789-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee does not exist/,
    );

    const cmp = await w.sso.send(
      new CreatePermissionSetCommand({ InstanceArn: w.instanceArn, Name: 'NeedsPolicy' }),
    );
    const cmpArn = cmp.PermissionSet?.PermissionSetArn ?? '';
    const target = { InstanceArn: w.instanceArn, PermissionSetArn: cmpArn };
    await w.sso.send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        ...target,
        CustomerManagedPolicyReference: { Name: 'VendorAccess', Path: '/vendor/' },
      }),
    );
    await w.sso.send(
      new PutPermissionsBoundaryToPermissionSetCommand({
        ...target,
        PermissionsBoundary: { ManagedPolicyArn: ADMIN },
      }),
    );
    const account = w.members[2];
    const first = await assign(alice, account, cmpArn);
    const firstStatus = await creation(first.AccountAssignmentCreationStatus?.RequestId ?? '');
    assert.equal(firstStatus?.Status, 'FAILED');
    assert.match(
      firstStatus?.FailureReason ?? '',
      new RegExp(`Policy arn:aws:iam::${account}:policy/vendor/VendorAccess does not exist`),
    );
    assert.equal(provisionedRoleName(sb.current.context, cmpArn, account), undefined);

    const iam = await memberIam(sb.current, account);
    const created = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'VendorAccess',
        Path: '/vendor/',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
        }),
      }),
    );
    const policyArn = created.Policy?.Arn ?? '';
    const second = await assign(alice, account, cmpArn);
    assert.equal(
      (await creation(second.AccountAssignmentCreationStatus?.RequestId ?? ''))?.Status,
      'SUCCEEDED',
    );
    const roleName = provisionedRoleName(sb.current.context, cmpArn, account) ?? '';
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
    assert.deepEqual(
      attached.AttachedPolicies?.map((p) => p.PolicyArn),
      [policyArn],
    );
    const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    assert.equal(role?.PermissionsBoundary?.PermissionsBoundaryArn, ADMIN);

    const failedOnly = await w.sso.send(
      new ListAccountAssignmentCreationStatusCommand({
        InstanceArn: w.instanceArn,
        Filter: { Status: 'FAILED' },
      }),
    );
    assert.deepEqual(
      failedOnly.AccountAssignmentsCreationStatus?.map((s) => s.RequestId).sort(),
      [
        out.AccountAssignmentCreationStatus?.RequestId,
        first.AccountAssignmentCreationStatus?.RequestId,
      ].sort(),
    );
  });

  it('refuses to delete an assigned permission set, and removes the role with the last assignment', async () => {
    const base = { InstanceArn: w.instanceArn, PermissionSetArn: psArn };
    await rejectsWith(w.sso.send(new DeletePermissionSetCommand(base)), 'ConflictException');
    const roleName = provisionedRoleName(sb.current.context, psArn, member) ?? '';
    const del = await w.sso.send(
      new DeleteAccountAssignmentCommand({
        ...base,
        TargetId: member,
        TargetType: 'AWS_ACCOUNT',
        PrincipalType: 'USER',
        PrincipalId: alice,
      }),
    );
    assert.equal(del.AccountAssignmentDeletionStatus?.Status, 'IN_PROGRESS');
    const status = await w.sso.send(
      new DescribeAccountAssignmentDeletionStatusCommand({
        InstanceArn: w.instanceArn,
        AccountAssignmentDeletionRequestId: del.AccountAssignmentDeletionStatus?.RequestId,
      }),
    );
    assert.equal(status.AccountAssignmentDeletionStatus?.Status, 'SUCCEEDED');
    const iam = await memberIam(sb.current, member);
    await rejectsWith(iam.send(new GetRoleCommand({ RoleName: roleName })), 'NoSuchEntityException');
    assert.equal(provisionedRoleName(sb.current.context, psArn, member), undefined);
    const accounts = await w.sso.send(new ListAccountsForProvisionedPermissionSetCommand(base));
    assert.deepEqual(accounts.AccountIds, [w.members[1]], 'the group assignment keeps the other account');
  });

  it('answers bad input AWS-shaped and keeps serving', async () => {
    await rejectsWith(
      assign('not-a-principal', member),
      'ValidationException',
      /'principalId' failed to satisfy constraint/,
    );
    await rejectsWith(assign(alice, '12345'), 'ValidationException', /'targetId'/);
    const unknownPs = `arn:aws:sso:::permissionSet/${w.instanceArn.split('/')[1]}/ps-ffffffffffffffff`;
    await rejectsWith(assign(alice, member, unknownPs), 'ResourceNotFoundException');
    await rejectsWith(
      w.sso.send(
        new DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn: w.instanceArn,
          AccountAssignmentCreationRequestId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
      'ResourceNotFoundException',
    );
    const list = await w.sso.send(
      new ListAccountAssignmentsCommand({
        InstanceArn: w.instanceArn,
        AccountId: w.members[1],
        PermissionSetArn: psArn,
      }),
    );
    assert.equal(list.AccountAssignments?.length, 1);
  });
});
