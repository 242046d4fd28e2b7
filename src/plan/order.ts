/**
 * Orders plan actions: creates and updates after what they depend on; a delete after everything of
 * the kinds that reference it (an assignment is deleted before its permission set, a role is updated
 * to drop a policy before the policy goes). Each action carries the ids it must wait for, so the
 * executor runs the rest in parallel.
 */
import { heapBy } from '../core/heap.js';
import { KIND_ORDER, type PlanAction } from './types.js';

const RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));
const rank = (a: PlanAction) => RANK.get(a.kind) ?? -1;
const byId = (x: PlanAction, y: PlanAction) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

export function orderActions(actions: PlanAction[]): PlanAction[] {
  const live = actions.filter((a) => a.op !== 'delete');
  const deletes = actions.filter((a) => a.op === 'delete');
  const changing = new Set(live.filter((a) => a.op !== 'noop').map((a) => a.id));
  for (const a of live) a.deps = [...new Set(a.deps.filter((d) => changing.has(d)))].sort();
  // Kahn's algorithm with a stable tie-break (kind order, then id) so plans print the same every time.
  const index = new Map(live.map((a) => [a.id, a]));
  const indegree = new Map(live.map((a) => [a.id, a.deps.length]));
  const dependents = new Map<string, string[]>();
  for (const a of live) {
    for (const d of a.deps) {
      const list = dependents.get(d);
      if (list) list.push(a.id);
      else dependents.set(d, [a.id]);
    }
  }
  const ready = heapBy<PlanAction>((x, y) => rank(x) - rank(y) || byId(x, y));
  for (const a of live) if (indegree.get(a.id) === 0) ready.push(a);
  const ordered: PlanAction[] = [];
  for (let a = ready.pop(); a; a = ready.pop()) {
    ordered.push(a);
    for (const n of dependents.get(a.id) ?? []) {
      const left = (indegree.get(n) ?? 0) - 1;
      indegree.set(n, left);
      if (left === 0) ready.push(index.get(n) as PlanAction);
    }
  }
  if (ordered.length !== live.length) {
    const placed = new Set(ordered);
    const stuck = live.filter((a) => !placed.has(a)).map((a) => a.id);
    throw new Error(`dependency cycle among ${stuck.join(', ')}`);
  }
  // A delete waits for every change to a later kind: its deletes and its updates. The deletes of one
  // kind share one list, so a destroy of thousands of resources does not build thousands of copies.
  deletes.sort((x, y) => rank(y) - rank(x) || byId(x, y));
  const changes = [...deletes, ...live.filter((a) => changing.has(a.id))];
  const laterThan = new Map<number, string[]>();
  for (const d of deletes) {
    const r = rank(d);
    let later = laterThan.get(r);
    if (!later) {
      later = changes.filter((o) => rank(o) > r).map((o) => o.id);
      laterThan.set(r, later);
    }
    d.deps = later;
  }
  return [...ordered, ...deletes];
}
