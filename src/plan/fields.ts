/**
 * How each kind's fields compare. Policies compare by meaning, lists as sets where AWS keeps no
 * order, and some fields cannot be changed in place (AWS has no API for it), forcing a replace.
 */
import { canonicalPolicy, policiesEqual } from './policy-equal.js';
import type { FieldChange, ResourceKind } from './types.js';

export type FieldType = 'scalar' | 'policy' | 'set' | 'policy-map' | 'map';

export interface FieldSpec {
  type: FieldType;
  /** AWS cannot change it in place: a difference means delete and create. */
  replace?: boolean;
}

export const FIELDS: Record<ResourceKind, Record<string, FieldSpec>> = {
  'AWS::Organizations::Account': {
    name: { type: 'scalar', replace: true },
    email: { type: 'scalar', replace: true },
    parent: { type: 'scalar' },
  },
  'AWS::IAM::ManagedPolicy': {
    path: { type: 'scalar', replace: true },
    description: { type: 'scalar', replace: true },
    document: { type: 'policy' },
  },
  'AWS::IAM::Role': {
    path: { type: 'scalar', replace: true },
    trustPolicy: { type: 'policy' },
    description: { type: 'scalar' },
    maxSessionDuration: { type: 'scalar' },
    managedPolicies: { type: 'set' },
    inlinePolicies: { type: 'policy-map' },
    permissionsBoundary: { type: 'scalar' },
    tags: { type: 'map' },
  },
  'AWS::IAM::Group': {
    path: { type: 'scalar', replace: true },
    members: { type: 'set' },
    managedPolicies: { type: 'set' },
    inlinePolicies: { type: 'policy-map' },
  },
  'AWS::IdentityStore::User': {
    userName: { type: 'scalar', replace: true },
    displayName: { type: 'scalar' },
    givenName: { type: 'scalar' },
    familyName: { type: 'scalar' },
    email: { type: 'scalar' },
  },
  'AWS::IdentityStore::Group': {
    displayName: { type: 'scalar', replace: true },
    description: { type: 'scalar' },
  },
  'AWS::IdentityStore::GroupMembership': {},
  'AWS::SSO::PermissionSet': {
    name: { type: 'scalar', replace: true },
    description: { type: 'scalar' },
    sessionDuration: { type: 'scalar' },
    relayState: { type: 'scalar' },
    managedPolicies: { type: 'set' },
    customerManagedPolicies: { type: 'set' },
    inlinePolicy: { type: 'policy' },
    permissionsBoundary: { type: 'scalar' },
    tags: { type: 'map' },
  },
  'AWS::SSO::Assignment': {},
};

function norm(type: FieldType, v: unknown): unknown {
  if (v === undefined || v === null || v === '') {
    return type === 'set' ? [] : type === 'policy-map' || type === 'map' ? {} : undefined;
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
  if (type === 'policy' && a !== undefined && b !== undefined) return policiesEqual(a, b);
  return JSON.stringify(norm(type, a)) === JSON.stringify(norm(type, b));
}

export function isKnownAfterApply(v: unknown): boolean {
  return JSON.stringify(v ?? null).includes('"$knownAfterApply"');
}

/** The fields that differ, and whether any of them forces a replacement. */
export function compareProps(
  kind: ResourceKind,
  desired: Record<string, unknown>,
  observed: Record<string, unknown>,
): { changes: FieldChange[]; replace: boolean } {
  const specs = FIELDS[kind];
  const changes: FieldChange[] = [];
  let replace = false;
  for (const field of Object.keys(desired)) {
    const spec = specs[field] ?? { type: 'scalar' };
    const want = desired[field];
    if (want === undefined) continue; // undeclared: leave AWS's value alone
    if (!isKnownAfterApply(want) && fieldEqual(spec.type, want, observed[field])) continue;
    changes.push({ field, before: observed[field], after: want });
    if (spec.replace) replace = true;
  }
  return { changes, replace };
}
