/**
 * What a permission set grants: AWS-managed policies, references to customer-managed policies
 * (resolved by name and path in each account at provisioning time), one inline policy and an
 * optional permissions boundary. Limits from the IAM Identity Center quotas page: 20 managed and
 * customer-managed policies together, one inline policy of at most 10,240 non-whitespace
 * characters (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html).
 */
import type { SandboxRequest } from '../../service.js';
import { findAwsManagedPolicy } from '../iam/aws-managed.js';
import { conflict, notFound, quotaExceeded, requirePermissionSet, touch } from './lookup.js';
import type { CustomerManagedPolicyReference, PermissionsBoundary } from './model.js';
import { paginate } from './paginate.js';
import { readTarget } from './permission-sets.js';
import { type Checker, PATTERNS, validationError } from './validate.js';

const MAX_POLICIES = 20;
const MAX_INLINE_CHARS = 10_240;
const MANAGED_ARN = { pattern: PATTERNS.managedPolicyArn, min: 20, max: 2048 } as const;

function requireAwsManaged(arn: string): void {
  if (!findAwsManagedPolicy(arn)) throw notFound(`Policy ${arn} does not exist.`);
}

function readReference(c: Checker, path: string, value: unknown): CustomerManagedPolicyReference {
  if (value === undefined || value === null || typeof value !== 'object') {
    c.problem(path, undefined, 'Member must not be null');
    return { Name: '', Path: '/' };
  }
  const v = value as Record<string, unknown>;
  const name = c.checkString(
    `${path}.Name`,
    v.Name,
    { pattern: PATTERNS.managedPolicyName, min: 1, max: 128 },
    true,
  );
  const p = c.checkString(
    `${path}.Path`,
    v.Path,
    { pattern: PATTERNS.managedPolicyPath, min: 1, max: 512 },
    false,
  );
  return { Name: name ?? '', Path: p ?? '/' };
}

function sameRef(a: CustomerManagedPolicyReference, b: CustomerManagedPolicyReference): boolean {
  return a.Name === b.Name && a.Path === b.Path;
}

function readPage(c: Checker): { max?: number; token?: string } {
  return {
    max: c.int('MaxResults', { min: 1, max: 100 }),
    token: c.opt('NextToken', { pattern: PATTERNS.token, max: 2048 }),
  };
}

/** IAM accepts a policy document only if it is a JSON object with statements. */
function checkPolicyDocument(doc: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(doc);
  } catch {
    throw validationError('The inline policy is not a valid JSON policy document.');
  }
  const statement = (parsed as { Statement?: unknown } | null)?.Statement;
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    !statement ||
    typeof statement !== 'object'
  ) {
    throw validationError(
      'The inline policy is not a valid policy document: it must be an object with a Statement.',
    );
  }
  if (doc.replace(/\s/g, '').length > MAX_INLINE_CHARS) {
    throw quotaExceeded(
      `The inline policy exceeds the maximum of ${MAX_INLINE_CHARS} non-whitespace characters per permission set.`,
    );
  }
}

export const policyOperations = {
  AttachManagedPolicyToPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const arn = c.req('ManagedPolicyArn', MANAGED_ARN);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    requireAwsManaged(arn);
    if (ps.ManagedPolicies.includes(arn))
      throw conflict(`Policy ${arn} is already attached to the permission set.`);
    if (ps.ManagedPolicies.length + ps.CustomerManagedPolicyReferences.length >= MAX_POLICIES) {
      throw quotaExceeded(
        `A permission set can have at most ${MAX_POLICIES} managed and customer managed policies.`,
      );
    }
    ps.ManagedPolicies.push(arn);
    touch(ps);
    return {};
  },

  DetachManagedPolicyFromPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const arn = c.req('ManagedPolicyArn', MANAGED_ARN);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    if (!ps.ManagedPolicies.includes(arn))
      throw notFound(`Policy ${arn} is not attached to the permission set.`);
    ps.ManagedPolicies = ps.ManagedPolicies.filter((p) => p !== arn);
    touch(ps);
    return {};
  },

  ListManagedPoliciesInPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const { max, token } = readPage(c);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    const all = ps.ManagedPolicies.map((Arn) => ({ Arn, Name: Arn.slice(Arn.lastIndexOf('/') + 1) }));
    const page = paginate(all, `ListManagedPolicies|${permissionSetArn}`, token, max);
    return { AttachedManagedPolicies: page.items, NextToken: page.nextToken };
  },

  AttachCustomerManagedPolicyReferenceToPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const ref = readReference(c, 'CustomerManagedPolicyReference', req.params.CustomerManagedPolicyReference);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    if (ps.CustomerManagedPolicyReferences.some((r) => sameRef(r, ref))) {
      throw conflict(
        `Customer managed policy ${ref.Path}${ref.Name} is already attached to the permission set.`,
      );
    }
    if (ps.ManagedPolicies.length + ps.CustomerManagedPolicyReferences.length >= MAX_POLICIES) {
      throw quotaExceeded(
        `A permission set can have at most ${MAX_POLICIES} managed and customer managed policies.`,
      );
    }
    ps.CustomerManagedPolicyReferences.push(ref);
    touch(ps);
    return {};
  },

  DetachCustomerManagedPolicyReferenceFromPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const ref = readReference(c, 'CustomerManagedPolicyReference', req.params.CustomerManagedPolicyReference);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    if (!ps.CustomerManagedPolicyReferences.some((r) => sameRef(r, ref))) {
      throw notFound(`Customer managed policy ${ref.Path}${ref.Name} is not attached to the permission set.`);
    }
    ps.CustomerManagedPolicyReferences = ps.CustomerManagedPolicyReferences.filter((r) => !sameRef(r, ref));
    touch(ps);
    return {};
  },

  ListCustomerManagedPolicyReferencesInPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const { max, token } = readPage(c);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    const page = paginate(ps.CustomerManagedPolicyReferences, `ListCmp|${permissionSetArn}`, token, max);
    return { CustomerManagedPolicyReferences: page.items, NextToken: page.nextToken };
  },

  PutInlinePolicyToPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const doc = c.req('InlinePolicy', {
      pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
      min: 1,
      max: 32768,
    });
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    checkPolicyDocument(doc);
    ps.InlinePolicy = doc;
    touch(ps);
    return {};
  },

  GetInlinePolicyForPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    c.done();
    return { InlinePolicy: requirePermissionSet(req, instanceArn, permissionSetArn).InlinePolicy ?? '' };
  },

  DeleteInlinePolicyFromPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    if (ps.InlinePolicy !== undefined) {
      ps.InlinePolicy = undefined;
      touch(ps);
    }
    return {};
  },

  PutPermissionsBoundaryToPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const raw = c.obj('PermissionsBoundary', true);
    let boundary: PermissionsBoundary = {};
    if (raw) {
      const hasRef =
        raw.CustomerManagedPolicyReference !== undefined && raw.CustomerManagedPolicyReference !== null;
      const arn = c.checkString(
        'PermissionsBoundary.ManagedPolicyArn',
        raw.ManagedPolicyArn,
        MANAGED_ARN,
        false,
      );
      if (hasRef === (raw.ManagedPolicyArn !== undefined && raw.ManagedPolicyArn !== null)) {
        c.problem(
          'PermissionsBoundary',
          '[object]',
          'Member must specify exactly one of CustomerManagedPolicyReference or ManagedPolicyArn',
        );
      }
      boundary = hasRef
        ? {
            CustomerManagedPolicyReference: readReference(
              c,
              'PermissionsBoundary.CustomerManagedPolicyReference',
              raw.CustomerManagedPolicyReference,
            ),
          }
        : { ManagedPolicyArn: arn };
    }
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    if (boundary.ManagedPolicyArn) requireAwsManaged(boundary.ManagedPolicyArn);
    ps.PermissionsBoundary = boundary;
    touch(ps);
    return {};
  },

  GetPermissionsBoundaryForPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    if (!ps.PermissionsBoundary) throw notFound('The permission set has no permissions boundary.');
    return { PermissionsBoundary: ps.PermissionsBoundary };
  },

  DeletePermissionsBoundaryFromPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    if (!ps.PermissionsBoundary) throw notFound('The permission set has no permissions boundary.');
    ps.PermissionsBoundary = undefined;
    touch(ps);
    return {};
  },
};
