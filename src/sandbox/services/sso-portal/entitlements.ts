/**
 * What a signed-in user may use: every account assignment of their instance made to them or to one
 * of their groups, whose permission set is provisioned in that account. The portal lists a role once
 * even when several assignments grant it.
 */
import type { SandboxContext } from '../../service.js';
import { groupsOfUser } from '../identitystore/model.js';
import { provisionedRoleName, settleSsoAdmin } from '../sso-admin/internal.js';
import type { PermissionSet } from '../sso-admin/model.js';
import type { TokenGrant } from '../sso-oidc/tokens.js';

export interface Entitlement {
  accountId: string;
  permissionSet: PermissionSet;
  /** The AWSReservedSSO_… role the permission set was provisioned as in the account. */
  reservedRoleName: string;
}

/** Entitlements sorted by account id, then permission set name. */
export function entitlementsOf(ctx: SandboxContext, grant: TokenGrant): Entitlement[] {
  // Assignments whose asynchronous creation has come due are only recorded once settled.
  settleSsoAdmin(ctx);
  const world = ctx.world;
  const groups = new Set(groupsOfUser(world.identityStore, grant.identityStoreId, grant.userId));
  const permissionSets = new Map(
    Object.values(world.ssoAdmin.permissionSets).map((p) => [p.PermissionSetArn, p]),
  );
  const seen = new Map<string, Entitlement>();
  for (const a of Object.values(world.ssoAdmin.assignments)) {
    if (a.InstanceArn !== grant.instanceArn) continue;
    const mine =
      (a.PrincipalType === 'USER' && a.PrincipalId === grant.userId) ||
      (a.PrincipalType === 'GROUP' && groups.has(a.PrincipalId));
    const key = `${a.AccountId}|${a.PermissionSetArn}`;
    if (!mine || seen.has(key) || !world.accounts[a.AccountId]) continue;
    const permissionSet = permissionSets.get(a.PermissionSetArn);
    if (!permissionSet) continue;
    const reservedRoleName = provisionedRoleName(ctx, a.PermissionSetArn, a.AccountId);
    if (!reservedRoleName) continue;
    seen.set(key, { accountId: a.AccountId, permissionSet, reservedRoleName });
  }
  return [...seen.values()].sort(
    (x, y) =>
      x.accountId.localeCompare(y.accountId) || x.permissionSet.Name.localeCompare(y.permissionSet.Name),
  );
}
