/**
 * Orders plan actions: creates and updates after what they depend on; a delete after everything of
 * the kinds that reference it (an assignment is deleted before its permission set, a role is updated
 * to drop a policy before the policy goes). Each action carries the ids it must wait for, so the
 * executor runs the rest in parallel.
 */
import { KIND_ORDER, type PlanAction } from './types.js';

const rank = (a: PlanAction) => KIND_ORDER.indexOf(a.kind);
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
  for (const a of live) for (const d of a.deps) dependents.set(d, [...(dependents.get(d) ?? []), a.id]);
  const cmp = (x: PlanAction, y: PlanAction) => rank(x) - rank(y) || byId(x, y);
  const ready = live.filter((a) => indegree.get(a.id) === 0).sort(cmp);
  const ordered: PlanAction[] = [];
  while (ready.length) {
    const a = ready.shift() as PlanAction;
    ordered.push(a);
    for (const n of dependents.get(a.id) ?? []) {
      indegree.set(n, (indegree.get(n) ?? 0) - 1);
      if (indegree.get(n) === 0) {
        ready.push(index.get(n) as PlanAction);
        ready.sort(cmp);
      }
    }
  }
  if (ordered.length !== live.length) {
    const stuck = live.filter((a) => !ordered.includes(a)).map((a) => a.id);
    throw new Error(`dependency cycle among ${stuck.join(', ')}`);
  }
  // A delete waits for every change to a later kind: its deletes and its updates.
  deletes.sort((x, y) => rank(y) - rank(x) || byId(x, y));
  const updates = live.filter((a) => changing.has(a.id));
  for (const d of deletes) {
    d.deps = [...deletes, ...updates].filter((o) => rank(o) > rank(d)).map((o) => o.id);
  }
  return [...ordered, ...deletes];
}
