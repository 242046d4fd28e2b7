/**
 * The only place sso-admin touches IAM state. New roles go through the IAM service's in-process
 * `createRoleInternal` (so IAM's invariants and quotas apply); re-provisioning updates the existing
 * role in place, keeping its id, creation date and tags, as IAM Identity Center does.
 */
import { AwsError } from '../../aws-error.js';
import type { SandboxContext } from '../../service.js';
import { createRoleInternal, deleteRoleInternal } from '../iam/internal.js';
import { findRole } from '../iam/model.js';

/** What IAM Identity Center puts on an AWSReservedSSO role. */
export interface ReservedRoleSpec {
  roleName: string;
  path: string;
  trustPolicy: string;
  maxSessionDuration: number;
  attachedPolicies: string[];
  inlinePolicies: Record<string, string>;
  permissionsBoundary?: string;
}

/**
 * Creates the role or replaces what it carries. IAM's refusals (a full account, a name taken) come
 * back as the failure reason Identity Center reports: "Received a <status> status error: <message>".
 */
export function putReservedRole(
  ctx: SandboxContext,
  accountId: string,
  spec: ReservedRoleSpec,
): { ok: true } | { ok: false; reason: string } {
  const iam = ctx.world.accounts[accountId].iam;
  const existing = findRole(iam, spec.roleName);
  if (existing) {
    existing.AssumeRolePolicyDocument = spec.trustPolicy;
    existing.MaxSessionDuration = spec.maxSessionDuration;
    existing.AttachedPolicies = [...spec.attachedPolicies];
    existing.InlinePolicies = { ...spec.inlinePolicies };
    existing.PermissionsBoundary = spec.permissionsBoundary;
    existing.ChangedAt = ctx.clock.now();
    return { ok: true };
  }
  try {
    createRoleInternal(ctx, accountId, {
      RoleName: spec.roleName,
      Path: spec.path,
      AssumeRolePolicyDocument: spec.trustPolicy,
      MaxSessionDuration: spec.maxSessionDuration,
      AttachedPolicies: spec.attachedPolicies,
      InlinePolicies: spec.inlinePolicies,
      PermissionsBoundary: spec.permissionsBoundary,
    });
    return { ok: true };
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    return { ok: false, reason: `Received a ${e.status} status error: ${e.message}` };
  }
}

export function deleteReservedRole(ctx: SandboxContext, accountId: string, roleName: string): void {
  deleteRoleInternal(ctx, accountId, roleName);
}

/** Whether a customer-managed policy with this ARN exists in the account. */
export function customerPolicyExists(ctx: SandboxContext, accountId: string, arn: string): boolean {
  const policies = ctx.world.accounts[accountId]?.iam.policies;
  return !!policies && Object.hasOwn(policies, arn);
}
