/**
 * The blueprint's entities (an account, a role, a permission set, an assignment …) and the edges
 * between them: explicit `${…}` references plus the structural ones (a role lives in its account, an
 * assignment needs its permission set). Validation uses the graph to find cycles; toDesired uses the
 * same edges as resource dependencies, so the two can never disagree. Works on unvalidated data.
 */
import { scanRefs } from './refs.js';
import type { DocPath } from './source-map.js';

export interface Edge {
  from: string;
  to: string;
  /** Where the edge is written, for messages. */
  path: DocPath;
  /** The `${…}` text when the edge is a reference. */
  ref?: string;
}

export const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const IAM_KINDS = ['roles', 'policies', 'groups'] as const;
const IC_KINDS = ['users', 'groups', 'permissionSets'] as const;

/** The entity that owns a document path, e.g. accounts.a.iam.roles.r.trust → `iam.a.roles.r`. */
export function ownerOf(path: DocPath): string | undefined {
  const [root, a, b, c, d] = path;
  if (root === 'accounts' && typeof a === 'string') {
    if (b === 'iam' && typeof c === 'string' && typeof d === 'string') return `iam.${a}.${c}.${d}`;
    return `accounts.${a}`;
  }
  if (root === 'identityCenter' && a === 'assignments' && typeof b === 'number')
    return `identityCenter.assignments.${b}`;
  if (root === 'identityCenter' && typeof a === 'string' && typeof b === 'string')
    return `identityCenter.${a}.${b}`;
  return undefined;
}

/** The entity a reference points at (`iam.a.roles.r.arn` → `iam.a.roles.r`); params/caller have none. */
export function targetOf(segments: readonly string[]): string | undefined {
  if (segments[0] === 'accounts' && segments.length >= 2) return `accounts.${segments[1]}`;
  if (segments[0] === 'iam' && segments.length >= 4) return segments.slice(0, 4).join('.');
  if (segments[0] === 'identityCenter' && segments.length >= 3) return segments.slice(0, 3).join('.');
  return undefined;
}

/** Every entity id in the data. */
export function listEntities(data: unknown): Set<string> {
  const out = new Set<string>();
  for (const [key, account] of Object.entries(rec(rec(data).accounts))) {
    out.add(`accounts.${key}`);
    const iam = rec(rec(account).iam);
    for (const kind of IAM_KINDS)
      for (const name of Object.keys(rec(iam[kind]))) out.add(`iam.${key}.${kind}.${name}`);
  }
  const ic = rec(rec(data).identityCenter);
  for (const kind of IC_KINDS)
    for (const name of Object.keys(rec(ic[kind]))) out.add(`identityCenter.${kind}.${name}`);
  for (const i of arr(ic.assignments).keys()) out.add(`identityCenter.assignments.${i}`);
  return out;
}

/** Calls `visit` for every string in `value` with its path. */
export function eachString(value: unknown, path: DocPath, visit: (s: string, path: DocPath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) eachString(v, [...path, i], visit);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) eachString(v, [...path, k], visit);
  }
}

/** Every edge between existing entities (edges to missing targets are reported as dangling elsewhere). */
export function entityEdges(data: unknown): Edge[] {
  const entities = listEntities(data);
  const edges: Edge[] = [];
  const add = (from: string | undefined, to: string | undefined, path: DocPath, ref?: string) => {
    if (from && to && entities.has(to)) edges.push({ from, to, path, ...(ref ? { ref } : {}) });
  };
  const root = rec(data);
  for (const section of ['accounts', 'identityCenter']) {
    eachString(root[section], [section], (s, path) => {
      if (!s.includes('${')) return;
      for (const ref of scanRefs(s).refs) add(ownerOf(path), targetOf(ref.segments), path, ref.expr);
    });
  }
  const accountEdge = (from: string, value: unknown, path: DocPath) => {
    const key = str(value);
    if (key && !key.includes('${')) add(from, `accounts.${key}`, path);
  };
  for (const [acct, account] of Object.entries(rec(root.accounts))) {
    const iam = rec(rec(account).iam);
    for (const kind of IAM_KINDS) {
      for (const [name, spec] of Object.entries(rec(iam[kind]))) {
        const from = `iam.${acct}.${kind}.${name}`;
        const at: DocPath = ['accounts', acct, 'iam', kind, name];
        add(from, `accounts.${acct}`, at);
        const s = rec(spec);
        arr(s.managedPolicies).forEach((p, i) => {
          add(from, localPolicy(acct, p), [...at, 'managedPolicies', i]);
        });
        add(from, localPolicy(acct, s.permissionsBoundary), [...at, 'permissionsBoundary']);
        if (kind === 'roles') trustEdges(from, s.trust, [...at, 'trust'], add, accountEdge);
      }
    }
  }
  const ic = rec(root.identityCenter);
  for (const [key, group] of Object.entries(rec(ic.groups))) {
    arr(rec(group).members).forEach((m, i) => {
      add(`identityCenter.groups.${key}`, `identityCenter.users.${str(m)}`, [
        'identityCenter',
        'groups',
        key,
        'members',
        i,
      ]);
    });
  }
  arr(ic.assignments).forEach((a, i) => {
    const from = `identityCenter.assignments.${i}`;
    const at: DocPath = ['identityCenter', 'assignments', i];
    const spec = rec(a);
    const ps = str(spec.permissionSet);
    add(from, `identityCenter.permissionSets.${ps}`, [...at, 'permissionSet']);
    const principal = rec(spec.principal);
    if (str(principal.user))
      add(from, `identityCenter.users.${str(principal.user)}`, [...at, 'principal', 'user']);
    if (str(principal.group))
      add(from, `identityCenter.groups.${str(principal.group)}`, [...at, 'principal', 'group']);
    const cmps = arr(rec(rec(ic.permissionSets)[ps ?? '']).customerManagedPolicies);
    arr(spec.accounts).forEach((acct, j) => {
      accountEdge(from, acct, [...at, 'accounts', j]);
      // Provisioning a permission set fails unless its customer managed policies exist in the account.
      for (const cmp of cmps)
        add(from, `iam.${str(acct)}.policies.${str(rec(cmp).name)}`, [...at, 'accounts', j]);
    });
  });
  return edges;
}

function localPolicy(acct: string, value: unknown): string | undefined {
  const name = str(value);
  return name && !name.startsWith('arn:') && !name.includes('${')
    ? `iam.${acct}.policies.${name}`
    : undefined;
}

type Add = (from: string | undefined, to: string | undefined, path: DocPath, ref?: string) => void;

function trustEdges(
  from: string,
  trust: unknown,
  at: DocPath,
  add: Add,
  accountEdge: (f: string, v: unknown, p: DocPath) => void,
) {
  const entries = Array.isArray(trust) ? trust : [trust];
  entries.forEach((entry, i) => {
    const p: DocPath = Array.isArray(trust) ? [...at, i] : at;
    const e = rec(entry);
    accountEdge(from, e.account, [...p, 'account']);
    const role = rec(e.role);
    if (str(role.account)) {
      accountEdge(from, role.account, [...p, 'role', 'account']);
      add(from, `iam.${str(role.account)}.roles.${str(role.name)}`, [...p, 'role']);
    }
    arr(rec(e.ssoPermissionSet).accounts).forEach((a, j) => {
      accountEdge(from, a, [...p, 'ssoPermissionSet', 'accounts', j]);
    });
  });
}
