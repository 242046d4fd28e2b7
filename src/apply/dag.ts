/**
 * Validation of the action graph before anything runs: a bad graph is a bug in the planner, and
 * finding it after half an apply would leave AWS half changed.
 */
import { EngineCode } from '../aws/codes.js';
import { OnrampError } from '../core/errors.js';
import type { ActionNode } from './action.js';

/** The graph in the shape the scheduler needs. */
export interface Graph {
  readonly nodes: ReadonlyMap<string, ActionNode>;
  /** id → ids that depend on it, sorted. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

function bad(message: string, details: Record<string, unknown>): OnrampError {
  return new OnrampError(EngineCode.badGraph, `planning the apply: ${message}`, {
    hint: 'This is a bug in onramp; run with --debug and report it with the plan (onramp plan --json).',
    details,
  });
}

/**
 * Checks ids are unique, dependencies exist, nothing depends on itself, there is no cycle, and
 * every named in-flight cap is known; returns the indexed graph or throws ONR-E207.
 */
export function buildGraph(nodes: readonly ActionNode[], knownCaps: ReadonlySet<string>): Graph {
  const byId = new Map<string, ActionNode>();
  for (const n of nodes) {
    if (byId.has(n.id)) throw bad(`two actions share the id ${n.id}`, { id: n.id });
    byId.set(n.id, n);
  }
  const dependents = new Map<string, string[]>([...byId.keys()].map((id) => [id, []]));
  for (const n of nodes) {
    for (const d of new Set(n.deps)) {
      if (d === n.id) throw bad(`action ${n.id} depends on itself`, { id: n.id });
      const list = dependents.get(d);
      if (!list) throw bad(`action ${n.id} depends on unknown action ${d}`, { id: n.id, dep: d });
      list.push(n.id);
    }
    if (n.async && !knownCaps.has(n.async.semaphore)) {
      throw bad(`action ${n.id} names unknown in-flight cap ${n.async.semaphore}`, {
        id: n.id,
        semaphore: n.async.semaphore,
        known: [...knownCaps].sort(),
      });
    }
  }
  for (const list of dependents.values()) list.sort();
  const cycle = findCycle(byId);
  if (cycle) throw bad(`actions depend on each other in a cycle: ${cycle.join(' → ')}`, { cycle });
  return { nodes: byId, dependents };
}

/** A dependency cycle as a path (first id repeated at the end), or undefined. */
export function findCycle(nodes: ReadonlyMap<string, Pick<ActionNode, 'deps'>>): string[] | undefined {
  const state = new Map<string, 'open' | 'closed'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const s = state.get(id);
    if (s === 'closed') return undefined;
    if (s === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    path.push(id);
    for (const d of [...(nodes.get(id)?.deps ?? [])].sort()) {
      const found = visit(d);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'closed');
    return undefined;
  };
  for (const id of [...nodes.keys()].sort()) {
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}

/** Every node reachable from `id` through dependents (not including `id`), sorted. */
export function downstreamOf(graph: Graph, id: string): string[] {
  const seen = new Set<string>();
  const stack = [...(graph.dependents.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.dependents.get(next) ?? []));
  }
  return [...seen].sort();
}
