/**
 * Orders plan actions: creates and updates after what they depend on, deletes after the kinds that
 * reference them are deleted (an assignment before its permission set), each action carrying the
 * ids it must wait for so the executor can run the rest in parallel.
 */
import { KIND_ORDER, type PlanAction } from './types.js';

const rank = (a: PlanAction) => KIND_ORDER.indexOf(a.kind);

export function orderActions(actions: PlanAction[]): PlanAction[] {
  const live = actions.filter((a) => a.op !== 'delete');
  const deletes = actions.filter((a) => a.op === 'delete');
  const ids = new Set(live.filter((a) => a.op !== 'noop').map((a) => a.id));
  for (const a of live) a.deps = a.deps.filter((d) => ids.has(d));

  // Kahn's algorithm with a stable tie-break (kind order, then id) so plans print the same every time.
  const byId = new Map(live.map((a) => [a.id, a]));
  const indegree = new Map(live.map((a) => [a.id, a.deps.filter((d) => byId.has(d)).length]));
  const dependents = new Map<string, string[]>();
  for (const a of live) for (const d of a.deps) dependents.set(d, [...(dependents.get(d) ?? []), a.id]);
  const cmp = (x: PlanAction, y: PlanAction) => rank(x) - rank(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const ready = live.filter((a) => indegree.get(a.id) === 0).sort(cmp);
  const ordered: PlanAction[] = [];
  while (ready.length) {
    const a = ready.shift()!;
    ordered.push(a);
    for (const n of dependents.get(a.id) ?? []) {
      indegree.set(n, (indegree.get(n) ?? 0) - 1);
      if (indegree.get(n) === 0) {
        ready.push(byId.get(n)!);
        ready.sort(cmp);
      }
    }
  }
  if (ordered.length !== live.length) {
    const stuck = live.filter((a) => !ordered.includes(a)).map((a) => a.id);
    throw new Error(`dependency cycle among ${stuck.join(', ')}`);
  }

  // Deletes: reverse kind order; each kind waits for the deletes of the kinds after it.
  deletes.sort((x, y) => rank(y) - rank(x) || (x.id < y.id ? -1 : 1));
  let previousKind: string | undefined;
  let barrier: string[] = [];
  let current: string[] = [];
  for (const d of deletes) {
    if (d.kind !== previousKind) {
      barrier = current.length ? current : barrier;
      current = [];
      previousKind = d.kind;
    }
    d.deps = [...barrier];
    current.push(d.id);
  }
  return [...ordered, ...deletes];
}
