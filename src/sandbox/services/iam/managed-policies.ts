/**
 * Customer-managed policies (CreatePolicy, GetPolicy, DeletePolicy, ListPolicies, tags) and the
 * AWS-managed catalog seen through the same operations. A managed policy document may hold 6,144
 * characters without white space ("Cannot exceed quota for PolicySize: 6144"):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
import type { SandboxRequest } from '../../service.js';
import { AWS_MANAGED_POLICIES } from './aws-managed.js';
import { iamError, quotaExceeded } from './errors.js';
import { type IamManagedPolicy, iamArn, setOwn } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { validatePolicyDocument } from './policy-document.js';
import { policyWire } from './render.js';
import {
  accountOf,
  customerView,
  findPolicy,
  iamOf,
  now,
  type PolicyView,
  requireOwnPolicy,
  requirePolicy,
  usageOf,
} from './state.js';
import { readTags, type Taggable } from './tags.js';
import {
  checks,
  DOCUMENT_PATTERN,
  NAME_PATTERN,
  optional,
  optionalBool,
  POLICY_PATH_PATTERN,
  pathOrRoot,
  policySize,
  required,
} from './validate.js';

export const MANAGED_POLICY_SIZE_LIMIT = 6144;
export const POLICIES_PER_ACCOUNT = 1500;

/** Grammar for managed policies (Version 2012-10-17 required) and the PolicySize quota. */
export function checkManagedDocument(document: string): void {
  validatePolicyDocument(document, 'managed');
  if (policySize(document) > MANAGED_POLICY_SIZE_LIMIT)
    throw quotaExceeded('PolicySize', MANAGED_POLICY_SIZE_LIMIT);
}

export function policyArnParam(req: SandboxRequest): string {
  const arn = required(req.params, 'PolicyArn');
  checks().string('policyArn', arn, 20, 2048).done();
  return arn;
}

export function createPolicy(req: SandboxRequest) {
  const p = req.params;
  const name = required(p, 'PolicyName');
  const document = required(p, 'PolicyDocument');
  const path = optional(p, 'Path');
  const description = optional(p, 'Description');
  checks()
    .string('policyName', name, 1, 128, NAME_PATTERN)
    .string('policyDocument', document, 1, 131072, DOCUMENT_PATTERN)
    .string('path', path, 1, 512, POLICY_PATH_PATTERN)
    .string('description', description, 0, 1000)
    .done();
  const tags = readTags(p);
  checkManagedDocument(document);
  const iam = iamOf(req);
  const existing = Object.values(iam.policies);
  if (existing.some((x) => x.PolicyName.toLowerCase() === name.toLowerCase()))
    throw iamError.alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  if (existing.length >= POLICIES_PER_ACCOUNT)
    throw quotaExceeded('PoliciesPerAccount', POLICIES_PER_ACCOUNT);
  const at = now(req);
  const policy: IamManagedPolicy = {
    PolicyName: name,
    PolicyId: req.ctx.ids.iamUniqueId('ANPA'),
    Arn: iamArn(accountOf(req), 'policy', pathOrRoot(path), name),
    Path: pathOrRoot(path),
    Description: description,
    DefaultVersionId: 'v1',
    Versions: [{ VersionId: 'v1', Document: document, IsDefaultVersion: true, CreateDate: at.iso }],
    NextVersion: 2,
    Tags: tags,
    CreateDate: at.iso,
    UpdateDate: at.iso,
  };
  setOwn(iam.policies, policy.Arn, policy);
  return { Policy: policyWire(customerView(policy), { attachments: 0, boundaries: 0 }, { tags: true }) };
}

export function getPolicy(req: SandboxRequest) {
  const policy = requirePolicy(req, policyArnParam(req));
  return { Policy: policyWire(policy, usageOf(iamOf(req), policy.Arn), { description: true, tags: true }) };
}

export function deletePolicy(req: SandboxRequest) {
  const arn = policyArnParam(req);
  const policy = requireOwnPolicy(req, arn);
  const usage = usageOf(iamOf(req), arn);
  if (usage.attachments + usage.boundaries > 0)
    throw iamError.deleteConflict('Cannot delete a policy attached to entities.');
  if (policy.Versions.length > 1) {
    throw iamError.deleteConflict(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  }
  delete iamOf(req).policies[arn];
  return undefined;
}

export function listPolicies(req: SandboxRequest) {
  const p = req.params;
  const scope = optional(p, 'Scope') ?? 'All';
  const onlyAttached = optionalBool(p, 'OnlyAttached') ?? false;
  const prefix = optional(p, 'PathPrefix');
  const usageFilter = optional(p, 'PolicyUsageFilter');
  checks()
    .oneOf('scope', scope, ['All', 'AWS', 'Local'])
    .string('pathPrefix', prefix, 1, 512, POLICY_PATH_PATTERN)
    .oneOf('policyUsageFilter', usageFilter, ['PermissionsPolicy', 'PermissionsBoundary'])
    .done();
  const iam = iamOf(req);
  const views: PolicyView[] = [];
  if (scope !== 'Local')
    for (const a of AWS_MANAGED_POLICIES) views.push(findPolicy(req, a.arn) as PolicyView);
  if (scope !== 'AWS') views.push(...Object.values(iam.policies).map(customerView));
  const rows = views
    .filter((v) => !prefix || v.Path.startsWith(prefix))
    .map((v) => ({ v, usage: usageOf(iam, v.Arn) }))
    .filter(({ usage }) => {
      if (!onlyAttached) return true;
      if (usageFilter === 'PermissionsPolicy') return usage.attachments > 0;
      if (usageFilter === 'PermissionsBoundary') return usage.boundaries > 0;
      return usage.attachments + usage.boundaries > 0;
    });
  const page = paginate(rows, p, (r) => `${r.v.PolicyName.toLowerCase()}\u0000${r.v.Arn}`);
  return { Policies: page.items.map((r) => policyWire(r.v, r.usage)), ...pageTail(page) };
}

/** TagPolicy/UntagPolicy/ListPolicyTags reach customer-managed policies only. */
export const taggablePolicy: Taggable = {
  param: 'PolicyArn',
  quota: 'TagsPerPolicy',
  find: (req, arn) => {
    checks().string('policyArn', arn, 20, 2048).done();
    // AWS-managed policies carry no tags a customer can see or set.
    if (req.operation === 'ListPolicyTags') return requirePolicy(req, arn).stored ?? { Tags: [] };
    return requireOwnPolicy(req, arn);
  },
};
