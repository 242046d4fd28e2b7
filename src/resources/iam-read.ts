/**
 * One bulk read of an account's IAM: GetAccountAuthorizationDetails (paginated) returns every role
 * with its trust, tags, boundary, attached and inline policies, every group with its policies,
 * every user with its groups, and every local managed policy with its versions. Its RoleDetail has
 * no Description or MaxSessionDuration and its ManagedPolicyDetail no Tags, so ListRoles (paginated)
 * and one ListPolicyTags per local policy fill those in.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */

import {
  GetAccountAuthorizationDetailsCommand,
  ListPolicyTagsCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients.js';
import { mapLimit, READ_CONCURRENCY } from '../core/concurrency.js';
import { allPages, parseDoc, tagMap } from './util.js';

export interface IamRoleView {
  name: string;
  path: string;
  arn: string;
  description?: string;
  maxSessionDuration?: number;
  trust: unknown;
  managed: string[];
  inline: Record<string, unknown>;
  boundary?: string;
  tags: Record<string, string>;
}

export interface IamPolicyView {
  name: string;
  path: string;
  arn: string;
  description?: string;
  document: unknown;
  versions: number;
  tags: Record<string, string>;
}

export interface IamGroupView {
  name: string;
  path: string;
  arn: string;
  managed: string[];
  inline: Record<string, unknown>;
  members: string[];
}

export interface IamSnapshot {
  accountId: string;
  roles: IamRoleView[];
  policies: IamPolicyView[];
  groups: IamGroupView[];
}

const inlineMap = (list: { PolicyName?: string; PolicyDocument?: string }[] | undefined) =>
  Object.fromEntries((list ?? []).map((p) => [p.PolicyName ?? '', parseDoc(p.PolicyDocument)]));

/** Reads `accountId`'s IAM through `aws` (that account's context). */
export async function readIam(
  aws: AwsClients,
  accountId: string,
  signal?: AbortSignal,
): Promise<IamSnapshot> {
  const what = `reading IAM of account ${accountId}`;
  type Details = Awaited<ReturnType<typeof details>>;
  const details = (Marker: string | undefined) =>
    aws.call(
      'iam',
      'GetAccountAuthorizationDetails',
      (c) =>
        c.send(
          new GetAccountAuthorizationDetailsCommand({
            Filter: ['Role', 'Group', 'User', 'LocalManagedPolicy'],
            Marker,
          }),
        ),
      { what, signal },
    );
  const [pages, listed] = await Promise.all([
    allPages<Details>(async (token) => {
      const r = await details(token);
      return { items: [r], next: r.IsTruncated ? r.Marker : undefined };
    }),
    allPages(async (Marker) => {
      const r = await aws.call('iam', 'ListRoles', (c) => c.send(new ListRolesCommand({ Marker })), {
        what,
        signal,
      });
      return { items: r.Roles, next: r.IsTruncated ? r.Marker : undefined };
    }),
  ]);
  const extra = new Map(listed.map((r) => [r.RoleName ?? '', r]));
  const roles: IamRoleView[] = [];
  const groups: IamGroupView[] = [];
  const members = new Map<string, string[]>();
  const rawPolicies: NonNullable<Details['Policies']> = [];
  for (const p of pages) {
    for (const r of p.RoleDetailList ?? []) {
      // Service-linked and Identity Center roles are AWS's, never a blueprint's.
      if (r.Path?.startsWith('/aws-reserved/') || r.Path?.startsWith('/aws-service-role/')) continue;
      const more = extra.get(r.RoleName ?? '');
      roles.push({
        name: r.RoleName ?? '',
        path: r.Path ?? '/',
        arn: r.Arn ?? '',
        ...(more?.Description ? { description: more.Description } : {}),
        maxSessionDuration: more?.MaxSessionDuration ?? 3600,
        trust: parseDoc(r.AssumeRolePolicyDocument),
        managed: (r.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn ?? ''),
        inline: inlineMap(r.RolePolicyList),
        ...(r.PermissionsBoundary?.PermissionsBoundaryArn
          ? { boundary: r.PermissionsBoundary.PermissionsBoundaryArn }
          : {}),
        tags: tagMap(r.Tags),
      });
    }
    for (const u of p.UserDetailList ?? []) {
      for (const g of u.GroupList ?? []) members.set(g, [...(members.get(g) ?? []), u.UserName ?? '']);
    }
    for (const g of p.GroupDetailList ?? []) {
      groups.push({
        name: g.GroupName ?? '',
        path: g.Path ?? '/',
        arn: g.Arn ?? '',
        managed: (g.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn ?? ''),
        inline: inlineMap(g.GroupPolicyList),
        members: [],
      });
    }
    rawPolicies.push(...(p.Policies ?? []));
  }
  for (const g of groups) g.members = (members.get(g.name) ?? []).sort();
  const policies = await mapLimit(rawPolicies, READ_CONCURRENCY, async (p): Promise<IamPolicyView> => {
    const tags = await aws.call(
      'iam',
      'ListPolicyTags',
      (c) => c.send(new ListPolicyTagsCommand({ PolicyArn: p.Arn })),
      { what, signal },
    );
    const current = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion);
    // moto 5.2.1 leaves PolicyName out of ManagedPolicyDetail; the ARN ends with it.
    return {
      name: p.PolicyName ?? (p.Arn ?? '').slice((p.Arn ?? '').lastIndexOf('/') + 1),
      path: p.Path ?? '/',
      arn: p.Arn ?? '',
      ...(p.Description ? { description: p.Description } : {}),
      document: parseDoc(current?.Document),
      versions: (p.PolicyVersionList ?? []).length,
      tags: tagMap(tags.Tags),
    };
  });
  return { accountId, roles, policies, groups };
}
