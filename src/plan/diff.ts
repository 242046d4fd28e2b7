/**
 * desired × observed → Plan. Pure: no AWS, no clock. Onramp changes only what its blueprint owns;
 * a declared resource that exists unowned is a problem to resolve (rename, drop, or adopt), never
 * silently taken over.
 */
import { compareProps } from './fields.js';
import { orderActions } from './order.js';
import {
  type DesiredResource,
  type ObservedResource,
  type Plan,
  type PlanAction,
  type PlanProblem,
  resourceId,
} from './types.js';

export interface DiffOptions {
  blueprint: string;
  /** Resource ids the user asked to adopt (take ownership of) although unowned. */
  adopt?: Set<string>;
}

export function diffPlan(
  desired: DesiredResource[],
  observed: ObservedResource[],
  options: DiffOptions,
): Plan {
  const seen = new Map<string, ObservedResource>();
  for (const o of observed) seen.set(resourceId(o), o);
  const actions: PlanAction[] = [];
  const problems: PlanProblem[] = [];
  const declared = new Set<string>();

  for (const d of desired) {
    const id = resourceId(d);
    declared.add(id);
    const o = seen.get(id);
    const base = { id, kind: d.kind, account: d.account, key: d.key, desired: d, deps: d.deps };
    if (!o) {
      actions.push({ ...base, op: 'create', reasons: ['does not exist'], changes: [] });
      continue;
    }
    const adopted = o.owner !== options.blueprint && !!options.adopt?.has(id);
    if (o.owner !== options.blueprint && !adopted) {
      problems.push({
        code: 'ONR-E210',
        resource: id,
        message:
          o.owner === undefined
            ? `${d.kind} ${d.key} in ${d.account} already exists and onramp does not own it`
            : `${d.kind} ${d.key} in ${d.account} is owned by blueprint ${o.owner}`,
        hint: `Rename it in the blueprint, remove it from the blueprint, or take it over with --adopt '${id}'.`,
      });
      continue;
    }
    const { changes, replace } = compareProps(d.kind, d.props, o.props);
    const reasons = adopted ? ['adopted: will be tagged as owned by this blueprint'] : [];
    if (changes.length === 0) {
      actions.push({ ...base, observed: o, op: adopted ? 'update' : 'noop', reasons, changes });
    } else {
      reasons.push(...changes.map((c) => `${c.field} differs`));
      actions.push({ ...base, observed: o, op: replace ? 'replace' : 'update', reasons, changes });
    }
  }

  for (const o of observed) {
    const id = resourceId(o);
    if (declared.has(id) || o.owner !== options.blueprint) continue;
    actions.push({
      id,
      op: 'delete',
      kind: o.kind,
      account: o.account,
      key: o.key,
      observed: o,
      reasons: ['owned by this blueprint but no longer declared'],
      changes: [],
      deps: [],
    });
  }
  return { blueprint: options.blueprint, actions: orderActions(actions), problems };
}

/** True when applying would change nothing. */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.problems.length === 0 && plan.actions.every((a) => a.op === 'noop');
}

export function planCounts(plan: Plan): Record<string, number> {
  const counts: Record<string, number> = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const a of plan.actions) counts[a.op]++;
  return counts;
}
