/** How plan, apply and destroy print a plan: text for people, a stable JSON shape for --json. */
import { formatDeferred, isDeferred } from '../blueprint/evaluate.js';
import { planCounts } from '../plan/diff.js';
import { renderPlan } from '../plan/render.js';
import type { Plan } from '../plan/types.js';
import type { Output } from './output.js';

export function renderPlanFor(plan: Plan, out: Output): string {
  return renderPlan(plan, { paint: (c, t) => out.paint(c, t) });
}

/** The plan as JSON: actions without the raw desired/observed documents, deferred values as text. */
export function planJson(plan: Plan): Record<string, unknown> {
  const clean = (v: unknown) =>
    JSON.parse(JSON.stringify(v ?? null, (_k, x) => (isDeferred(x) ? formatDeferred(x) : x)));
  return {
    blueprint: plan.blueprint,
    counts: planCounts(plan),
    problems: plan.problems,
    actions: plan.actions.map((a) => ({
      id: a.id,
      op: a.op,
      kind: a.kind,
      account: a.account,
      reasons: a.reasons,
      changes: clean(a.changes),
      deps: a.deps,
    })),
    ...(plan.kept ? { kept: plan.kept } : {}),
  };
}
