/**
 * Live against declared (pure): which policies and settings of a role or permission set differ from
 * the blueprint. Documents are compared semantically (key order, list order, one-item lists and
 * duplicate values do not matter), as IAM itself stores them.
 */
import { isDeferred } from '../blueprint/evaluate.js';
import type { PermissionSetProps, RoleProps } from '../blueprint/types.js';
import type { PolicyDocument } from '../policy/types.js';
import type { RoleView } from './read-iam.js';
import type { PermissionSetPolicies, PermissionSetView } from './read-sso.js';

function hasDeferred(v: unknown): boolean {
  if (isDeferred(v)) return true;
  if (Array.isArray(v)) return v.some(hasDeferred);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(hasDeferred);
  return typeof v === 'string' && v.includes('${');
}

/** A canonical form: sorted keys, sorted de-duplicated scalar lists, one-item lists as the item. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    const scalar = items.every((x) => typeof x !== 'object' || x === null);
    const list = scalar
      ? [...new Set(items.map((x) => JSON.stringify(x)))].sort().map((x) => JSON.parse(x))
      : items;
    return list.length === 1 ? list[0] : list;
  }
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** Whether two documents mean the same; undefined when the declared one is not fully known yet. */
export function sameDocument(declared: unknown, live: PolicyDocument | undefined): boolean | undefined {
  if (hasDeferred(declared)) return undefined;
  if (!live) return false;
  const norm = (d: unknown) => {
    const doc = d as PolicyDocument;
    return canonical({ ...doc, Version: doc.Version ?? '2008-10-17', Statement: doc.Statement });
  };
  return JSON.stringify(norm(declared)) === JSON.stringify(norm(live));
}

function setDiff(what: string, declared: string[], live: string[]): string[] {
  const out: string[] = [];
  const liveSet = new Set(live);
  const declaredSet = new Set(declared);
  for (const d of declared) if (!liveSet.has(d)) out.push(`${what} ${d} is not attached`);
  for (const l of live) if (!declaredSet.has(l)) out.push(`${what} ${l} is attached but not declared`);
  return out;
}

/** Differences of a live role from its declaration (existence and path are checked elsewhere). */
export function roleDrift(declared: RoleProps, live: RoleView): string[] {
  const out: string[] = [];
  if (sameDocument(declared.assumeRolePolicyDocument, live.trust) === false)
    out.push('the trust policy differs');
  const managed = declared.managedPolicyArns.filter(
    (a): a is string => typeof a === 'string' && !a.includes('${'),
  );
  if (managed.length === declared.managedPolicyArns.length)
    out.push(...setDiff('managed policy', managed, live.attached));
  for (const [name, doc] of Object.entries(declared.inlinePolicies)) {
    if (!(name in live.inline)) out.push(`inline policy ${name} is missing`);
    else if (sameDocument(doc, live.inline[name]) === false) out.push(`inline policy ${name} differs`);
  }
  for (const name of Object.keys(live.inline)) {
    if (!(name in declared.inlinePolicies)) out.push(`inline policy ${name} is not declared`);
  }
  const boundary =
    typeof declared.permissionsBoundary === 'string' ? declared.permissionsBoundary : undefined;
  if (
    declared.permissionsBoundary === undefined
      ? live.boundary !== undefined
      : boundary && boundary !== live.boundary
  ) {
    out.push(`the permissions boundary is ${live.boundary ?? 'not set'}, declared ${boundary ?? 'none'}`);
  }
  return out;
}

/** Differences of a live permission set from its declaration. */
export function permissionSetDrift(
  declared: PermissionSetProps,
  live: PermissionSetView,
  policies: PermissionSetPolicies,
): string[] {
  const out = setDiff('managed policy', declared.managedPolicyArns, policies.managed);
  const refs = (l: { name: string; path: string }[]) => l.map((r) => `${r.path}${r.name}`);
  out.push(
    ...setDiff(
      'customer managed policy',
      refs(declared.customerManagedPolicies),
      refs(policies.customerManaged),
    ),
  );
  const liveInline = policies.inline ? (JSON.parse(policies.inline) as PolicyDocument) : undefined;
  if (declared.inlinePolicy === undefined) {
    if (liveInline) out.push('an inline policy is set but not declared');
  } else if (sameDocument(declared.inlinePolicy, liveInline) === false) {
    out.push(liveInline ? 'the inline policy differs' : 'the inline policy is missing');
  }
  if (live.sessionDuration && live.sessionDuration !== declared.sessionDuration) {
    out.push(`the session duration is ${live.sessionDuration}, declared ${declared.sessionDuration}`);
  }
  return out;
}
