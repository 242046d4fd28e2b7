/**
 * Checks that need more than one field: managed policy names (against the AWS table and the
 * account's own policies), built trust policies (size, ExternalId opt-out), quotas, and two entries
 * that would be the same AWS resource. Each entity is checked only if its own schema passes, so
 * these run next to schema errors elsewhere in the document.
 */

import { tooLarge } from './checks-policies.js';
import { E, W } from './codes.js';
import type { Diagnostics } from './diagnostics.js';
import { arr, rec, str } from './entities.js';
import { isProblem, resolvePolicyRef } from './managed-policies.js';
import { POLICY_LIMITS, policySize } from './policy-grammar.js';
import { groupSchema, roleSchema } from './schema-iam.js';
import { permissionSetSchema } from './schema-sso.js';
import type { DocPath } from './source-map.js';
import { buildTrustPolicy } from './trust.js';

const MODE = { editor: false };
const schemas = {
  role: roleSchema(MODE),
  group: groupSchema(MODE),
  permissionSet: permissionSetSchema(MODE),
};

export function checkSemantics(data: unknown, diag: Diagnostics): void {
  const root = rec(data);
  const ic = rec(root.identityCenter);
  const psName = (key: string) => str(rec(rec(ic.permissionSets)[key]).name) ?? key;
  for (const [acct, account] of Object.entries(rec(root.accounts))) {
    const iam = rec(rec(account).iam);
    const local = Object.keys(rec(iam.policies));
    const base: DocPath = ['accounts', acct, 'iam'];
    for (const [name, raw] of Object.entries(rec(iam.roles))) {
      const at = [...base, 'roles', name];
      const role = schemas.role.safeParse(raw);
      if (!role.success) continue;
      managedPolicies(role.data.managedPolicies, local, [...at, 'managedPolicies'], 'role', diag);
      if (role.data.permissionsBoundary !== undefined) {
        policyRef(role.data.permissionsBoundary, local, [...at, 'permissionsBoundary'], diag);
      }
      const entries = Array.isArray(role.data.trust) ? role.data.trust : [role.data.trust];
      entries.forEach((entry, i) => {
        if (entry.thirdParty && entry.thirdParty.externalId === undefined) {
          diag.warn({
            code: W.externalIdOptOut,
            message: `role trusts account ${entry.thirdParty.account} without an ExternalId`,
            path: [...at, 'trust', ...(Array.isArray(role.data.trust) ? [i] : []), 'thirdParty'],
            at: 'key',
            hint: 'anyone that vendor acts for could make it assume this role; ask the vendor for an ExternalId',
          });
        }
      });
      const doc = buildTrustPolicy(role.data.trust, {
        roleAccount: `\${accounts.${acct}.id}`,
        permissionSetName: psName,
      });
      tooLarge(
        doc,
        [...at, 'trust'],
        POLICY_LIMITS.trustPolicy,
        'the trust policy',
        diag,
        estimatedSize(doc),
      );
    }
    for (const [name, raw] of Object.entries(rec(iam.groups))) {
      const group = schemas.group.safeParse(raw);
      if (group.success) {
        managedPolicies(
          group.data.managedPolicies,
          local,
          [...base, 'groups', name, 'managedPolicies'],
          'group',
          diag,
        );
      }
    }
  }
  for (const [key, raw] of Object.entries(rec(ic.permissionSets))) {
    const ps = schemas.permissionSet.safeParse(raw);
    if (!ps.success) continue;
    const at: DocPath = ['identityCenter', 'permissionSets', key];
    ps.data.managedPolicies.forEach((p, i) => {
      if (p.includes('${')) return;
      const ref = resolvePolicyRef(p, []);
      if (isProblem(ref)) diag.error({ ...ref, path: [...at, 'managedPolicies', i] });
      else if (ref.kind === 'customer') {
        diag.error({
          code: E.wrongPolicyKind,
          message: `${p} is a customer managed policy; permission sets attach those by name and path`,
          path: [...at, 'managedPolicies', i],
          hint: `move it to customerManagedPolicies: [{name: ${p.split('/').at(-1)}}] (it must exist in every assigned account)`,
        });
      }
    });
    quota(
      ps.data.managedPolicies.length + ps.data.customerManagedPolicies.length,
      at,
      'permission set',
      diag,
    );
  }
  duplicates(root, diag);
}

function policyRef(value: string, local: string[], path: DocPath, diag: Diagnostics): void {
  if (value.includes('${')) return;
  const ref = resolvePolicyRef(value, local);
  if (isProblem(ref)) diag.error({ ...ref, path });
}

function managedPolicies(
  list: string[],
  local: string[],
  at: DocPath,
  owner: string,
  diag: Diagnostics,
): void {
  list.forEach((p, i) => {
    policyRef(p, local, [...at, i], diag);
  });
  quota(list.length, at, owner, diag);
}

function quota(n: number, at: DocPath, owner: string, diag: Diagnostics): void {
  const issue = {
    path: at,
    at: 'key' as const,
    hint: 'IAM allows 10 managed policies per role or group by default, 20 after a quota increase',
  };
  if (n > 20)
    diag.error({
      ...issue,
      code: E.quotaExceeded,
      message: `${n} managed policies on one ${owner}; AWS allows at most 20`,
    });
  else if (n > 10)
    diag.warn({ ...issue, code: W.managedPolicyQuota, message: `${n} managed policies on one ${owner}` });
}

/** Size with references replaced by realistic stand-ins (an account id, a role ARN). */
function estimatedSize(doc: unknown): number {
  const text = JSON.stringify(doc)
    .replace(/\$\{accounts\.[^}]+\.id\}|\$\{caller\.account\}/g, '123456789012')
    .replace(/\$\{caller\.arn\}/g, `arn:aws:iam::123456789012:role/${'x'.repeat(64)}`);
  return policySize(JSON.parse(text));
}

/** Two entries that AWS would see as one resource. */
function duplicates(root: Record<string, unknown>, diag: Diagnostics): void {
  const once = (
    kind: string,
    entries: [string, string | undefined][],
    at: (key: string) => DocPath,
    fold = true,
  ) => {
    const seen = new Map<string, string>();
    for (const [key, name] of entries) {
      if (name === undefined || name.includes('${')) continue;
      const id = fold ? name.toLowerCase() : name;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, key);
      else {
        diag.error({
          code: E.duplicateIdentity,
          message: `${kind} ${JSON.stringify(name)} is also defined by \`${first}\``,
          path: at(key),
          at: 'key',
          hint: `AWS identifies a ${kind} by this name${fold ? ' (case-insensitively)' : ''}; keep one entry`,
        });
      }
    }
  };
  const accounts = Object.entries(rec(root.accounts));
  once(
    'account id',
    accounts.map(([k, a]) => [k, str(rec(a).id)]),
    (k) => ['accounts', k, 'id'],
    false,
  );
  once(
    'account email',
    accounts.map(([k, a]) => [k, str(rec(rec(a).create).email)]),
    (k) => ['accounts', k, 'create', 'email'],
  );
  for (const [acct, account] of accounts) {
    const iam = rec(rec(account).iam);
    for (const kind of ['roles', 'policies', 'groups']) {
      const names = Object.keys(rec(iam[kind])).map((k): [string, string] => [k, k]);
      once(kind.replace(/s$/, '').replace(/ie$/, 'y'), names, (k) => ['accounts', acct, 'iam', kind, k]);
    }
  }
  const ic = rec(root.identityCenter);
  const named = (kind: string, field: string) =>
    Object.entries(rec(ic[kind])).map(([k, v]): [string, string | undefined] => [k, str(rec(v)[field]) ?? k]);
  const icPath = (kind: string) => (k: string) => ['identityCenter', kind, k];
  once('permission set', named('permissionSets', 'name'), icPath('permissionSets'), false);
  once('user', named('users', 'userName'), icPath('users'));
  once('group', named('groups', 'displayName'), icPath('groups'));
  const seen = new Set<string>();
  arr(ic.assignments).forEach((a, i) => {
    const spec = rec(a);
    for (const acct of arr(spec.accounts)) {
      const id = JSON.stringify([spec.permissionSet, spec.principal, acct]);
      if (seen.has(id)) {
        diag.warn({
          code: W.duplicateAssignment,
          message: `assignment to ${String(acct)} repeats an earlier one`,
          path: ['identityCenter', 'assignments', i],
        });
      }
      seen.add(id);
    }
  });
}
