/**
 * IAM Identity Center as verify reads it: the instance, users and groups by name (ListUsers: the
 * call whose AccessDenied empties the console's users' list), permission sets by name, and per
 * permission set its policies, assignments and provisioning state. Everything is read once and
 * cached for the run.
 */

import { awsErrorName, describeAwsError } from '../aws/classify.js';
import type { AwsClients } from '../aws/clients.js';

export interface Instance {
  arn: string;
  identityStoreId: string;
  region: string;
  startUrl: string;
}

export interface PermissionSetView {
  name: string;
  arn: string;
  sessionDuration?: string;
}

export interface PermissionSetPolicies {
  managed: string[];
  customerManaged: { name: string; path: string }[];
  inline?: string;
}

/** What a denied Identity Center read looked like (diagnosis ONR-D002). */
export interface DeniedRead {
  action: string;
  error: string;
}

/** Thrown when a read is denied; the caller turns it into a finding once. */
export class AccessDeniedRead extends Error {
  constructor(readonly denied: DeniedRead) {
    super(`${denied.action}: ${denied.error}`);
  }
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

async function guarded<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (DENIED.has(awsErrorName(e))) throw new AccessDeniedRead({ action, error: describeAwsError(e) });
    throw e;
  }
}

/** Pages until NextToken runs out. */
async function pages<T>(fetch: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.next;
  } while (token);
  return out;
}

export class SsoReader {
  private instanceP?: Promise<Instance | undefined>;
  private usersP?: Promise<Map<string, string>>;
  private groupsP?: Promise<Map<string, string>>;
  private psP?: Promise<Map<string, PermissionSetView>>;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly ctx: AwsClients) {}

  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      this.cache.set(key, p);
    }
    return p;
  }

  /** The organization's instance in this region, or undefined when Identity Center is not enabled. */
  instance(): Promise<Instance | undefined> {
    this.instanceP ??= guarded('sso:ListInstances', async () => {
      const { ListInstancesCommand } = await import('@aws-sdk/client-sso-admin');
      const out = await this.ctx.call('sso-admin', 'ListInstances', (c) =>
        c.send(new ListInstancesCommand({})),
      );
      const i = out.Instances?.find((x) => x.Status === undefined || x.Status === 'ACTIVE');
      if (!i?.InstanceArn || !i.IdentityStoreId) return undefined;
      const region = this.ctx.region;
      return {
        arn: i.InstanceArn,
        identityStoreId: i.IdentityStoreId,
        region,
        startUrl: `https://${i.IdentityStoreId}.awsapps.com/start`,
      };
    });
    return this.instanceP;
  }

  private async store(): Promise<Instance> {
    const i = await this.instance();
    if (!i) throw new Error('no Identity Center instance');
    return i;
  }

  /** UserName → UserId. */
  users(): Promise<Map<string, string>> {
    this.usersP ??= guarded('identitystore:ListUsers', async () => {
      const { ListUsersCommand } = await import('@aws-sdk/client-identitystore');
      const { identityStoreId } = await this.store();
      const all = await pages(async (NextToken) => {
        const o = await this.ctx.call('identitystore', 'ListUsers', (c) =>
          c.send(new ListUsersCommand({ IdentityStoreId: identityStoreId, NextToken })),
        );
        return { items: o.Users ?? [], next: o.NextToken };
      });
      return new Map(all.map((u) => [u.UserName ?? '', u.UserId ?? '']));
    });
    return this.usersP;
  }

  /** DisplayName → GroupId. */
  groups(): Promise<Map<string, string>> {
    this.groupsP ??= guarded('identitystore:ListGroups', async () => {
      const { ListGroupsCommand } = await import('@aws-sdk/client-identitystore');
      const { identityStoreId } = await this.store();
      const all = await pages(async (NextToken) => {
        const o = await this.ctx.call('identitystore', 'ListGroups', (c) =>
          c.send(new ListGroupsCommand({ IdentityStoreId: identityStoreId, NextToken })),
        );
        return { items: o.Groups ?? [], next: o.NextToken };
      });
      return new Map(all.map((g) => [g.DisplayName ?? '', g.GroupId ?? '']));
    });
    return this.groupsP;
  }

  /** UserIds of a group's direct members. */
  groupMembers(groupId: string): Promise<Set<string>> {
    return this.once(`members/${groupId}`, () =>
      guarded('identitystore:ListGroupMemberships', async () => {
        const { ListGroupMembershipsCommand } = await import('@aws-sdk/client-identitystore');
        const { identityStoreId } = await this.store();
        const all = await pages(async (NextToken) => {
          const o = await this.ctx.call('identitystore', 'ListGroupMemberships', (c) =>
            c.send(
              new ListGroupMembershipsCommand({
                IdentityStoreId: identityStoreId,
                GroupId: groupId,
                NextToken,
              }),
            ),
          );
          return { items: o.GroupMemberships ?? [], next: o.NextToken };
        });
        return new Set(all.map((m) => m.MemberId?.UserId ?? ''));
      }),
    );
  }

  /** Name → permission set. */
  permissionSets(): Promise<Map<string, PermissionSetView>> {
    this.psP ??= guarded('sso:ListPermissionSets', async () => {
      const { ListPermissionSetsCommand, DescribePermissionSetCommand } = await import(
        '@aws-sdk/client-sso-admin'
      );
      const { arn: InstanceArn } = await this.store();
      const arns = await pages(async (NextToken) => {
        const o = await this.ctx.call('sso-admin', 'ListPermissionSets', (c) =>
          c.send(new ListPermissionSetsCommand({ InstanceArn, NextToken })),
        );
        return { items: o.PermissionSets ?? [], next: o.NextToken };
      });
      const out = new Map<string, PermissionSetView>();
      for (const PermissionSetArn of arns) {
        const d = await this.ctx.call('sso-admin', 'DescribePermissionSet', (c) =>
          c.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn })),
        );
        const ps = d.PermissionSet;
        if (ps?.Name)
          out.set(ps.Name, { name: ps.Name, arn: PermissionSetArn, sessionDuration: ps.SessionDuration });
      }
      return out;
    });
    return this.psP;
  }

  policies(ps: PermissionSetView): Promise<PermissionSetPolicies> {
    return this.once(`policies/${ps.arn}`, async () => {
      const m = await import('@aws-sdk/client-sso-admin');
      const { arn: InstanceArn } = await this.store();
      const base = { InstanceArn, PermissionSetArn: ps.arn };
      const managed = await pages(async (NextToken) => {
        const o = await this.ctx.call('sso-admin', 'ListManagedPoliciesInPermissionSet', (c) =>
          c.send(new m.ListManagedPoliciesInPermissionSetCommand({ ...base, NextToken })),
        );
        return { items: (o.AttachedManagedPolicies ?? []).map((p) => p.Arn ?? ''), next: o.NextToken };
      });
      const customerManaged = await pages(async (NextToken) => {
        const o = await this.ctx.call(
          'sso-admin',
          'ListCustomerManagedPolicyReferencesInPermissionSet',
          (c) =>
            c.send(new m.ListCustomerManagedPolicyReferencesInPermissionSetCommand({ ...base, NextToken })),
        );
        const items = (o.CustomerManagedPolicyReferences ?? []).map((r) => ({
          name: r.Name ?? '',
          path: r.Path ?? '/',
        }));
        return { items, next: o.NextToken };
      });
      const inline = await this.ctx.call('sso-admin', 'GetInlinePolicyForPermissionSet', (c) =>
        c.send(new m.GetInlinePolicyForPermissionSetCommand(base)),
      );
      return { managed, customerManaged, inline: inline.InlinePolicy || undefined };
    });
  }

  /** Principals (`USER:id` / `GROUP:id`) assigned the permission set in the account. */
  assignments(ps: PermissionSetView, accountId: string): Promise<Set<string>> {
    return this.once(`assignments/${ps.arn}/${accountId}`, () =>
      guarded('sso:ListAccountAssignments', async () => {
        const { ListAccountAssignmentsCommand } = await import('@aws-sdk/client-sso-admin');
        const { arn: InstanceArn } = await this.store();
        const all = await pages(async (NextToken) => {
          const o = await this.ctx.call('sso-admin', 'ListAccountAssignments', (c) =>
            c.send(
              new ListAccountAssignmentsCommand({
                InstanceArn,
                AccountId: accountId,
                PermissionSetArn: ps.arn,
                NextToken,
              }),
            ),
          );
          return { items: o.AccountAssignments ?? [], next: o.NextToken };
        });
        return new Set(all.map((a) => `${a.PrincipalType}:${a.PrincipalId}`));
      }),
    );
  }

  /**
   * Accounts the permission set is provisioned to: all of them, and those holding an outdated
   * revision (LATEST_PERMISSION_SET_NOT_PROVISIONED).
   * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountsForProvisionedPermissionSet.html
   */
  provisioning(ps: PermissionSetView): Promise<{ all: Set<string>; outdated: Set<string> }> {
    return this.once(`provisioning/${ps.arn}`, async () => {
      const { ListAccountsForProvisionedPermissionSetCommand } = await import('@aws-sdk/client-sso-admin');
      const { arn: InstanceArn } = await this.store();
      const list = (ProvisioningStatus?: 'LATEST_PERMISSION_SET_NOT_PROVISIONED') =>
        pages(async (NextToken) => {
          const o = await this.ctx.call('sso-admin', 'ListAccountsForProvisionedPermissionSet', (c) =>
            c.send(
              new ListAccountsForProvisionedPermissionSetCommand({
                InstanceArn,
                PermissionSetArn: ps.arn,
                ProvisioningStatus,
                NextToken,
              }),
            ),
          );
          return { items: o.AccountIds ?? [], next: o.NextToken };
        });
      return {
        all: new Set(await list()),
        outdated: new Set(await list('LATEST_PERMISSION_SET_NOT_PROVISIONED')),
      };
    });
  }
}
