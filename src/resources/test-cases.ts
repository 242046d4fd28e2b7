/**
 * Lifecycle cases shared by the sandbox tests of each kind and the moto run (moto.test.ts): every
 * "behind onramp's back" step is a plain SDK call, so a case runs on any endpoint. Excluded from the
 * build (test-*.ts).
 */
import assert from 'node:assert/strict';
import {
  AttachGroupPolicyCommand,
  CreateGroupCommand as CreateIamGroupCommand,
  CreateUserCommand as CreateIamUserCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteGroupPolicyCommand,
  DeleteGroupCommand as DeleteIamGroupCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  GetGroupCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListGroupPoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import {
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import { groupIdOf, instanceOf, userIdOf } from './test-ic.js';
import type { LifecycleCase, Rig } from './test-lifecycle.js';

const iam = (rig: Rig) => new IAMClient(rig.config());
const ids = (rig: Rig) => new IdentitystoreClient(rig.config());

export async function deleteRole(rig: Rig, RoleName: string): Promise<void> {
  const c = iam(rig);
  for (const p of (await c.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies ?? []) {
    await c.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn }));
  }
  for (const PolicyName of (await c.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? []) {
    await c.send(new DeleteRolePolicyCommand({ RoleName, PolicyName }));
  }
  await c.send(new DeleteRoleCommand({ RoleName }));
}

export const roleCase: LifecycleCase = {
  key: 'iam/main/role/app',
  update: true,
  replace: true,
  yaml: (v) => `
version: 1
name: roles
accounts:
  main:
    id: \${caller.account}
    iam:
      roles:
        app:
          path: ${v === 3 ? '/apps/' : '/'}
          description: ${v === 1 ? 'the app' : 'the app, v2'}
          trust: { account: "${v === 1 ? '222222222222' : '333333333333'}" }
          maxSessionDuration: ${v === 1 ? 3600 : 7200}
          managedPolicies: [${v === 1 ? 'ReadOnlyAccess' : 'SecurityAudit'}]
          ${v === 1 ? 'inlinePolicies: { s3: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:Get*", Resource: "*" }] } }' : ''}
          ${v === 1 ? '' : 'permissionsBoundary: PowerUserAccess'}
          tags: { team: ${v === 1 ? 'a' : 'b'} }
`,
  disappear: (rig) => deleteRole(rig, 'app'),
  createUnowned: async (rig) => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' },
      ],
    };
    await iam(rig).send(
      new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: JSON.stringify(doc) }),
    );
  },
  afterUpdate: async (rig) => {
    const { Role } = await iam(rig).send(new GetRoleCommand({ RoleName: 'app' }));
    assert.equal(Role?.Description, 'the app, v2');
    assert.equal(Role?.MaxSessionDuration, 7200);
    assert.equal(
      Role?.PermissionsBoundary?.PermissionsBoundaryArn,
      'arn:aws:iam::aws:policy/PowerUserAccess',
    );
    assert.match(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''), /333333333333/);
    assert.deepEqual((await iam(rig).send(new ListRolePoliciesCommand({ RoleName: 'app' }))).PolicyNames, []);
  },
};

const statement = (action: string) =>
  `{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "${action}", Resource: "*" }] }`;

export const policyYaml = (opts: { path?: string; action: string; description?: string }) => `
version: 1
name: policies
accounts:
  main:
    id: \${caller.account}
    iam:
      policies:
        Read:
          path: ${opts.path ?? '/'}
          description: ${opts.description ?? 'reads'}
          document: ${statement(opts.action)}
          tags: { team: data }
`;

export async function policyArn(rig: Rig): Promise<string> {
  const r = await iam(rig).send(new ListPoliciesCommand({ Scope: 'Local' }));
  const p = r.Policies?.find((x) => x.PolicyName === 'Read');
  assert.ok(p?.Arn, 'policy Read exists');
  return p.Arn;
}

export const policyCase: LifecycleCase = {
  key: 'iam/main/policy/Read',
  update: true,
  replace: true,
  yaml: (v) =>
    policyYaml({ action: v === 1 ? 's3:Get*' : 's3:List*', ...(v === 3 ? { path: '/data/' } : {}) }),
  disappear: async (rig) => {
    const PolicyArn = await policyArn(rig);
    for (const v of (await iam(rig).send(new ListPolicyVersionsCommand({ PolicyArn }))).Versions ?? []) {
      if (!v.IsDefaultVersion)
        await iam(rig).send(new DeletePolicyVersionCommand({ PolicyArn, VersionId: v.VersionId }));
    }
    await iam(rig).send(new DeletePolicyCommand({ PolicyArn }));
  },
  createUnowned: async (rig) => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] };
    await iam(rig).send(
      new CreatePolicyCommand({
        PolicyName: 'Read',
        Description: 'reads',
        PolicyDocument: JSON.stringify(doc),
      }),
    );
  },
};

export const iamGroupYaml = (v: 1 | 2 | 3, members = '[alice, bob]') => `
version: 1
name: groups
accounts:
  main:
    id: \${caller.account}
    iam:
      groups:
        ops:
          path: ${v === 3 ? '/ops/' : '/'}
          members: ${members}
          managedPolicies: [${v === 1 ? 'ReadOnlyAccess' : 'SecurityAudit'}]
          inlinePolicies:
            ${v === 1 ? 'logs' : 'metrics'}: ${statement('logs:Get*')}
`;

export async function deleteIamGroup(rig: Rig, GroupName: string): Promise<void> {
  const c = iam(rig);
  const g = await c.send(new GetGroupCommand({ GroupName }));
  for (const u of g.Users ?? [])
    await c.send(new RemoveUserFromGroupCommand({ GroupName, UserName: u.UserName }));
  for (const p of (await c.send(new ListAttachedGroupPoliciesCommand({ GroupName }))).AttachedPolicies ??
    []) {
    await c.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn: p.PolicyArn }));
  }
  for (const PolicyName of (await c.send(new ListGroupPoliciesCommand({ GroupName }))).PolicyNames ?? []) {
    await c.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName }));
  }
  await c.send(new DeleteIamGroupCommand({ GroupName }));
}

export async function createIamUsers(rig: Rig, names: string[]): Promise<void> {
  for (const UserName of names) await iam(rig).send(new CreateIamUserCommand({ UserName }));
}

export const iamGroupCase: LifecycleCase = {
  key: 'iam/main/group/ops',
  update: true,
  replace: true,
  yaml: (v) => iamGroupYaml(v),
  disappear: (rig) => deleteIamGroup(rig, 'ops'),
  createUnowned: async (rig) => {
    await iam(rig).send(new CreateIamGroupCommand({ GroupName: 'ops' }));
    await iam(rig).send(
      new AttachGroupPolicyCommand({ GroupName: 'ops', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
  },
  afterUpdate: async (rig) => {
    const names = (await iam(rig).send(new ListGroupPoliciesCommand({ GroupName: 'ops' }))).PolicyNames ?? [];
    assert.deepEqual([...names].sort(), ['metrics', 'onramp-owner']);
  },
};

export const userCase: LifecycleCase = {
  key: 'identitystore/user/alice',
  update: true,
  replace: false,
  yaml: (v) => `
version: 1
name: users
identityCenter:
  users:
    alice:
      displayName: ${v === 1 ? 'Alice Example' : 'Alice B. Example'}
      givenName: Alice
      familyName: ${v === 1 ? 'Example' : 'B-Example'}
      email: ${v === 1 ? 'alice@example.com' : 'alice@example.org'}
`,
  disappear: async (rig) => {
    const { IdentityStoreId } = await instanceOf(rig);
    await ids(rig).send(new DeleteUserCommand({ IdentityStoreId, UserId: await userIdOf(rig, 'alice') }));
  },
  createUnowned: async (rig) => {
    const { IdentityStoreId } = await instanceOf(rig);
    await ids(rig).send(
      new CreateUserCommand({
        IdentityStoreId,
        UserName: 'alice',
        DisplayName: 'Alice Example',
        Name: { GivenName: 'Alice', FamilyName: 'Example' },
        Emails: [{ Value: 'alice@example.com', Type: 'work', Primary: true }],
      }),
    );
  },
};

export const idGroupYaml = (v: 1 | 2 | 3, members = '[alice]') => `
version: 1
name: idgroups
identityCenter:
  users:
    alice: { displayName: Alice, givenName: Alice, familyName: Example }
    bob: { displayName: Bob, givenName: Bob, familyName: Example }
  groups:
    data:
      displayName: DataScientists
      description: ${v === 1 ? 'People who run notebooks' : 'People who run Workbench'}
      members: ${members}
`;

export const idGroupCase: LifecycleCase = {
  key: 'identitystore/group/DataScientists',
  update: true,
  replace: false,
  yaml: (v) => idGroupYaml(v),
  disappear: async (rig) => {
    const { IdentityStoreId } = await instanceOf(rig);
    await ids(rig).send(
      new DeleteGroupCommand({ IdentityStoreId, GroupId: await groupIdOf(rig, 'DataScientists') }),
    );
  },
  createUnowned: async (rig) => {
    const { IdentityStoreId } = await instanceOf(rig);
    await ids(rig).send(
      new CreateGroupCommand({ IdentityStoreId, DisplayName: 'DataScientists', Description: 'made by hand' }),
    );
  },
};
