/**
 * Identity Center's asynchronous operations (assignment creation and deletion, provisioning),
 * modelled lazily: a request is stored IN_PROGRESS with CompleteAt = now + latency, and its work
 * is done by `settle`, which every sso-admin call (and the in-process readers) runs first. With an
 * injected clock the whole lifecycle is deterministic.
 */
import type { RealismConfig } from '../../realism.js';
import { deleteRecord, putRecord } from '../../record-index.js';
import type { SandboxContext } from '../../service.js';
import {
  type AccountAssignment,
  type AsyncKind,
  type AsyncStatus,
  assignmentKey,
  provisionedKey,
  type SsoAdminState,
} from './model.js';
import { deprovision, provisionInto } from './provisioning.js';

type Outcome = { ok: true } | { ok: false; reason: string };

const LATENCY: Record<AsyncKind, keyof RealismConfig['latencyMs']> = {
  'assignment-create': 'createAccountAssignment',
  'assignment-delete': 'deleteAccountAssignment',
  provision: 'provisionPermissionSet',
};

/** Request ids still IN_PROGRESS, per state object, so settling does not rescan every status. */
const pendingIndex = new WeakMap<SsoAdminState, string[]>();

function pending(state: SsoAdminState): string[] {
  let ids = pendingIndex.get(state);
  if (!ids) {
    ids = Object.values(state.statuses)
      .filter((s) => s.Status === 'IN_PROGRESS')
      .map((s) => s.RequestId);
    pendingIndex.set(state, ids);
  }
  return ids;
}

export type OperationInput = Pick<
  AsyncStatus,
  'Kind' | 'InstanceArn' | 'PermissionSetArn' | 'TargetId' | 'PrincipalType' | 'PrincipalId'
>;

/** Records a new IN_PROGRESS request; its work happens when the clock passes its latency. */
export function startOperation(ctx: SandboxContext, input: OperationInput): AsyncStatus {
  const state = ctx.world.ssoAdmin;
  const now = ctx.clock.now();
  const status: AsyncStatus = {
    ...input,
    RequestId: ctx.ids.uuid(),
    Status: 'IN_PROGRESS',
    CreatedDate: new Date(now).toISOString(),
    CompleteAt: now + ctx.realism.latency(LATENCY[input.Kind]),
  };
  state.statuses[status.RequestId] = status;
  pending(state).push(status.RequestId);
  return status;
}

/** Completes every request whose time has come, oldest deadline first. */
export function settle(ctx: SandboxContext): void {
  const state = ctx.world.ssoAdmin;
  const ids = pending(state);
  if (ids.length === 0) return;
  const now = ctx.clock.now();
  const due: AsyncStatus[] = [];
  const rest: string[] = [];
  for (const id of ids) {
    const s = state.statuses[id];
    if (s?.Status !== 'IN_PROGRESS') continue;
    if (s.CompleteAt <= now) due.push(s);
    else rest.push(id);
  }
  pendingIndex.set(state, rest);
  due.sort((a, b) => a.CompleteAt - b.CompleteAt);
  for (const s of due) {
    const outcome = perform(ctx, s);
    s.Status = outcome.ok ? 'SUCCEEDED' : 'FAILED';
    if (!outcome.ok) s.FailureReason = outcome.reason;
  }
}

/** IN_PROGRESS requests of one kind in an instance (after settling). */
export function outstanding(ctx: SandboxContext, instanceArn: string, kind: AsyncKind): number {
  const state = ctx.world.ssoAdmin;
  let n = 0;
  for (const id of pending(state)) {
    const s = state.statuses[id];
    if (s?.Status === 'IN_PROGRESS' && s.Kind === kind && s.InstanceArn === instanceArn) n++;
  }
  return n;
}

function principalExists(ctx: SandboxContext, s: AsyncStatus, identityStoreId: string): boolean {
  const ids = ctx.world.identityStore;
  const id = s.PrincipalId ?? '';
  const found = s.PrincipalType === 'USER' ? ids.users[id] : ids.groups[id];
  return !!found && found.IdentityStoreId === identityStoreId;
}

function perform(ctx: SandboxContext, s: AsyncStatus): Outcome {
  const state = ctx.world.ssoAdmin;
  const ps = state.permissionSets[s.PermissionSetArn];
  const instance = state.instances[s.InstanceArn];
  if (!ps || !instance)
    return { ok: false, reason: 'Received a 404 status error: Permission set not found.' };
  const accountId = s.TargetId ?? '';
  if (s.Kind === 'provision') {
    const targets = s.TargetId
      ? [s.TargetId]
      : Object.values(state.provisioned)
          .filter((p) => p.PermissionSetArn === ps.PermissionSetArn)
          .map((p) => p.AccountId);
    let failure: Outcome = { ok: true };
    for (const target of targets) {
      const r = provisionInto(ctx, ps, target);
      if (!r.ok && failure.ok) failure = r;
    }
    return failure;
  }
  const a: AccountAssignment = {
    InstanceArn: s.InstanceArn,
    AccountId: accountId,
    PermissionSetArn: s.PermissionSetArn,
    PrincipalType: s.PrincipalType ?? 'USER',
    PrincipalId: s.PrincipalId ?? '',
  };
  const key = assignmentKey(a);
  if (s.Kind === 'assignment-delete') {
    if (!state.assignments[key])
      return { ok: false, reason: 'Received a 404 status error: Assignment not found.' };
    deleteRecord(state.assignments, key);
    const remaining = Object.values(state.assignments).some(
      (x) => x.PermissionSetArn === a.PermissionSetArn && x.AccountId === accountId,
    );
    if (!remaining) deprovision(ctx, a.PermissionSetArn, accountId);
    return { ok: true };
  }
  if (!ctx.world.accounts[accountId]) {
    return { ok: false, reason: `Received a 404 status error: AWS account ${accountId} not found.` };
  }
  if (!principalExists(ctx, s, instance.IdentityStoreId)) {
    const kind = a.PrincipalType === 'USER' ? 'User' : 'Group';
    return {
      ok: false,
      reason: `Received a 404 status error: ${kind} ${a.PrincipalId} does not exist in identity store ${instance.IdentityStoreId}.`,
    };
  }
  if (!state.provisioned[provisionedKey(a.PermissionSetArn, accountId)]) {
    // The first assignment of a permission set in an account provisions it there (CreateAccountAssignment docs).
    const r = provisionInto(ctx, ps, accountId);
    if (!r.ok) return r;
  }
  putRecord(state.assignments, key, a);
  return { ok: true };
}

/** AccountAssignmentOperationStatus as AWS returns it. */
export function assignmentStatusView(s: AsyncStatus): Record<string, unknown> {
  return {
    Status: s.Status,
    RequestId: s.RequestId,
    FailureReason: s.FailureReason,
    TargetId: s.TargetId,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: s.PermissionSetArn,
    PrincipalType: s.PrincipalType,
    PrincipalId: s.PrincipalId,
    CreatedDate: new Date(s.CreatedDate),
  };
}

/** PermissionSetProvisioningStatus as AWS returns it. */
export function provisioningStatusView(s: AsyncStatus): Record<string, unknown> {
  return {
    Status: s.Status,
    RequestId: s.RequestId,
    AccountId: s.TargetId,
    PermissionSetArn: s.PermissionSetArn,
    FailureReason: s.FailureReason,
    CreatedDate: new Date(s.CreatedDate),
  };
}

/** The metadata the List…Status operations return. */
export function statusMetadata(s: AsyncStatus): Record<string, unknown> {
  return { Status: s.Status, RequestId: s.RequestId, CreatedDate: new Date(s.CreatedDate) };
}
