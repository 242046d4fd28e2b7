/**
 * Account assignments of the permission sets that matter, read by the cheaper of two ways:
 * per principal (ListAccountAssignmentsForPrincipal: one paged call per declared or owned group, per
 * declared user, and per owned user onramp has assigned directly) or per permission set (ListAccountsForProvisionedPermissionSet, then ListAccountAssignments
 * per account it is provisioned to). The per-principal way cannot see an owned permission set
 * assigned by hand to a principal the blueprint never heard of; the per-set way can, at a price
 * that grows with accounts.
 */

import {
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { AwsClients } from '../aws/clients.js';
import { mapLimit, READ_CONCURRENCY } from '../core/concurrency.js';
import type { IcAssignment, IcScope } from './ic-read.js';
import type { IcPermissionSet } from './ic-read-permission-sets.js';
import type { IcGroup, IcUser } from './ic-read-store.js';
import { allPages } from './util.js';

type Principal = { type: 'USER' | 'GROUP'; id: string };

export async function readAssignments(
  aws: AwsClients,
  InstanceArn: string,
  scope: IcScope,
  store: { users: IcUser[]; groups: IcGroup[] },
  permissionSets: IcPermissionSet[],
  signal?: AbortSignal,
): Promise<{
  assignments: IcAssignment[];
  strategy: { by: 'principal' | 'permission-set'; estimate: number };
}> {
  const what = 'reading IAM Identity Center account assignments';
  const call = <T>(op: string, fn: (c: SSOAdminClient) => Promise<T>) =>
    aws.call('sso-admin', op, fn, { what, signal });
  const sets = permissionSets.filter((p) => p.details);
  const arns = new Set(sets.map((p) => p.arn));
  const principals: Principal[] = [
    // An owned user can hold an assignment onramp made only once marked "assigned directly".
    ...store.users
      .filter(
        (u) =>
          (u.owner === scope.blueprint && (u.direct || scope.refresh === 'full')) ||
          scope.principals.has(`USER:${u.userName.toLowerCase()}`),
      )
      .map((u) => ({ type: 'USER' as const, id: u.id })),
    ...store.groups
      .filter(
        (g) => g.owner === scope.blueprint || scope.principals.has(`GROUP:${g.displayName.toLowerCase()}`),
      )
      .map((g) => ({ type: 'GROUP' as const, id: g.id })),
  ];
  if (sets.length === 0) return { assignments: [], strategy: { by: 'principal', estimate: 0 } };
  const byPrincipal = principals.length;
  const bySet = sets.length * (1 + Math.max(1, scope.assignmentAccounts));
  const keep = (a: IcAssignment) => arns.has(a.permissionSetArn);
  if (byPrincipal <= bySet) {
    const lists = await mapLimit(principals, READ_CONCURRENCY, (p) =>
      allPages(async (NextToken) => {
        const r = await call('ListAccountAssignmentsForPrincipal', (c) =>
          c.send(
            new ListAccountAssignmentsForPrincipalCommand({
              InstanceArn,
              PrincipalType: p.type,
              PrincipalId: p.id,
              MaxResults: 100,
              NextToken,
            }),
          ),
        );
        // A user's list includes what it gets through its groups; keep only its own.
        const own = (r.AccountAssignments ?? []).filter(
          (a) => a.PrincipalType === p.type && a.PrincipalId === p.id,
        );
        return {
          items: own.map((a) => view(a.PermissionSetArn, p.type, p.id, a.AccountId)),
          next: r.NextToken,
        };
      }),
    );
    return { assignments: lists.flat().filter(keep), strategy: { by: 'principal', estimate: byPrincipal } };
  }
  const lists = await mapLimit(sets, READ_CONCURRENCY, async (ps) => {
    const accounts = await allPages(async (NextToken) => {
      const r = await call('ListAccountsForProvisionedPermissionSet', (c) =>
        c.send(
          new ListAccountsForProvisionedPermissionSetCommand({
            InstanceArn,
            PermissionSetArn: ps.arn,
            NextToken,
          }),
        ),
      );
      return { items: r.AccountIds, next: r.NextToken };
    });
    const perAccount = await mapLimit(accounts, READ_CONCURRENCY, (AccountId) =>
      allPages(async (NextToken) => {
        const r = await call('ListAccountAssignments', (c) =>
          c.send(
            new ListAccountAssignmentsCommand({
              InstanceArn,
              AccountId,
              PermissionSetArn: ps.arn,
              MaxResults: 100,
              NextToken,
            }),
          ),
        );
        const items = (r.AccountAssignments ?? []).map((a) =>
          view(ps.arn, a.PrincipalType as Principal['type'], a.PrincipalId, AccountId),
        );
        return { items, next: r.NextToken };
      }),
    );
    return perAccount.flat();
  });
  return { assignments: lists.flat().filter(keep), strategy: { by: 'permission-set', estimate: bySet } };
}

function view(
  arn: string | undefined,
  principalType: Principal['type'],
  principalId: string | undefined,
  accountId: string | undefined,
): IcAssignment {
  return {
    permissionSetArn: arn ?? '',
    principalType,
    principalId: principalId ?? '',
    accountId: accountId ?? '',
  };
}
