/**
 * One read of IAM Identity Center with the fewest calls: users and groups by the page (100),
 * permission sets by the page plus what only per-set calls return (name, tags; policies only for
 * the sets the blueprint owns or declares), memberships of the relevant groups, and assignments by
 * whichever is cheaper for this blueprint — ListAccountAssignmentsForPrincipal per principal, or
 * ListAccountsForProvisionedPermissionSet + ListAccountAssignments per (permission set, account).
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountAssignmentsForPrincipal.html
 */

import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import type { AwsClients } from '../aws/clients.js';
import type { PermissionSetProps } from '../blueprint/types.js';
import { readAssignments } from './ic-read-assignments.js';
import { type IcPermissionSet, readPermissionSets } from './ic-read-permission-sets.js';
import {
  type IcGroup,
  type IcMembership,
  type IcUser,
  readMemberships,
  readPrincipals,
} from './ic-read-store.js';

export type { IcGroup, IcMembership, IcPermissionSet, IcUser };

/**
 * `fast` trusts what onramp recorded at its last apply (a permission set's fingerprint, a user's
 * "assigned directly" mark); `full` reads everything it owns (finds edits made by hand).
 */
export type Refresh = 'fast' | 'full';

/** What the blueprint cares about: names it declares (anything owned is read as well). */
export interface IcScope {
  blueprint: string;
  userNames: ReadonlySet<string>;
  groupNames: ReadonlySet<string>;
  permissionSetNames: ReadonlySet<string>;
  /**
   * Fingerprint → desired props of each declared permission set (markers.ts); in a fast read, an
   * owned set whose fingerprint tag is here is not read further.
   */
  fingerprints: ReadonlyMap<string, PermissionSetProps>;
  refresh: Refresh;
  /** Principals the blueprint assigns (`USER:name` / `GROUP:name`, names lower-cased). */
  principals: ReadonlySet<string>;
  /** Distinct accounts the blueprint assigns to (sizes the per-permission-set strategy). */
  assignmentAccounts: number;
}

export interface IcAssignment {
  permissionSetArn: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
  accountId: string;
}

export interface IcSnapshot {
  instanceArn?: string;
  identityStoreId?: string;
  users: IcUser[];
  groups: IcGroup[];
  memberships: IcMembership[];
  permissionSets: IcPermissionSet[];
  assignments: IcAssignment[];
  /** Which strategy read the assignments, and the calls it was estimated to take. */
  assignmentStrategy?: { by: 'principal' | 'permission-set'; estimate: number };
}

const EMPTY: IcSnapshot = { users: [], groups: [], memberships: [], permissionSets: [], assignments: [] };

export async function readIdentityCenter(
  aws: AwsClients,
  scope: IcScope,
  signal?: AbortSignal,
): Promise<IcSnapshot> {
  const what = 'reading IAM Identity Center';
  const instances = await aws.call(
    'sso-admin',
    'ListInstances',
    (c) => c.send(new ListInstancesCommand({})),
    {
      what,
      signal,
    },
  );
  const instance = instances.Instances?.[0];
  if (!instance?.InstanceArn || !instance.IdentityStoreId) return EMPTY;
  const instanceArn = instance.InstanceArn;
  const identityStoreId = instance.IdentityStoreId;
  // Assignments need the principals and the sets; memberships only the groups. Each starts as
  // soon as what it needs is read, so sso-admin's and identitystore's quotas are used side by side.
  const principals = readPrincipals(aws, identityStoreId, signal);
  const sets = readPermissionSets(aws, instanceArn, scope, signal);
  const [store, permissionSets, memberships, { assignments, strategy }] = await Promise.all([
    principals,
    sets,
    principals.then((p) => readMemberships(aws, identityStoreId, scope, p.groups, signal)),
    Promise.all([principals, sets]).then(([p, ps]) =>
      readAssignments(aws, instanceArn, scope, p, ps, signal),
    ),
  ]);
  return {
    instanceArn,
    identityStoreId,
    ...store,
    memberships,
    permissionSets,
    assignments,
    assignmentStrategy: strategy,
  };
}
