/**
 * Reads everything a plan compares against, in parallel: each declared account's IAM (member
 * accounts through their access role, assumed once per run) and IAM Identity Center. Fills the
 * run's Directory (names → ids) on the way, so values such as a permission set's ARN resolve.
 */
import type { AwsClients } from '../aws/clients.js';
import type { Blueprint, DesiredResource, PermissionSetProps } from '../blueprint/types.js';
import type { Directory } from '../resources/directory.js';
import { observeGroups } from '../resources/iam-group.js';
import { observeGroupUsers } from '../resources/iam-group-users.js';
import { observePolicies } from '../resources/iam-policy.js';
import { readIam } from '../resources/iam-read.js';
import { observeRoles } from '../resources/iam-role.js';
import { type IcScope, type IcSnapshot, type Refresh, readIdentityCenter } from '../resources/ic-read.js';
import { observeIdGroups } from '../resources/idstore-group.js';
import { observeMemberships } from '../resources/idstore-membership.js';
import { observeUsers } from '../resources/idstore-user.js';
import { permissionSetFingerprint } from '../resources/markers.js';
import { observeAssignments } from '../resources/sso-assignment.js';
import { observePermissionSets } from '../resources/sso-permission-set.js';
import type { ObservedResource } from '../resources/types.js';

export interface ReadInput {
  blueprint: Blueprint;
  desired: readonly DesiredResource[];
  /** Account id → blueprint key, for every declared account whose id is known. */
  accounts: ReadonlyMap<string, string>;
  dir: Directory;
  /** What to trust of onramp's own records (ic-read.ts Refresh; default fast). */
  refresh?: Refresh;
  signal?: AbortSignal;
}

export type { Refresh };

export interface ReadOutput {
  observed: ObservedResource[];
  identityCenter?: IcSnapshot;
}

/** The Identity Center names and principals the desired resources mention. */
export function icScope(
  blueprint: string,
  desired: readonly DesiredResource[],
  refresh: Refresh = 'fast',
): IcScope {
  const users = new Set<string>();
  const groups = new Set<string>();
  const sets = new Set<string>();
  const principals = new Set<string>();
  const accounts = new Set<string>();
  const fingerprints = new Map<string, PermissionSetProps>();
  for (const d of desired) {
    if (d.kind === 'AWS::IdentityStore::User') users.add(d.props.userName.toLowerCase());
    else if (d.kind === 'AWS::IdentityStore::Group') groups.add(d.props.displayName.toLowerCase());
    else if (d.kind === 'AWS::SSO::PermissionSet') {
      sets.add(d.props.name);
      const fp = permissionSetFingerprint(d.props);
      if (fp) fingerprints.set(fp, d.props);
    } else if (d.kind === 'AWS::SSO::Assignment') {
      principals.add(`${d.props.principalType}:${d.props.principalName.toLowerCase()}`);
      accounts.add(JSON.stringify(d.props.targetId));
    }
  }
  return {
    blueprint,
    userNames: users,
    groupNames: groups,
    permissionSetNames: sets,
    fingerprints,
    refresh,
    principals,
    assignmentAccounts: accounts.size,
  };
}

const declaresIdentityCenter = (bp: Blueprint) => {
  const ic = bp.identityCenter;
  return (
    Object.keys(ic.users).length + Object.keys(ic.groups).length + Object.keys(ic.permissionSets).length >
      0 || ic.assignments.length > 0
  );
};

export async function readState(aws: AwsClients, input: ReadInput): Promise<ReadOutput> {
  const { dir, signal } = input;
  const label = (id: string) => input.accounts.get(id) ?? id;
  const iamReads = [...input.accounts.keys()].map(async (accountId) => {
    const ctx = await aws.forAccount(accountId, { roleName: dir.accessRoles.get(accountId), signal });
    const snap = await readIam(ctx, accountId, signal);
    const l = label(accountId);
    return [
      ...observeRoles(snap, l),
      ...observePolicies(snap, l),
      ...observeGroups(snap, l),
      ...observeGroupUsers(snap, l),
    ];
  });
  const icRead = (async (): Promise<IcSnapshot | undefined> => {
    const scope = icScope(input.blueprint.name, input.desired, input.refresh);
    if (declaresIdentityCenter(input.blueprint)) return readIdentityCenter(aws, scope, signal);
    // A blueprint without Identity Center may still own what an earlier version of it created;
    // a caller without Identity Center access simply has nothing there to clean up.
    return readIdentityCenter(aws, scope, signal).catch(() => undefined);
  })();
  const [iam, ic] = await Promise.all([Promise.all(iamReads), icRead]);
  const observed = iam.flat();
  if (ic) {
    dir.instanceArn = ic.instanceArn;
    dir.identityStoreId = ic.identityStoreId;
    for (const u of ic.users) {
      dir.setUser(u.userName, u.id);
      dir.userMarks.set(u.id, { ...(u.owner ? { owner: u.owner } : {}), direct: !!u.direct });
    }
    for (const g of ic.groups) dir.setGroup(g.displayName, g.id);
    for (const p of ic.permissionSets) dir.setPermissionSet(p.name, p.arn);
    observed.push(
      ...observeUsers(ic),
      ...observeIdGroups(ic),
      ...observeMemberships(ic),
      ...observePermissionSets(ic),
      ...observeAssignments(ic, label),
    );
  }
  return { observed, ...(ic ? { identityCenter: ic } : {}) };
}

/** Reference values the readers learnt: ids of users, groups and permission sets the blueprint names. */
export function learntRefs(bp: Blueprint, dir: Directory): Record<string, string> {
  const out: Record<string, string> = {};
  const ic = bp.identityCenter;
  const tryGet = (f: () => string) => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  for (const [k, u] of Object.entries(ic.users)) {
    const id = tryGet(() => dir.userId(u.userName));
    if (id) out[`identityCenter.users.${k}.id`] = id;
  }
  for (const [k, g] of Object.entries(ic.groups)) {
    const id = tryGet(() => dir.groupId(g.displayName));
    if (id) out[`identityCenter.groups.${k}.id`] = id;
  }
  for (const [k, p] of Object.entries(ic.permissionSets)) {
    const arn = tryGet(() => dir.permissionSetArn(p.name));
    if (arn) out[`identityCenter.permissionSets.${k}.arn`] = arn;
  }
  return out;
}
