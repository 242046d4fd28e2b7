/**
 * GetAccountAuthorizationDetails: every user, group, role and (attached or local) managed policy
 * of the account with their policies, in one paginated answer — the fewest-calls way to read IAM.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
import type { SandboxRequest } from '../../service.js';
import { AWS_MANAGED_POLICIES } from './aws-managed.js';
import { groupsOf } from './groups.js';
import type { IamGroup, IamRole, IamUser } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { encodeDocument, groupWire, policyWire, roleWire, userWire } from './render.js';
import { customerView, findPolicy, iamOf, type PolicyView, usageOf } from './state.js';
import { checks, list } from './validate.js';

const FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

type Row =
  | { kind: 'user'; item: IamUser }
  | { kind: 'group'; item: IamGroup }
  | { kind: 'role'; item: IamRole }
  | { kind: 'policy'; item: PolicyView };

const RANK = { user: 0, group: 1, role: 2, policy: 3 };

function inline(policies: Record<string, string>) {
  return Object.entries(policies).map(([PolicyName, doc]) => ({
    PolicyName,
    PolicyDocument: encodeDocument(doc),
  }));
}

export function getAccountAuthorizationDetails(req: SandboxRequest) {
  const filter = list<string>(req.params, 'Filter');
  const c = checks();
  for (const [i, f] of filter.entries()) c.oneOf(`filter.${i + 1}.member`, f, FILTERS);
  c.done();
  const want = (f: (typeof FILTERS)[number]) => filter.length === 0 || filter.includes(f);
  const iam = iamOf(req);
  const attachedName = (arn: string) => ({
    PolicyName: findPolicy(req, arn)?.PolicyName ?? arn.slice(arn.lastIndexOf('/') + 1),
    PolicyArn: arn,
  });
  const rows: Row[] = [];
  if (want('User')) rows.push(...Object.values(iam.users).map((item) => ({ kind: 'user' as const, item })));
  if (want('Group'))
    rows.push(...Object.values(iam.groups).map((item) => ({ kind: 'group' as const, item })));
  if (want('Role')) rows.push(...Object.values(iam.roles).map((item) => ({ kind: 'role' as const, item })));
  if (want('LocalManagedPolicy'))
    rows.push(
      ...Object.values(iam.policies).map((p) => ({ kind: 'policy' as const, item: customerView(p) })),
    );
  if (want('AWSManagedPolicy')) {
    for (const a of AWS_MANAGED_POLICIES) {
      const u = usageOf(iam, a.arn);
      if (u.attachments + u.boundaries > 0)
        rows.push({ kind: 'policy', item: findPolicy(req, a.arn) as PolicyView });
    }
  }
  const name = (r: Row) =>
    r.kind === 'user'
      ? r.item.UserName
      : r.kind === 'group'
        ? r.item.GroupName
        : r.kind === 'role'
          ? r.item.RoleName
          : r.item.Arn;
  const page = paginate(rows, req.params, (r) => `${RANK[r.kind]}\u0000${name(r).toLowerCase()}`);
  const out = {
    UserDetailList: [] as unknown[],
    GroupDetailList: [] as unknown[],
    RoleDetailList: [] as unknown[],
    Policies: [] as unknown[],
  };
  for (const r of page.items) {
    if (r.kind === 'user') {
      out.UserDetailList.push({
        ...userWire(r.item, true),
        UserPolicyList: inline(r.item.InlinePolicies),
        GroupList: groupsOf(iam, r.item.UserName).map((g) => g.GroupName),
        AttachedManagedPolicies: r.item.AttachedPolicies.map(attachedName),
      });
    } else if (r.kind === 'group') {
      out.GroupDetailList.push({
        ...groupWire(r.item),
        GroupPolicyList: inline(r.item.InlinePolicies),
        AttachedManagedPolicies: r.item.AttachedPolicies.map(attachedName),
      });
    } else if (r.kind === 'role') {
      out.RoleDetailList.push({
        ...roleWire(r.item, true),
        Description: undefined,
        MaxSessionDuration: undefined,
        InstanceProfileList: [],
        RolePolicyList: inline(r.item.InlinePolicies),
        AttachedManagedPolicies: r.item.AttachedPolicies.map(attachedName),
      });
    } else {
      out.Policies.push({
        ...policyWire(r.item, usageOf(iam, r.item.Arn), { description: true }),
        Tags: undefined,
        PolicyVersionList: r.item.Versions.map((v) => ({
          Document: encodeDocument(v.Document),
          VersionId: v.VersionId,
          IsDefaultVersion: v.IsDefaultVersion,
          CreateDate: new Date(v.CreateDate),
        })),
      });
    }
  }
  return { ...out, ...pageTail(page) };
}
