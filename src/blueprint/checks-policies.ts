/**
 * Grammar and size checks for every policy document a blueprint writes, on unvalidated data so they
 * run alongside schema errors. Limits: managed policy 6144, role inline aggregate 10240, group inline
 * aggregate 5120, permission-set inline 10240, trust 2048 (characters, whitespace excluded).
 */
import { E } from './codes.js';
import type { Diagnostics } from './diagnostics.js';
import { rec } from './entities.js';
import { checkPolicyDocument, POLICY_LIMITS, type PolicyKind, policySize } from './policy-grammar.js';
import type { DocPath } from './source-map.js';

export function checkPolicies(data: unknown, diag: Diagnostics): void {
  const root = rec(data);
  for (const [acct, account] of Object.entries(rec(root.accounts))) {
    const iam = rec(rec(account).iam);
    const base: DocPath = ['accounts', acct, 'iam'];
    for (const [name, role] of Object.entries(rec(iam.roles))) {
      const at = [...base, 'roles', name];
      inlineSet(
        rec(role).inlinePolicies,
        [...at, 'inlinePolicies'],
        POLICY_LIMITS.roleInlineAggregate,
        'role',
        diag,
      );
      const trust = rec(role).trust;
      const entries = Array.isArray(trust) ? trust : [trust];
      entries.forEach((entry, i) => {
        const policy = rec(entry).policy;
        if (policy !== undefined) {
          const p = [...at, 'trust', ...(Array.isArray(trust) ? [i] : []), 'policy'];
          document(policy, p, 'trust', diag);
        }
      });
    }
    for (const [name, policy] of Object.entries(rec(iam.policies))) {
      const doc = rec(policy).document;
      const at = [...base, 'policies', name, 'document'];
      if (doc !== undefined && document(doc, at, 'identity', diag)) {
        tooLarge(doc, at, POLICY_LIMITS.managedPolicy, 'a managed policy', diag);
      }
    }
    for (const [name, group] of Object.entries(rec(iam.groups))) {
      const at = [...base, 'groups', name, 'inlinePolicies'];
      inlineSet(rec(group).inlinePolicies, at, POLICY_LIMITS.groupInlineAggregate, 'group', diag);
    }
  }
  for (const [key, ps] of Object.entries(rec(rec(root.identityCenter).permissionSets))) {
    const doc = rec(ps).inlinePolicy;
    const at = ['identityCenter', 'permissionSets', key, 'inlinePolicy'];
    if (doc !== undefined && document(doc, at, 'identity', diag)) {
      tooLarge(doc, at, POLICY_LIMITS.permissionSetInline, 'a permission set inline policy', diag);
    }
  }
}

/** Checks one document; true when it has no grammar errors (so its size is meaningful). */
export function document(doc: unknown, at: DocPath, kind: PolicyKind, diag: Diagnostics): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false; // the schema reports it
  let ok = true;
  for (const issue of checkPolicyDocument(doc, kind)) {
    const entry = {
      code: issue.code,
      message: issue.message,
      path: [...at, ...issue.path],
      hint: issue.hint,
    };
    if (issue.severity === 'error') {
      ok = false;
      diag.error(entry);
    } else diag.warn(entry);
  }
  return ok;
}

function inlineSet(policies: unknown, at: DocPath, limit: number, owner: string, diag: Diagnostics): void {
  let total = 0;
  let ok = true;
  for (const [name, doc] of Object.entries(rec(policies))) {
    ok = document(doc, [...at, name], 'identity', diag) && ok;
    total += policySize(doc);
  }
  if (ok && total > limit) {
    diag.error({
      code: E.policyTooLarge,
      message: `the ${owner}'s inline policies total ${total} characters; AWS allows ${limit} per ${owner}`,
      path: at,
      at: 'key',
      hint: 'move statements into a customer managed policy (iam.policies) and attach it by name',
    });
  }
}

export function tooLarge(
  doc: unknown,
  at: DocPath,
  limit: number,
  what: string,
  diag: Diagnostics,
  size = policySize(doc),
): void {
  if (size <= limit) return;
  diag.error({
    code: E.policyTooLarge,
    message: `${what} is ${size} characters (whitespace excluded); AWS allows ${limit}`,
    path: at,
    at: 'key',
    hint: 'use wildcards in actions, split it into several policies, or drop unused statements',
  });
}
