/**
 * In-process operations other parts of the sandbox use: seeding enables the instance, and the SSO
 * portal reads who may use which role. Readers that take a context settle asynchronous requests
 * first; the pure `assignmentsForUser` reads the world as it is, so call `settleSsoAdmin` before it.
 */
import type { SandboxContext } from '../../service.js';
import type { World } from '../../world.js';
import { groupsOfUser } from '../identitystore/model.js';
import { settle } from './async-ops.js';
import { enableInstance } from './instances.js';
import { provisionedKey } from './model.js';

/** Enables an organization instance of IAM Identity Center with its identity store. */
export function createInstanceInternal(
  ctx: SandboxContext,
  input: { name?: string } = {},
): { instanceArn: string; identityStoreId: string } {
  const instance = enableInstance(ctx, ctx.world.primaryAccountId, input.name);
  return { instanceArn: instance.InstanceArn, identityStoreId: instance.IdentityStoreId };
}

/** Completes every asynchronous sso-admin request whose latency has passed. */
export function settleSsoAdmin(ctx: SandboxContext): void {
  settle(ctx);
}

/**
 * The AWSReservedSSO role a permission set was provisioned as in an account, if it is provisioned
 * there. The SSO portal mints credentials for it.
 */
export function provisionedRoleName(
  ctx: SandboxContext,
  permissionSetArn: string,
  accountId: string,
): string | undefined {
  settle(ctx);
  return ctx.world.ssoAdmin.provisioned[provisionedKey(permissionSetArn, accountId)]?.RoleName;
}

/** One account + permission set a user may sign in to. */
export interface UserAssignment {
  AccountId: string;
  PermissionSetArn: string;
  PermissionSetName: string;
}

/**
 * The accounts and permission sets a user may use in an instance: assigned to the user directly or
 * to any group the user belongs to, each pair once, in assignment order. Pure: reads only `world`.
 */
export function assignmentsForUser(world: World, instanceArn: string, userId: string): UserAssignment[] {
  const state = world.ssoAdmin;
  const instance = state.instances[instanceArn];
  if (!instance) return [];
  const principals = new Set([`USER|${userId}`]);
  for (const g of groupsOfUser(world.identityStore, instance.IdentityStoreId, userId))
    principals.add(`GROUP|${g}`);
  const seen = new Set<string>();
  const out: UserAssignment[] = [];
  for (const a of Object.values(state.assignments)) {
    if (a.InstanceArn !== instanceArn || !principals.has(`${a.PrincipalType}|${a.PrincipalId}`)) continue;
    const key = `${a.AccountId}|${a.PermissionSetArn}`;
    const ps = state.permissionSets[a.PermissionSetArn];
    if (seen.has(key) || !ps) continue;
    seen.add(key);
    out.push({ AccountId: a.AccountId, PermissionSetArn: a.PermissionSetArn, PermissionSetName: ps.Name });
  }
  return out;
}

/** The accounts a user may use in an instance (sorted, each once), for the portal's ListAccounts. */
export function accountsForUser(world: World, instanceArn: string, userId: string): string[] {
  return [...new Set(assignmentsForUser(world, instanceArn, userId).map((a) => a.AccountId))].sort();
}
