/**
 * The role Organizations puts into every account it creates (OrganizationAccountAccessRole unless the
 * request names another): trusted by the management account, with AdministratorAccess attached.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html
 */
import type { SandboxContext } from '../../service.js';
import { createRoleInternal } from '../iam/internal.js';
import { findRole, type IamRole } from '../iam/model.js';

export const DEFAULT_ACCESS_ROLE = 'OrganizationAccountAccessRole';
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** The trust policy AWS writes: any principal of the management account that is allowed to assume it. */
export function managementTrustPolicy(managementAccountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  });
}

/**
 * Creates the access role in `accountId` (which must already exist in the world).
 * `changedAt` drives the IAM propagation delay: the creation time for CreateAccount, 0 for seeded
 * worlds whose roles have existed "forever".
 */
export function createAccessRole(
  ctx: SandboxContext,
  accountId: string,
  input: { roleName: string; managementAccountId: string; changedAt: number },
): IamRole {
  const iam = ctx.world.accounts[accountId].iam;
  const existing = findRole(iam, input.roleName);
  if (existing) return existing;
  const role = createRoleInternal(ctx, accountId, {
    RoleName: input.roleName,
    AssumeRolePolicyDocument: managementTrustPolicy(input.managementAccountId),
    AttachedPolicies: [ADMINISTRATOR_ACCESS],
  });
  // IAM stamps the role with the present; a creation completed lazily happened at `changedAt`.
  role.ChangedAt = input.changedAt;
  if (input.changedAt > 0) role.CreateDate = new Date(input.changedAt).toISOString();
  return role;
}
