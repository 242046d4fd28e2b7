/** sso-admin and identitystore conformance cases. */
import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DescribeUserCommand,
  GetUserIdCommand,
  IsMemberInGroupsCommand,
  ListGroupMembershipsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreateInstanceCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ConformanceCase } from './case.js';
import type { Clients } from './clients.js';
import { observe } from './observe.js';

/** The instance to work in: moto starts with one; a fresh sandbox enables one on request. */
async function instance(c: Clients): Promise<{ arn: string; store: string }> {
  let list = await c.ssoAdmin.send(new ListInstancesCommand({}));
  if (!list.Instances?.length) {
    await c.ssoAdmin.send(new CreateInstanceCommand({ Name: 'conformance' }));
    list = await c.ssoAdmin.send(new ListInstancesCommand({}));
  }
  const i = list.Instances![0];
  return { arn: i.InstanceArn!, store: i.IdentityStoreId! };
}

async function permissionSet(c: Clients, name = 'Admins'): Promise<{ instanceArn: string; arn: string }> {
  const i = await instance(c);
  const ps = await c.ssoAdmin.send(
    new CreatePermissionSetCommand({ InstanceArn: i.arn, Name: name, SessionDuration: 'PT4H' }),
  );
  return { instanceArn: i.arn, arn: ps.PermissionSet!.PermissionSetArn! };
}

async function user(c: Clients, store: string, name = 'alice'): Promise<string> {
  const u = await c.ids.send(
    new CreateUserCommand({
      IdentityStoreId: store,
      UserName: name,
      DisplayName: name,
      Name: { GivenName: name, FamilyName: 'Doe' },
    }),
  );
  return u.UserId!;
}

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
});

export const identityCenterCases: ConformanceCase[] = [
  {
    name: 'sso-admin CreatePermissionSet and DescribePermissionSet',
    deviation: {
      reason:
        "moto's permission set ARNs do not match AWS's documented pattern (…/ssoins-<16>/ps-<16>); the sandbox's do.",
      sandbox: (o) => o.ok && (o.value as { arn?: boolean }).arn === true,
    },
    run: (c) =>
      observe(async () => {
        const ps = await permissionSet(c);
        const d = await c.ssoAdmin.send(
          new DescribePermissionSetCommand({ InstanceArn: ps.instanceArn, PermissionSetArn: ps.arn }),
        );
        return {
          arn: /^arn:aws:sso:::permissionSet\/(sso)?ins-[a-z0-9]{16}\/ps-[a-z0-9]{16}$/.test(ps.arn),
          name: d.PermissionSet?.Name,
          duration: d.PermissionSet?.SessionDuration,
          created: d.PermissionSet?.CreatedDate instanceof Date,
        };
      }),
  },
  {
    name: 'sso-admin DescribePermissionSet of an unknown permission set',
    run: (c) =>
      observe(async () => {
        const i = await instance(c);
        const id = i.arn.split('/').pop();
        await c.ssoAdmin.send(
          new DescribePermissionSetCommand({
            InstanceArn: i.arn,
            PermissionSetArn: `arn:aws:sso:::permissionSet/${id}/ps-0123456789abcdef`,
          }),
        );
      }),
  },
  {
    name: 'sso-admin managed and inline policies on a permission set',
    run: (c) =>
      observe(async () => {
        const ps = await permissionSet(c);
        const base = { InstanceArn: ps.instanceArn, PermissionSetArn: ps.arn };
        await c.ssoAdmin.send(
          new AttachManagedPolicyToPermissionSetCommand({
            ...base,
            ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          }),
        );
        await c.ssoAdmin.send(new PutInlinePolicyToPermissionSetCommand({ ...base, InlinePolicy: POLICY }));
        const managed = await c.ssoAdmin.send(new ListManagedPoliciesInPermissionSetCommand(base));
        const inline = await c.ssoAdmin.send(new GetInlinePolicyForPermissionSetCommand(base));
        return { managed: managed.AttachedManagedPolicies, inline: JSON.parse(inline.InlinePolicy ?? '{}') };
      }),
  },
  {
    name: 'sso-admin CreateAccountAssignment is asynchronous and completes',
    run: (c) =>
      observe(async () => {
        const i = await instance(c);
        const ps = await permissionSet(c);
        const account = (await c.sts.send(new GetCallerIdentityCommand({}))).Account!;
        const principal = await user(c, i.store);
        const req = {
          InstanceArn: i.arn,
          PermissionSetArn: ps.arn,
          TargetId: account,
          TargetType: 'AWS_ACCOUNT' as const,
        };
        const created = await c.ssoAdmin.send(
          new CreateAccountAssignmentCommand({ ...req, PrincipalType: 'USER', PrincipalId: principal }),
        );
        const requestId = created.AccountAssignmentCreationStatus!.RequestId!;
        let status = created.AccountAssignmentCreationStatus!.Status;
        for (let n = 0; n < 50 && status === 'IN_PROGRESS'; n++) {
          const d = await c.ssoAdmin.send(
            new DescribeAccountAssignmentCreationStatusCommand({
              InstanceArn: i.arn,
              AccountAssignmentCreationRequestId: requestId,
            }),
          );
          status = d.AccountAssignmentCreationStatus!.Status;
        }
        const list = await c.ssoAdmin.send(
          new ListAccountAssignmentsCommand({
            InstanceArn: i.arn,
            AccountId: account,
            PermissionSetArn: ps.arn,
          }),
        );
        return {
          requestId: /^[0-9a-f-]{36}$/.test(requestId),
          final: status,
          assignments: (list.AccountAssignments ?? []).map((a) => [
            a.PrincipalType,
            a.PrincipalId === principal,
            a.AccountId === account,
          ]),
        };
      }),
  },
  {
    name: 'identitystore CreateUser and DescribeUser',
    run: (c) =>
      observe(async () => {
        const i = await instance(c);
        const id = await user(c, i.store);
        const d = await c.ids.send(new DescribeUserCommand({ IdentityStoreId: i.store, UserId: id }));
        return {
          userName: d.UserName,
          displayName: d.DisplayName,
          name: d.Name,
          store: d.IdentityStoreId === i.store,
        };
      }),
  },
  {
    name: 'identitystore CreateUser with a taken user name',
    run: (c) =>
      observe(async () => {
        const i = await instance(c);
        await user(c, i.store);
        await user(c, i.store);
      }),
  },
  {
    name: 'identitystore DescribeUser of an unknown user',
    run: (c) =>
      observe(async () => {
        const i = await instance(c);
        await c.ids.send(
          new DescribeUserCommand({
            IdentityStoreId: i.store,
            UserId: '1234567890-12345678-1234-1234-1234-123456789012',
          }),
        );
      }),
  },
  {
    name: 'identitystore GetUserId by user name and ListUsers',
    run: (c) =>
      observe(async () => {
        const i = await instance(c);
        const id = await user(c, i.store, 'bob');
        await user(c, i.store, 'carol');
        const got = await c.ids.send(
          new GetUserIdCommand({
            IdentityStoreId: i.store,
            AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'bob' } },
          }),
        );
        const all = await c.ids.send(new ListUsersCommand({ IdentityStoreId: i.store }));
        return { same: got.UserId === id, names: (all.Users ?? []).map((u) => u.UserName).sort() };
      }),
  },
  {
    name: 'identitystore groups and memberships',
    deviation: {
      reason:
        'moto 5.2.1 fails IsMemberInGroups with an internal error; AWS answers MembershipExists per group.',
      sandbox: (o) => {
        const v = o.ok ? (o.value as { members?: boolean[]; isMember?: boolean[] }) : undefined;
        return JSON.stringify(v?.members) === '[true]' && JSON.stringify(v?.isMember) === '[true]';
      },
    },
    run: (c) =>
      observe(async () => {
        const i = await instance(c);
        const uid = await user(c, i.store);
        const g = await c.ids.send(
          new CreateGroupCommand({ IdentityStoreId: i.store, DisplayName: 'engineers', Description: 'd' }),
        );
        const m = await c.ids.send(
          new CreateGroupMembershipCommand({
            IdentityStoreId: i.store,
            GroupId: g.GroupId!,
            MemberId: { UserId: uid },
          }),
        );
        const list = await c.ids.send(
          new ListGroupMembershipsCommand({ IdentityStoreId: i.store, GroupId: g.GroupId! }),
        );
        const is = await c.ids.send(
          new IsMemberInGroupsCommand({
            IdentityStoreId: i.store,
            MemberId: { UserId: uid },
            GroupIds: [g.GroupId!],
          }),
        );
        return {
          membership: typeof m.MembershipId,
          members: (list.GroupMemberships ?? []).map(
            (x) => x.MemberId && 'UserId' in x.MemberId && x.MemberId.UserId === uid,
          ),
          isMember: (is.Results ?? []).map((r) => r.MembershipExists),
        };
      }),
  },
];
