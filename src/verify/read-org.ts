/**
 * Organizations as verify reads it: the organization (its id is aws:PrincipalOrgID for principals
 * of member accounts), its accounts (to find accounts the blueprint created by name), and the
 * service control policies on an account's path when the caller may list them.
 */

import { describeAwsError } from '../aws/classify.js';
import type { AwsClients } from '../aws/clients.js';
import { policyDocumentFromText } from '../policy/policy-text.js';
import type { LabelledPolicy } from '../policy/types.js';

export interface OrgAccount {
  id: string;
  name: string;
  email: string;
  status: string;
}

export interface OrgView {
  id: string;
  managementAccount: string;
  accounts: OrgAccount[];
}

/** The organization, or why it could not be read (not in an organization, or not allowed). */
export async function readOrganization(ctx: AwsClients): Promise<OrgView | { reason: string }> {
  const { DescribeOrganizationCommand, ListAccountsCommand } = await import('@aws-sdk/client-organizations');
  try {
    const d = await ctx.call('organizations', 'DescribeOrganization', (c) =>
      c.send(new DescribeOrganizationCommand({})),
    );
    const accounts: OrgAccount[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ctx.call('organizations', 'ListAccounts', (c) =>
        c.send(new ListAccountsCommand({ NextToken })),
      );
      for (const a of page.Accounts ?? []) {
        accounts.push({ id: a.Id ?? '', name: a.Name ?? '', email: a.Email ?? '', status: a.Status ?? '' });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return {
      id: d.Organization?.Id ?? '',
      managementAccount: d.Organization?.MasterAccountId ?? '',
      accounts,
    };
  } catch (e) {
    return { reason: describeAwsError(e) };
  }
}

/**
 * The SCPs on the path root → OUs → account, one list per level, or why they are not visible.
 * SCPs never apply to the management account.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 */
export async function readScps(
  ctx: AwsClients,
  accountId: string,
  org: OrgView,
): Promise<{ levels: LabelledPolicy[][] } | { reason: string }> {
  if (accountId === org.managementAccount) return { levels: [] };
  if (!org.accounts.some((a) => a.id === accountId)) return { levels: [] };
  const m = await import('@aws-sdk/client-organizations');
  try {
    const chain = [accountId];
    for (let id = accountId; chain.length < 8; ) {
      const p = await ctx.call('organizations', 'ListParents', (c) =>
        c.send(new m.ListParentsCommand({ ChildId: id })),
      );
      const parent = p.Parents?.[0];
      if (!parent?.Id) break;
      chain.unshift(parent.Id);
      if (parent.Type === 'ROOT') break;
      id = parent.Id;
    }
    const levels: LabelledPolicy[][] = [];
    for (const TargetId of chain) {
      const list = await ctx.call('organizations', 'ListPoliciesForTarget', (c) =>
        c.send(new m.ListPoliciesForTargetCommand({ TargetId, Filter: 'SERVICE_CONTROL_POLICY' })),
      );
      const level: LabelledPolicy[] = [];
      for (const s of list.Policies ?? []) {
        const d = await ctx.call('organizations', 'DescribePolicy', (c) =>
          c.send(new m.DescribePolicyCommand({ PolicyId: s.Id })),
        );
        level.push({
          id: `SCP ${s.Name ?? s.Id} (${s.Id})`,
          document: policyDocumentFromText(d.Policy?.Content ?? '{}'),
        });
      }
      levels.push(level);
    }
    // A level without policies means SCPs are not enabled (Organizations attaches FullAWSAccess to
    // every target when they are), so nothing restricts.
    if (levels.some((l) => l.length === 0)) return { levels: [] };
    return { levels };
  } catch (e) {
    return { reason: describeAwsError(e) };
  }
}
