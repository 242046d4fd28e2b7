/**
 * The waiters against the sandbox with assignment creations that take 80 ms: a request seen
 * running and then gone from the IN_PROGRESS list has succeeded unless the FAILED list names it,
 * so success costs no Describe; a failure still reports AWS's own reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateGroupCommand, DeleteGroupCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { OnrampError } from '../core/errors.js';
import { useSandbox } from '../sandbox/test-support.js';
import { Directory } from './directory.js';
import { instanceOf } from './test-ic.js';
import { clientsOf, type Rig } from './test-lifecycle.js';
import { Waits } from './waits.js';

const sb = useSandbox({
  seed: 'org',
  accounts: 1,
  realism: {
    latencyMs: {
      createAccountAssignment: 80,
      deleteAccountAssignment: 80,
      provisionPermissionSet: 0,
      createAccount: 0,
    },
  },
});
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });

async function setup(groups: number) {
  const { InstanceArn, IdentityStoreId } = await instanceOf(rig());
  const sso = new SSOAdminClient(rig().config());
  const ids = new IdentitystoreClient(rig().config());
  const ps = await sso.send(new CreatePermissionSetCommand({ InstanceArn, Name: `W${groups}` }));
  const groupIds: string[] = [];
  for (let i = 0; i < groups; i++) {
    const g = await ids.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: `w${groups}-${i}` }));
    groupIds.push(g.GroupId ?? '');
  }
  const request = async (PrincipalId: string) => {
    const r = await sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn,
        PermissionSetArn: ps.PermissionSet?.PermissionSetArn,
        PrincipalType: 'GROUP',
        PrincipalId,
        TargetType: 'AWS_ACCOUNT',
        TargetId: sb.current.admin.accountId,
      }),
    );
    return r.AccountAssignmentCreationStatus?.RequestId ?? '';
  };
  const dir = new Directory();
  dir.instanceArn = InstanceArn;
  dir.identityStoreId = IdentityStoreId;
  const waits = new Waits(clientsOf(rig()), dir, { pollIntervalMs: 10 });
  return { ids, IdentityStoreId, groupIds, request, waits };
}

const calls = (op: string) => sb.current.calls()['sso-admin']?.[op] ?? 0;

describe('waiting for assignment creations', () => {
  it('infers success from the status lists: no Describe for requests seen running', async () => {
    const { groupIds, request, waits } = await setup(6);
    sb.current.resetCalls();
    const requests = await Promise.all(groupIds.map(request));
    const results = await Promise.all(requests.map((id) => waits.done('assignment-create', id, 'test')));
    assert.deepEqual(
      results.map((r) => r.state),
      groupIds.map(() => 'SUCCEEDED'),
    );
    assert.equal(calls('DescribeAccountAssignmentCreationStatus'), 0);
    assert.ok(calls('ListAccountAssignmentCreationStatus') >= 2, 'IN_PROGRESS and FAILED lists');
    // And the assignments really exist: the sandbox's own state.
    assert.equal(
      Object.values(sb.current.world.ssoAdmin.assignments).filter((a) => groupIds.includes(a.PrincipalId))
        .length,
      6,
    );
  });

  it('a failure is described, and reported with AWS’s reason', async () => {
    const { ids, IdentityStoreId, groupIds, request, waits } = await setup(2);
    sb.current.resetCalls();
    const [ok, doomed] = await Promise.all(groupIds.map(request));
    const waiting = [ok, doomed].map((id) => waits.done('assignment-create', id, 'assigning (doomed)'));
    // The group disappears while its assignment is being made: AWS fails the request.
    await new Promise((r) => setTimeout(r, 30));
    await ids.send(new DeleteGroupCommand({ IdentityStoreId, GroupId: groupIds[1] }));
    assert.equal((await waiting[0]).state, 'SUCCEEDED');
    await assert.rejects(waiting[1], (e: unknown) => {
      assert.ok(e instanceof OnrampError);
      assert.equal(e.code, 'ONR-E204');
      assert.match(e.message, /does not exist/);
      return true;
    });
    assert.equal(calls('DescribeAccountAssignmentCreationStatus'), 1);
  });
});
