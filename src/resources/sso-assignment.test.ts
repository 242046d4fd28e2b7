import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { blueprintOf } from '../engine/test-engine.js';
import { useSandbox } from '../sandbox/test-support.js';
import { groupIdOf, instanceOf, permissionSetArnOf, userIdOf } from './test-ic.js';
import { applyOn, lifecycle, opsOn, planOn, type Rig } from './test-lifecycle.js';

// Assignments complete 30 ms after they are requested: the batch poller has to wait for them.
const sb = useSandbox({
  seed: 'org',
  accounts: 2,
  realism: {
    latencyMs: {
      createAccountAssignment: 30,
      deleteAccountAssignment: 30,
      provisionPermissionSet: 30,
      createAccount: 0,
    },
  },
});
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });
const member = () =>
  Object.values(sb.current.world.organizations.accounts).find((a) => a.Name === 'member-001')?.Id;

const yaml = (
  opts: {
    psAndAssignments?: boolean;
    groupAccounts?: string;
    userAssignment?: boolean;
    carol?: boolean;
  } = {},
) => `
version: 1
name: assignments
accounts:
  main: { id: "\${caller.account}" }
  m1: { id: "${member()}" }
identityCenter:
  users:
    alice: { displayName: Alice, givenName: Alice, familyName: Example }
${opts.carol ? '    carol: { displayName: Carol, givenName: Carol, familyName: Example }' : ''}
  groups:
    ops: { members: [alice] }
${
  opts.psAndAssignments === false
    ? ''
    : `  permissionSets:
    dev: { name: Dev, managedPolicies: [ReadOnlyAccess] }
  assignments:
    - { principal: { group: ops }, permissionSet: dev, accounts: ${opts.groupAccounts ?? '[main, m1]'} }
${opts.userAssignment === false ? '' : '    - { principal: { user: alice }, permissionSet: dev, accounts: [m1] }'}`
}
`;

const KEY = 'sso/assignment/Dev/GROUP/ops/m1';

async function assignment(r: Rig, op: 'create' | 'delete', account: string): Promise<void> {
  const { InstanceArn } = await instanceOf(r);
  const input = {
    InstanceArn,
    TargetId: account,
    TargetType: 'AWS_ACCOUNT' as const,
    PermissionSetArn: await permissionSetArnOf(r, 'Dev'),
    PrincipalType: 'GROUP' as const,
    PrincipalId: await groupIdOf(r, 'ops'),
  };
  const c = new SSOAdminClient(r.config());
  await c.send(
    op === 'create' ? new CreateAccountAssignmentCommand(input) : new DeleteAccountAssignmentCommand(input),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
}

async function userTypeOf(userName: string): Promise<string | undefined> {
  const { IdentityStoreId } = await instanceOf(rig());
  const r = await new IdentitystoreClient(rig().config()).send(
    new DescribeUserCommand({ IdentityStoreId, UserId: await userIdOf(rig(), userName) }),
  );
  return r.UserType;
}

describe('AWS::SSO::Assignment (sandbox)', () => {
  lifecycle(rig, {
    key: KEY,
    update: false,
    replace: false,
    yaml: () => yaml(),
    disappear: (r) => assignment(r, 'delete', member() ?? ''),
    // After destroy: owned user and group, an unowned permission set assigned by hand.
    createUnowned: async (r) => {
      await applyOn(r, blueprintOf(yaml({ psAndAssignments: false })));
      const { InstanceArn } = await instanceOf(r);
      await new SSOAdminClient(r.config()).send(
        new CreatePermissionSetCommand({ InstanceArn, Name: 'Dev', SessionDuration: 'PT1H' }),
      );
      await assignment(r, 'create', member() ?? '');
    },
    adoptKey: 'sso/permission-set/Dev',
  });

  it('removes an assignment the blueprint no longer lists, and waits for the deletion', async () => {
    await applyOn(rig(), blueprintOf(yaml()));
    const bp = blueprintOf(yaml({ groupAccounts: '[main]' }));
    assert.deepEqual(await opsOn(rig(), bp), [`delete ${KEY}`]);
    await applyOn(rig(), bp);
    assert.deepEqual(await opsOn(rig(), bp), []);
  });

  it('marks a user it assigns directly, so a fast plan finds that assignment once the blueprint drops it', async () => {
    await applyOn(rig(), blueprintOf(yaml()));
    assert.equal(await userTypeOf('alice'), 'onramp:assignments +direct');
    const without = blueprintOf(yaml({ userAssignment: false }));
    assert.deepEqual(await opsOn(rig(), without), ['delete sso/assignment/Dev/USER/alice/m1']);
    await applyOn(rig(), without);
    assert.deepEqual(await opsOn(rig(), without), []);
    assert.equal(await userTypeOf('alice'), 'onramp:assignments +direct', 'the mark stays');
  });

  it('does not read an owned user it never assigned directly; --refresh full finds a hand-made assignment', async () => {
    const bp = blueprintOf(yaml({ userAssignment: false, carol: true }));
    await applyOn(rig(), bp);
    assert.equal(await userTypeOf('carol'), 'onramp:assignments');
    const { InstanceArn } = await instanceOf(rig());
    await new SSOAdminClient(rig().config()).send(
      new CreateAccountAssignmentCommand({
        InstanceArn,
        TargetId: sb.current.admin.accountId,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: await permissionSetArnOf(rig(), 'Dev'),
        PrincipalType: 'USER',
        PrincipalId: await userIdOf(rig(), 'carol'),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    sb.current.resetCalls();
    assert.deepEqual(await opsOn(rig(), bp), []);
    // The group and the marked alice; not carol.
    assert.equal(sb.current.calls()['sso-admin']?.ListAccountAssignmentsForPrincipal, 2);
    const carol = 'sso/assignment/Dev/USER/carol/main';
    assert.deepEqual(await opsOn(rig(), bp, { refresh: 'full' }), [`delete ${carol}`]);
    await applyOn(rig(), bp, { refresh: 'full' });
    assert.deepEqual(await opsOn(rig(), bp, { refresh: 'full' }), []);
  });

  it('reads a user’s own assignments only, not those it has through its groups', async () => {
    const bp = blueprintOf(yaml({ groupAccounts: '[main, m1]' }));
    await applyOn(rig(), bp);
    const p = await planOn(rig(), bp);
    const users = p.observed.filter(
      (o) => o.kind === 'AWS::SSO::Assignment' && o.props.principalType === 'USER',
    );
    assert.deepEqual(
      users.map((o) => o.key),
      ['sso/assignment/Dev/USER/alice/m1'],
    );
  });
});
