/**
 * IAM as verify reads it: one GetAccountAuthorizationDetails walk per account (every role, user,
 * group and attached managed policy with their documents: the fewest calls), then the policies of
 * any principal assembled the way AWS applies them.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */

import { describeAwsError } from '../aws/classify.js';
import type { AwsClients } from '../aws/clients.js';
import { policyDocumentFromText } from '../policy/policy-text.js';
import type { LabelledPolicy, PolicyDocument } from '../policy/types.js';

export interface RoleView {
  arn: string;
  name: string;
  path: string;
  roleId: string;
  trust: PolicyDocument;
  attached: string[];
  inline: Record<string, PolicyDocument>;
  boundary?: string;
  tags: Record<string, string>;
}

export interface UserView {
  arn: string;
  name: string;
  userId: string;
  attached: string[];
  inline: Record<string, PolicyDocument>;
  groups: string[];
  boundary?: string;
  tags: Record<string, string>;
}

export interface GroupView {
  name: string;
  attached: string[];
  inline: Record<string, PolicyDocument>;
}

/** One account's IAM, keyed by lower-cased names (IAM names are case-insensitive). */
export interface AccountIam {
  accountId: string;
  roles: Map<string, RoleView>;
  users: Map<string, UserView>;
  groups: Map<string, GroupView>;
  /** Default-version documents of the managed policies the walk returned. */
  policies: Map<string, PolicyDocument>;
}

/** IAM returns documents URL-encoded. */
export const decodeDocument = (text: string | undefined): PolicyDocument =>
  policyDocumentFromText(decodeURIComponent(text ?? '{}'));

type Tagged = { Tags?: { Key?: string; Value?: string }[] };
const tagsOf = (t: Tagged) => Object.fromEntries((t.Tags ?? []).map((x) => [x.Key ?? '', x.Value ?? '']));
type Inline = { PolicyName?: string; PolicyDocument?: string }[] | undefined;
const inlineOf = (list: Inline) =>
  Object.fromEntries((list ?? []).map((p) => [p.PolicyName ?? '', decodeDocument(p.PolicyDocument)]));
const attachedOf = (list: { PolicyArn?: string }[] | undefined) => (list ?? []).map((p) => p.PolicyArn ?? '');

/** Reads the whole account in pages. */
export async function readAccountIam(ctx: AwsClients, accountId: string): Promise<AccountIam> {
  const { GetAccountAuthorizationDetailsCommand } = await import('@aws-sdk/client-iam');
  const out: AccountIam = {
    accountId,
    roles: new Map(),
    users: new Map(),
    groups: new Map(),
    policies: new Map(),
  };
  let marker: string | undefined;
  do {
    const page = await ctx.call(
      'iam',
      'GetAccountAuthorizationDetails',
      (iam) => iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: marker, MaxItems: 1000 })),
      { what: `reading IAM of account ${accountId}` },
    );
    for (const r of page.RoleDetailList ?? []) {
      const name = r.RoleName ?? '';
      out.roles.set(name.toLowerCase(), {
        arn: r.Arn ?? '',
        name,
        path: r.Path ?? '/',
        roleId: r.RoleId ?? '',
        trust: decodeDocument(r.AssumeRolePolicyDocument),
        attached: attachedOf(r.AttachedManagedPolicies),
        inline: inlineOf(r.RolePolicyList),
        boundary: r.PermissionsBoundary?.PermissionsBoundaryArn,
        tags: tagsOf(r),
      });
    }
    for (const u of page.UserDetailList ?? []) {
      const name = u.UserName ?? '';
      out.users.set(name.toLowerCase(), {
        arn: u.Arn ?? '',
        name,
        userId: u.UserId ?? '',
        attached: attachedOf(u.AttachedManagedPolicies),
        inline: inlineOf(u.UserPolicyList),
        groups: u.GroupList ?? [],
        boundary: u.PermissionsBoundary?.PermissionsBoundaryArn,
        tags: tagsOf(u),
      });
    }
    for (const g of page.GroupDetailList ?? []) {
      const name = g.GroupName ?? '';
      out.groups.set(name.toLowerCase(), {
        name,
        attached: attachedOf(g.AttachedManagedPolicies),
        inline: inlineOf(g.GroupPolicyList),
      });
    }
    for (const p of page.Policies ?? []) {
      const v = p.PolicyVersionList?.find((x) => x.IsDefaultVersion);
      if (p.Arn && v) out.policies.set(p.Arn, decodeDocument(v.Document));
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return out;
}

/** A managed policy's default version, for policies the walk did not include (GetPolicy + GetPolicyVersion). */
export async function readManagedPolicy(ctx: AwsClients, arn: string): Promise<PolicyDocument | undefined> {
  const { GetPolicyCommand, GetPolicyVersionCommand } = await import('@aws-sdk/client-iam');
  try {
    const p = await ctx.call('iam', 'GetPolicy', (iam) => iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    const VersionId = p.Policy?.DefaultVersionId;
    const v = await ctx.call('iam', 'GetPolicyVersion', (iam) =>
      iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId })),
    );
    return decodeDocument(v.PolicyVersion?.Document);
  } catch {
    return undefined;
  }
}

/** The identity-based policies and boundary of a principal, labelled as AWS's messages name them. */
export interface PrincipalPolicies {
  identity: LabelledPolicy[];
  boundary?: LabelledPolicy;
  /** Managed policy ARNs whose documents could not be read (they count as allowing nothing). */
  unreadable: string[];
}

type DocSource = (arn: string) => Promise<PolicyDocument | undefined>;

async function managed(arns: string[], docs: DocSource, unreadable: string[]): Promise<LabelledPolicy[]> {
  const out: LabelledPolicy[] = [];
  for (const arn of arns) {
    const document = await docs(arn);
    if (document) out.push({ id: arn, document });
    else unreadable.push(arn);
  }
  return out;
}

const inline = (owner: string, policies: Record<string, PolicyDocument>): LabelledPolicy[] =>
  Object.entries(policies).map(([name, document]) => ({ id: `${owner} inline policy ${name}`, document }));

export async function rolePolicies(role: RoleView, docs: DocSource): Promise<PrincipalPolicies> {
  const unreadable: string[] = [];
  const identity = [
    ...(await managed(role.attached, docs, unreadable)),
    ...inline(`role/${role.name}`, role.inline),
  ];
  const boundary = role.boundary ? (await managed([role.boundary], docs, unreadable))[0] : undefined;
  return { identity, boundary, unreadable };
}

export async function userPolicies(
  iam: AccountIam,
  user: UserView,
  docs: DocSource,
): Promise<PrincipalPolicies> {
  const unreadable: string[] = [];
  const identity = [
    ...(await managed(user.attached, docs, unreadable)),
    ...inline(`user/${user.name}`, user.inline),
  ];
  for (const g of user.groups) {
    const group = iam.groups.get(g.toLowerCase());
    if (!group) continue;
    identity.push(
      ...(await managed(group.attached, docs, unreadable)),
      ...inline(`group/${group.name}`, group.inline),
    );
  }
  const boundary = user.boundary ? (await managed([user.boundary], docs, unreadable))[0] : undefined;
  return { identity, boundary, unreadable };
}

/** A read that failed, with why (shown in notes; access denied is not a crash). */
export interface Unreadable {
  unreadable: true;
  reason: string;
}

export const unreadable = (e: unknown): Unreadable => ({ unreadable: true, reason: describeAwsError(e) });
export const isUnreadable = (v: unknown): v is Unreadable =>
  typeof v === 'object' && v !== null && (v as Unreadable).unreadable === true;
