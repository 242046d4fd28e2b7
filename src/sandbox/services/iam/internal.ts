/**
 * In-process IAM operations for the rest of the sandbox: Organizations creates
 * OrganizationAccountAccessRole in new accounts, sso-admin creates and removes AWSReservedSSO_…
 * roles when it provisions permission sets, seeds create users with keys. These skip wire
 * validation (callers are trusted) but keep IAM's invariants: unique names, ids, ChangedAt.
 */
import type { Credential } from '../../principal.js';
import type { SandboxContext } from '../../service.js';
import { ensureAccount } from '../../world.js';
import { issueAccessKey } from './access-keys.js';
import { findRole, type IamRole, type IamUser, type Tag } from './model.js';
import { insertRole } from './roles.js';
import { insertUser } from './users.js';

export interface RoleInput {
  RoleName: string;
  /** Defaults to "/". sso-admin uses /aws-reserved/sso.amazonaws.com/ (plus the region for some). */
  Path?: string;
  /** JSON text, not URL-encoded. */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration?: number;
  Tags?: Tag[];
  /** Managed policy ARNs (AWS-managed or customer-managed). */
  AttachedPolicies?: string[];
  /** Inline policies by name, JSON text. */
  InlinePolicies?: Record<string, string>;
  PermissionsBoundary?: string;
}

/**
 * Creates a role in `accountId` (the account is added to the world if needed) and returns it.
 * Throws AwsError EntityAlreadyExists when a role of that name (any case) exists.
 */
export function createRoleInternal(ctx: SandboxContext, accountId: string, input: RoleInput): IamRole {
  return insertRole(ctx, accountId, input);
}

/**
 * Deletes a role with everything attached to it (policies, inline policies, boundary). Deleting a
 * role that is not there succeeds (returns false), so callers can clean up idempotently.
 */
export function deleteRoleInternal(ctx: SandboxContext, accountId: string, roleName: string): boolean {
  const iam = ctx.world.accounts[accountId]?.iam;
  const role = iam && findRole(iam, roleName);
  if (!iam || !role) return false;
  delete iam.roles[role.RoleName.toLowerCase()];
  return true;
}

export interface UserInput {
  UserName: string;
  Path?: string;
  Tags?: Tag[];
  AttachedPolicies?: string[];
  InlinePolicies?: Record<string, string>;
}

/** Creates a user with one active access key that can sign requests at once. */
export function createUserWithKeyInternal(
  ctx: SandboxContext,
  accountId: string,
  input: UserInput,
): { user: IamUser; credential: Credential } {
  ensureAccount(ctx.world, accountId);
  const user = insertUser(ctx, accountId, input);
  const key = issueAccessKey(ctx, accountId, user);
  return { user, credential: ctx.world.credentials[key.AccessKeyId] };
}
