/**
 * The plan as the browser draws it: actions grouped by account, then by kind, and every policy
 * document change as a side-by-side diff of the canonical forms (the same canonicalisation the
 * text plan uses, so reordered statements never show as changes).
 */
import { formatDeferred, isDeferred, isKnownAfterApply } from '../blueprint/evaluate.js';
import { planCounts } from '../plan/diff.js';
import { FIELDS } from '../plan/fields.js';
import { lineDiff } from '../plan/render.js';
import type { FieldChange, Plan, PlanAction } from '../plan/types.js';
import { canonicalPolicy } from '../policy/canonical.js';

/** One row of a side-by-side diff; a side is absent where the other added or removed a line. */
export interface DiffRow {
  op: ' ' | '-' | '+' | '~';
  left?: string;
  right?: string;
}

export interface ChangeView {
  field: string;
  /** Scalars: before and after as text. */
  before?: string;
  after?: string;
  /** Policy documents: the side-by-side rows. */
  rows?: DiffRow[];
}

export interface ActionView {
  id: string;
  op: PlanAction['op'];
  key: string;
  reasons: string[];
  changes: ChangeView[];
}

export interface PlanView {
  blueprint: string;
  counts: ReturnType<typeof planCounts>;
  problems: Plan['problems'];
  groups: { account: string; kinds: { kind: string; actions: ActionView[] }[] }[];
  kept: string[];
}

const text = (v: unknown): string =>
  v === undefined || v === null
    ? '(none)'
    : isDeferred(v)
      ? formatDeferred(v)
      : typeof v === 'string'
        ? v
        : JSON.stringify(v, (_k, x) => (isDeferred(x) ? formatDeferred(x) : x));

const pretty = (v: unknown): string[] =>
  JSON.stringify(v ?? null, (_k, x) => (isDeferred(x) ? formatDeferred(x) : x), 2).split('\n');

/** Pairs removed and added runs of a line diff into side-by-side rows. */
export function sideBySide(before: string[], after: string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let minus: string[] = [];
  let plus: string[] = [];
  const flush = () => {
    const n = Math.max(minus.length, plus.length);
    for (let i = 0; i < n; i++) {
      const left = minus[i];
      const right = plus[i];
      const op = left !== undefined && right !== undefined ? '~' : left !== undefined ? '-' : '+';
      rows.push({ op, ...(left !== undefined ? { left } : {}), ...(right !== undefined ? { right } : {}) });
    }
    minus = [];
    plus = [];
  };
  for (const [op, l] of lineDiff(before, after)) {
    if (op === '-') minus.push(l);
    else if (op === '+') plus.push(l);
    else {
      flush();
      rows.push({ op: ' ', left: l, right: l });
    }
  }
  flush();
  return rows;
}

function canon(type: string, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  // Values known only after apply (a new account's id) are shown as their template.
  if (isKnownAfterApply(v)) return v;
  if (type === 'policy') return canonicalPolicy(v);
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, d]) => [k, canonicalPolicy(d)]),
  );
}

function changeView(a: PlanAction, c: FieldChange): ChangeView {
  const type = FIELDS[a.kind][c.field]?.type ?? 'scalar';
  if (type === 'policy' || type === 'policy-map') {
    const before = c.before === undefined ? [] : pretty(canon(type, c.before));
    return { field: c.field, rows: sideBySide(before, pretty(canon(type, c.after))) };
  }
  return { field: c.field, before: text(c.before), after: text(c.after) };
}

/** New resources show their policy documents too: a create is a diff against nothing. */
function createdPolicies(a: PlanAction): ChangeView[] {
  if (a.op !== 'create' || !a.desired || a.changes.length > 0) return [];
  const props = a.desired.props as unknown as Record<string, unknown>;
  const out: ChangeView[] = [];
  for (const [field, spec] of Object.entries(FIELDS[a.kind])) {
    const v = props[field];
    if (v === undefined || (spec?.type !== 'policy' && spec?.type !== 'policy-map')) continue;
    if (spec.type === 'policy-map' && Object.keys(v as object).length === 0) continue;
    out.push({ field, rows: sideBySide([], pretty(canon(spec.type, v))) });
  }
  return out;
}

/** Groups a plan for display; unchanged resources are listed too (op `noop`). */
export function planView(plan: Plan): PlanView {
  const groups = new Map<string, Map<string, ActionView[]>>();
  for (const a of plan.actions) {
    const byKind = groups.get(a.account) ?? new Map<string, ActionView[]>();
    groups.set(a.account, byKind);
    const list = byKind.get(a.kind) ?? [];
    byKind.set(a.kind, list);
    list.push({
      id: a.id,
      op: a.op,
      key: a.key,
      reasons: a.reasons,
      changes: [...a.changes.map((c) => changeView(a, c)), ...createdPolicies(a)],
    });
  }
  return {
    blueprint: plan.blueprint,
    counts: planCounts(plan),
    problems: plan.problems,
    groups: [...groups].map(([account, kinds]) => ({
      account,
      kinds: [...kinds].map(([kind, actions]) => ({ kind, actions })),
    })),
    kept: plan.kept ?? [],
  };
}
