/**
 * How each kind's fields compare, by the blueprint's prop names. Policies compare by meaning, lists
 * as sets where AWS keeps no order, and some fields cannot be changed in place (AWS has no API for
 * it), forcing a replace. For an owned resource the blueprint is the whole truth: a field it leaves
 * out means "none" (a role's boundary is removed), except where AWS cannot clear a value
 * (`optional`: a permission set's relay state) or onramp should not move things unasked (an
 * account's OU).
 */
import { isKnownAfterApply } from '../blueprint/evaluate.js';
import { canonicalPolicy, policiesEqual } from '../policy/canonical.js';
import type { FieldChange, ResourceKind } from './types.js';

export type FieldType = 'scalar' | 'policy' | 'set' | 'policy-map' | 'map';

export interface FieldSpec {
  type: FieldType;
  /** AWS cannot change it in place: a difference means delete and create. */
  replace?: boolean;
  /** Compared only when the blueprint gives a value. */
  optional?: boolean;
}

const scalar: FieldSpec = { type: 'scalar' };
const set: FieldSpec = { type: 'set' };
const policy: FieldSpec = { type: 'policy' };
const map: FieldSpec = { type: 'map' };
const policyMap: FieldSpec = { type: 'policy-map' };
const optional: FieldSpec = { type: 'scalar', optional: true };

/** Identity fields (role name, email, …) are not listed: a different value is a different resource. */
export const FIELDS: Record<ResourceKind, Record<string, FieldSpec>> = {
  // Organizations has no API to rename an account, and the access role cannot be read back.
  'AWS::Organizations::Account': { parentId: optional, tags: map },
  'AWS::IAM::ManagedPolicy': {
    path: { type: 'scalar', replace: true },
    // IAM has no API to change a managed policy's description.
    description: { type: 'scalar', replace: true },
    policyDocument: policy,
    tags: map,
  },
  'AWS::IAM::Role': {
    path: { type: 'scalar', replace: true },
    description: scalar,
    maxSessionDuration: scalar,
    assumeRolePolicyDocument: policy,
    managedPolicyArns: set,
    inlinePolicies: policyMap,
    permissionsBoundary: scalar,
    tags: map,
  },
  'AWS::IAM::Group': {
    path: { type: 'scalar', replace: true },
    managedPolicyArns: set,
    inlinePolicies: policyMap,
  },
  'AWS::IAM::UserToGroupAddition': { users: set },
  'AWS::IdentityStore::User': { userName: scalar, displayName: scalar, name: scalar, emails: set },
  'AWS::IdentityStore::Group': { description: scalar },
  'AWS::IdentityStore::GroupMembership': {},
  'AWS::SSO::PermissionSet': {
    // sso-admin cannot clear a description or relay state once set (both have a minimum length of 1).
    description: optional,
    sessionDuration: scalar,
    relayState: optional,
    managedPolicyArns: set,
    customerManagedPolicies: set,
    inlinePolicy: policy,
    tags: map,
  },
  'AWS::SSO::Assignment': {},
};

function norm(type: FieldType, v: unknown): unknown {
  if (v === undefined || v === null || v === '') {
    return type === 'set' ? [] : type === 'policy-map' || type === 'map' ? {} : null;
  }
  switch (type) {
    case 'policy':
      return canonicalPolicy(v);
    case 'set':
      return [...new Set((v as unknown[]).map((x) => JSON.stringify(x)))].sort();
    case 'policy-map':
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, d]) => [k, canonicalPolicy(d)]),
      );
    case 'map':
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    default:
      return v;
  }
}

export function fieldEqual(type: FieldType, a: unknown, b: unknown): boolean {
  if (type === 'policy' && a && b) return policiesEqual(a, b);
  return JSON.stringify(norm(type, a)) === JSON.stringify(norm(type, b));
}

/** The fields that differ, and whether any of them forces a replacement. */
export function compareProps(
  kind: ResourceKind,
  desired: Record<string, unknown>,
  observed: Record<string, unknown>,
): { changes: FieldChange[]; replace: boolean } {
  const changes: FieldChange[] = [];
  let replace = false;
  for (const [field, spec] of Object.entries(FIELDS[kind])) {
    const want = desired[field];
    if (want === undefined && spec.optional) continue;
    if (!isKnownAfterApply(want) && fieldEqual(spec.type, want, observed[field])) continue;
    changes.push({ field, before: observed[field], after: want });
    if (spec.replace) replace = true;
  }
  return { changes, replace };
}
