// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
/**
 * Reference checks on the (possibly invalid) document: malformed `${…}`, references to things the
 * blueprint does not define, unknown attributes, key references (an assignment's permission set, a
 * group's members) and cycles. Runs whether or not the schema passed, so all of these are reported
 * together with type errors.
 */
import { E } from './codes.js';
import type { Diagnostics } from './diagnostics.js';
import { didYouMean } from './edit-distance.js';
import { arr, type Edge, eachString, entityEdges, listEntities, rec, str, targetOf } from './entities.js';
import { scanRefs } from './refs.js';
import type { DocPath } from './source-map.js';

const ATTRIBUTES: Record<string, readonly string[]> = {
  accounts: ['id'],
  roles: ['arn', 'name'],
  policies: ['arn', 'name'],
  groups: ['arn', 'name'],
  permissionSets: ['arn', 'name'],
  users: ['id', 'userName'],
  'identityCenter.groups': ['id', 'displayName'],
  caller: ['arn', 'account'],
};

export function checkReferences(data: unknown, diag: Diagnostics): void {
  const entities = listEntities(data);
  const root = rec(data);
  for (const section of ['accounts', 'identityCenter']) {
    eachString(root[section], [section], (s, path) => {
      if (!s.includes('${')) return;
      const { refs, problems } = scanRefs(s);
      for (const p of problems) diag.error({ ...p, path });
      for (const ref of refs) checkRef(ref.segments, ref.expr, path, entities, diag);
    });
  }
  checkKeyRefs(root, entities, diag);
  checkCycles(entityEdges(data), diag);
}

function checkRef(
  segs: readonly string[],
  expr: string,
  path: DocPath,
  entities: Set<string>,
  diag: Diagnostics,
) {
  const shown = `\`\${${expr}}\``;
  const [root] = segs;
  if (root === 'params') return; // substituted earlier; leftovers were reported there
  const shape: Record<string, number> = { accounts: 3, iam: 5, identityCenter: 4, caller: 2 };
  if (segs.length !== shape[root]) {
    const forms: Record<string, string> = {
      accounts: '${accounts.<key>.id}',
      iam: '${iam.<account>.roles|policies|groups.<name>.arn}',
      identityCenter: '${identityCenter.permissionSets|users|groups.<key>.arn|id}',
      caller: '${caller.arn} or ${caller.account}',
    };
    diag.error({
      code: E.malformedReference,
      message: `${shown} does not have the form ${forms[root]}`,
      path,
    });
    return;
  }
  const attr = segs.at(-1) ?? '';
  const kind = root === 'iam' ? segs[2] : root === 'identityCenter' ? segs[1] : root;
  const attrKey = root === 'identityCenter' && kind === 'groups' ? 'identityCenter.groups' : kind;
  const target = targetOf(segs);
  if (target && !entities.has(target)) {
    const siblings = [...entities]
      .filter((e) => e.startsWith(target.slice(0, target.lastIndexOf('.') + 1)))
      .map((e) => e.slice(target.lastIndexOf('.') + 1));
    const parent = target.slice(0, target.lastIndexOf('.'));
    diag.error({
      code: E.danglingReference,
      message: `${shown} refers to \`${target}\`, which the blueprint does not define`,
      path,
      hint:
        didYouMean(target.slice(target.lastIndexOf('.') + 1), siblings) ??
        (siblings.length
          ? `defined under ${parent}: ${siblings.join(', ')}`
          : `nothing is defined under ${parent}`),
    });
    return;
  }
  const allowed = ATTRIBUTES[attrKey];
  if (!allowed) {
    diag.error({ code: E.malformedReference, message: `${shown}: \`${kind}\` cannot be referenced`, path });
  } else if (!allowed.includes(attr)) {
    diag.error({
      code: E.malformedReference,
      message: `${shown}: unknown attribute \`${attr}\``,
      path,
      expected: allowed.join(' or '),
      hint: didYouMean(attr, allowed) ?? `use ${allowed.join(' or ')}`,
    });
  }
}

/** Plain-key references: assignment targets, principals, permission sets, group members. */
function checkKeyRefs(root: Record<string, unknown>, entities: Set<string>, diag: Diagnostics): void {
  const ic = rec(root.identityCenter);
  const keysOf = (kind: string) => Object.keys(rec(ic[kind]));
  const accountKeys = Object.keys(rec(root.accounts));
  const key = (kind: string, value: unknown, path: DocPath, what: string) => {
    const k = str(value);
    if (k === undefined || k.includes('${') || entities.has(`identityCenter.${kind}.${k}`)) return;
    diag.error({
      code: E.danglingReference,
      message: `${what} \`${k}\` is not defined under identityCenter.${kind}`,
      path,
      hint: didYouMean(k, keysOf(kind)) ?? `defined: ${keysOf(kind).join(', ') || '(none)'}`,
    });
  };
  const account = (value: unknown, path: DocPath) => {
    const k = str(value);
    if (k === undefined || k.includes('${') || /^\d{12}$/.test(k) || accountKeys.includes(k)) return;
    if (/^\d+$/.test(k)) {
      diag.error({
        code: E.invalidAccountId,
        message: `${JSON.stringify(k)} is not a 12-digit account id`,
        path,
        hint: 'quote account ids so YAML keeps leading zeros',
      });
      return;
    }
    diag.error({
      code: E.danglingReference,
      message: `account \`${k}\` is not a key under accounts: nor a 12-digit id`,
      path,
      hint: didYouMean(k, accountKeys) ?? `defined accounts: ${accountKeys.join(', ') || '(none)'}`,
    });
  };
  for (const [g, group] of Object.entries(rec(ic.groups))) {
    arr(rec(group).members).forEach((m, i) => {
      key('users', m, ['identityCenter', 'groups', g, 'members', i], 'member');
    });
  }
  arr(ic.assignments).forEach((a, i) => {
    const at: DocPath = ['identityCenter', 'assignments', i];
    const spec = rec(a);
    key('permissionSets', spec.permissionSet, [...at, 'permissionSet'], 'permission set');
    const principal = rec(spec.principal);
    key('users', principal.user, [...at, 'principal', 'user'], 'user');
    key('groups', principal.group, [...at, 'principal', 'group'], 'group');
    arr(spec.accounts).forEach((acct, j) => {
      account(acct, [...at, 'accounts', j]);
    });
  });
  for (const [acct, spec] of Object.entries(rec(root.accounts))) {
    for (const [name, role] of Object.entries(rec(rec(rec(spec).iam).roles))) {
      const trust = rec(role).trust;
      const entries = Array.isArray(trust) ? trust : [trust];
      entries.forEach((entry, i) => {
        const at: DocPath = [
          'accounts',
          acct,
          'iam',
          'roles',
          name,
          'trust',
          ...(Array.isArray(trust) ? [i] : []),
        ];
        const e = rec(entry);
        if (e.account !== undefined) account(e.account, [...at, 'account']);
        const role = rec(e.role);
        if (role.account !== undefined) account(role.account, [...at, 'role', 'account']);
        const sso = rec(e.ssoPermissionSet);
        if (sso.permissionSet !== undefined)
          key(
            'permissionSets',
            sso.permissionSet,
            [...at, 'ssoPermissionSet', 'permissionSet'],
            'permission set',
          );
        arr(sso.accounts).forEach((x, j) => {
          account(x, [...at, 'ssoPermissionSet', 'accounts', j]);
        });
      });
    }
  }
}

/** Reports each strongly connected component with more than one entity (or a self-edge) once. */
export function checkCycles(edges: readonly Edge[], diag: Diagnostics): void {
  for (const cycle of findCycles(edges)) {
    const names = [...cycle.map((e) => e.from), cycle[0].from];
    const at = cycle.find((e) => e.ref) ?? cycle[0];
    diag.error({
      code: E.referenceCycle,
      message: `reference cycle: ${names.join(' → ')}`,
      path: at.path,
      hint: 'AWS needs each of these to exist before the next; break the loop (e.g. trust an account instead of a role)',
    });
  }
}

/** One simple cycle per strongly connected component, deterministic. */
export function findCycles(edges: readonly Edge[]): Edge[][] {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const cycles: Edge[][] = [];
  const covered = new Set<string>();
  for (const start of nodes) {
    if (covered.has(start)) continue;
    const cycle = pathBack(start, out);
    if (cycle) {
      cycles.push(cycle);
      for (const e of cycle) covered.add(e.from);
    }
  }
  return cycles;
}

/** A shortest path of edges from `start` back to itself (breadth-first), if any. */
function pathBack(start: string, out: Map<string, Edge[]>): Edge[] | undefined {
  const prev = new Map<string, Edge>();
  const queue = [start];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const e of [...(out.get(node) ?? [])].sort((a, b) => a.to.localeCompare(b.to))) {
      if (e.to === start) {
        const cycle = [e];
        let cur = node;
        while (cur !== start) {
          const back = prev.get(cur) as Edge;
          cycle.unshift(back);
          cur = back.from;
        }
        return cycle;
      }
      if (!seen.has(e.to)) {
        seen.add(e.to);
        prev.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  return undefined;
}
