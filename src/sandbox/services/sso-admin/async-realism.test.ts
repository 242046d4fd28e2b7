import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DeletePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetProvisioningStatusCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentsCommand,
  ProvisionPermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { ManualClock } from '../../../core/clock.js';
import { useSandbox } from '../../test-support.js';
import { provisionedRoleName } from './internal.js';
import { createTestUser, type SsoTestWorld, ssoTestWorld } from './test-world.js';

const LATENCY = {
  createAccountAssignment: 3000,
  deleteAccountAssignment: 3000,
  provisionPermissionSet: 5000,
  createAccount: 0,
};

function ghostPrincipal(i: number): string {
  return `${'0'.repeat(10)}-${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
}

describe('sso-admin asynchronous work with an injected clock and latency', () => {
  const clock = new ManualClock();
  const sb = useSandbox({ seed: 'org', accounts: 3, clock, realism: { latencyMs: LATENCY } });
  let w: SsoTestWorld;
  let alice: string;
  let psArn: string;
  before(async () => {
    w = ssoTestWorld(sb.current);
    alice = await createTestUser(w, 'alice');
    const ps = await w.sso.send(new CreatePermissionSetCommand({ InstanceArn: w.instanceArn, Name: 'Slow' }));
    psArn = ps.PermissionSet?.PermissionSetArn ?? '';
  });

  const assign = (PrincipalId: string, TargetId: string) =>
    w.sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: w.instanceArn,
        TargetId,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: psArn,
        PrincipalType: 'USER',
        PrincipalId,
      }),
    );
  const creationStatus = async (id: string) =>
    (
      await w.sso.send(
        new DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn: w.instanceArn,
          AccountAssignmentCreationRequestId: id,
        }),
      )
    ).AccountAssignmentCreationStatus?.Status;

  it('stays IN_PROGRESS until the latency has passed, then SUCCEEDED', async () => {
    const member = w.members[0];
    const id = (await assign(alice, member)).AccountAssignmentCreationStatus?.RequestId ?? '';
    assert.equal(await creationStatus(id), 'IN_PROGRESS');
    const listed = () =>
      w.sso.send(
        new ListAccountAssignmentsCommand({
          InstanceArn: w.instanceArn,
          AccountId: member,
          PermissionSetArn: psArn,
        }),
      );
    assert.deepEqual((await listed()).AccountAssignments, [], 'not assigned while in progress');
    assert.equal(provisionedRoleName(sb.current.context, psArn, member), undefined);
    clock.advance(2999);
    assert.equal(await creationStatus(id), 'IN_PROGRESS');
    clock.advance(1);
    assert.equal(await creationStatus(id), 'SUCCEEDED');
    assert.equal((await listed()).AccountAssignments?.length, 1);
    assert.ok(provisionedRoleName(sb.current.context, psArn, member));

    const prov = await w.sso.send(
      new ProvisionPermissionSetCommand({
        InstanceArn: w.instanceArn,
        PermissionSetArn: psArn,
        TargetType: 'AWS_ACCOUNT',
        TargetId: member,
      }),
    );
    const provStatus = async () =>
      (
        await w.sso.send(
          new DescribePermissionSetProvisioningStatusCommand({
            InstanceArn: w.instanceArn,
            ProvisionPermissionSetRequestId: prov.PermissionSetProvisioningStatus?.RequestId,
          }),
        )
      ).PermissionSetProvisioningStatus?.Status;
    clock.advance(4999);
    assert.equal(await provStatus(), 'IN_PROGRESS');
    await assert.rejects(
      w.sso.send(new DeletePermissionSetCommand({ InstanceArn: w.instanceArn, PermissionSetArn: psArn })),
      (e: Error) => e.name === 'ConflictException',
    );
    clock.advance(1);
    assert.equal(await provStatus(), 'SUCCEEDED');

    const del = await w.sso.send(
      new DeleteAccountAssignmentCommand({
        InstanceArn: w.instanceArn,
        TargetId: member,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: psArn,
        PrincipalType: 'USER',
        PrincipalId: alice,
      }),
    );
    const delStatus = async () =>
      (
        await w.sso.send(
          new DescribeAccountAssignmentDeletionStatusCommand({
            InstanceArn: w.instanceArn,
            AccountAssignmentDeletionRequestId: del.AccountAssignmentDeletionStatus?.RequestId,
          }),
        )
      ).AccountAssignmentDeletionStatus?.Status;
    assert.equal(await delStatus(), 'IN_PROGRESS');
    assert.equal((await listed()).AccountAssignments?.length, 1, 'still assigned while the deletion runs');
    clock.advance(3000);
    assert.equal(await delStatus(), 'SUCCEEDED');
    assert.deepEqual((await listed()).AccountAssignments, []);
    assert.equal(provisionedRoleName(sb.current.context, psArn, member), undefined);
  });

  it('accepts exactly the configured number of outstanding creations; the rest get ThrottlingException', async () => {
    const cap = sb.current.realism.config.maxOutstandingAssignmentCreations;
    assert.equal(cap, 15, 'AWS allows 15 outstanding asynchronous write calls');
    const calls = Array.from({ length: 100 }, (_, i) =>
      assign(ghostPrincipal(i), w.members[i % w.members.length]),
    );
    const results = await Promise.allSettled(calls);
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(accepted.length, cap);
    assert.equal(refused.length, 100 - cap);
    for (const r of refused) {
      assert.equal((r.reason as Error).name, 'ThrottlingException');
      assert.match((r.reason as Error).message, /too many requests/i);
    }
    const inProgress = await w.sso.send(
      new ListAccountAssignmentCreationStatusCommand({
        InstanceArn: w.instanceArn,
        Filter: { Status: 'IN_PROGRESS' },
      }),
    );
    assert.equal(inProgress.AccountAssignmentsCreationStatus?.length, cap);

    clock.advance(3000);
    // The accepted ones finished (FAILED: those principals do not exist), which frees the quota.
    const failed = await w.sso.send(
      new ListAccountAssignmentCreationStatusCommand({
        InstanceArn: w.instanceArn,
        Filter: { Status: 'FAILED' },
      }),
    );
    assert.equal(failed.AccountAssignmentsCreationStatus?.length, cap);
    const again = await assign(alice, w.members[1]);
    assert.equal(again.AccountAssignmentCreationStatus?.Status, 'IN_PROGRESS');
  });
});
