/**
 * What provisioning a permission set into an account does: IAM Identity Center creates (or
 * updates) the role AWSReservedSSO_<PermissionSetName>_<16 hex> under
 * /aws-reserved/sso.amazonaws.com/, trusting the account's Identity Center SAML provider, carrying
 * the permission set's policies, and records which revision of the permission set it carries.
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html
 */
import { createHash } from 'node:crypto';
import type { SandboxContext } from '../../service.js';
import { customerPolicyExists, deleteReservedRole, putReservedRole } from './iam-bridge.js';
import { type CustomerManagedPolicyReference, type PermissionSet, provisionedKey } from './model.js';

export type ProvisionResult = { ok: true; roleName: string } | { ok: false; reason: string };

/** AWS writes the region into the path for instances outside us-east-1 (newer instances do). */
export function reservedRolePath(region: string): string {
  return region === 'us-east-1'
    ? '/aws-reserved/sso.amazonaws.com/'
    : `/aws-reserved/sso.amazonaws.com/${region}/`;
}

/**
 * The SAML provider Identity Center keeps in every account it provisions into
 * (AWSSSO_<hex>_DO_NOT_DELETE). Derived from the instance so that it is stable without state.
 */
export function samlProviderArn(instanceArn: string, accountId: string): string {
  const hex = createHash('sha256').update(instanceArn).digest('hex').slice(0, 16);
  return `arn:aws:iam::${accountId}:saml-provider/AWSSSO_${hex}_DO_NOT_DELETE`;
}

export function reservedTrustPolicy(instanceArn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: samlProviderArn(instanceArn, accountId) },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      },
    ],
  });
}

/** Seconds in an ISO-8601 duration with hour/minute/second parts (PT1H, PT2H30M, PT3600S). */
export function durationSeconds(duration: string): number | undefined {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
  if (!m || duration === 'PT') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

export function customerPolicyArn(accountId: string, ref: CustomerManagedPolicyReference): string {
  return `arn:aws:iam::${accountId}:policy${ref.Path || '/'}${ref.Name}`;
}

/** The failure IAM Identity Center reports when a referenced policy is missing in the account. */
function missingPolicy(arn: string): string {
  return `Received a 404 status error: Policy ${arn} does not exist or is not attachable.`;
}

function roleSuffix(ctx: SandboxContext, key: string): string {
  const state = ctx.world.ssoAdmin;
  state.roleSuffixes ??= {};
  state.roleSuffixes[key] ??= ctx.ids.reservedSsoSuffix();
  return state.roleSuffixes[key];
}

/** Creates or updates the permission set's role in the account and records the revision. */
export function provisionInto(ctx: SandboxContext, ps: PermissionSet, accountId: string): ProvisionResult {
  if (!ctx.world.accounts[accountId]) {
    return { ok: false, reason: `Received a 404 status error: AWS account ${accountId} not found.` };
  }
  const attached = [...ps.ManagedPolicies];
  for (const ref of ps.CustomerManagedPolicyReferences) {
    const arn = customerPolicyArn(accountId, ref);
    if (!customerPolicyExists(ctx, accountId, arn)) return { ok: false, reason: missingPolicy(arn) };
    attached.push(arn);
  }
  let boundary: string | undefined;
  const pb = ps.PermissionsBoundary;
  if (pb?.ManagedPolicyArn) boundary = pb.ManagedPolicyArn;
  if (pb?.CustomerManagedPolicyReference) {
    boundary = customerPolicyArn(accountId, pb.CustomerManagedPolicyReference);
    if (!customerPolicyExists(ctx, accountId, boundary))
      return { ok: false, reason: missingPolicy(boundary) };
  }
  const state = ctx.world.ssoAdmin;
  const key = provisionedKey(ps.PermissionSetArn, accountId);
  const roleName = state.provisioned[key]?.RoleName ?? `AWSReservedSSO_${ps.Name}_${roleSuffix(ctx, key)}`;
  const put = putReservedRole(ctx, accountId, {
    roleName,
    path: reservedRolePath(ctx.world.region),
    trustPolicy: reservedTrustPolicy(ps.InstanceArn, accountId),
    maxSessionDuration: durationSeconds(ps.SessionDuration) ?? 3600,
    attachedPolicies: attached,
    inlinePolicies: ps.InlinePolicy ? { AwsSSOInlinePolicy: ps.InlinePolicy } : {},
    permissionsBoundary: boundary,
  });
  if (!put.ok) return put;
  state.provisioned[key] = {
    InstanceArn: ps.InstanceArn,
    PermissionSetArn: ps.PermissionSetArn,
    AccountId: accountId,
    RoleName: roleName,
    Revision: ps.Revision,
  };
  return { ok: true, roleName };
}

/** Removes the role and the record, as AWS does when the last assignment in the account goes. */
export function deprovision(ctx: SandboxContext, permissionSetArn: string, accountId: string): void {
  const state = ctx.world.ssoAdmin;
  const key = provisionedKey(permissionSetArn, accountId);
  const record = state.provisioned[key];
  if (!record) return;
  deleteReservedRole(ctx, accountId, record.RoleName);
  delete state.provisioned[key];
}
