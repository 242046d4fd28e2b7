/**
 * Renders a plan for people: one line per action with its reasons, and for policy documents a line
 * diff of their canonical forms, so reordering or re-encoding never shows up as a change.
 */
import { formatDeferred, isDeferred, isKnownAfterApply } from '../blueprint/evaluate.js';
import { canonicalPolicy } from '../policy/canonical.js';
import { planCounts } from './diff.js';
import { FIELDS } from './fields.js';
import type { FieldChange, Plan, PlanAction } from './types.js';

const SYMBOL: Record<PlanAction['op'], string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  noop: ' ',
};

export interface RenderOptions {
  paint?: (color: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string) => string;
  /** Show unchanged resources too. */
  verbose?: boolean;
}

export function renderPlan(plan: Plan, options: RenderOptions = {}): string {
  const paint = options.paint ?? ((_c, t) => t);
  const lines: string[] = [];
  for (const p of plan.problems) {
    lines.push(paint('red', `! ${p.message} [${p.code}]`), `    hint: ${p.hint}`);
  }
  for (const a of plan.actions) {
    if (a.op === 'noop' && !options.verbose) continue;
    const color =
      a.op === 'create' ? 'green' : a.op === 'delete' ? 'red' : a.op === 'noop' ? 'dim' : 'yellow';
    lines.push(
      paint(color, `${SYMBOL[a.op].padEnd(3)} ${a.kind} ${a.key}`) +
        (a.reasons.length ? paint('dim', `  — ${a.reasons.join('; ')}`) : ''),
    );
    for (const c of a.changes) lines.push(...renderChange(a, c, paint));
  }
  const n = planCounts(plan);
  for (const k of plan.kept ?? []) {
    lines.push(
      paint('dim', `    ${k} is no longer declared; accounts are closed only with --close-accounts`),
    );
  }
  lines.push(
    '',
    `Plan: ${n.create} to create, ${n.update} to update, ${n.replace} to replace, ${n.delete} to delete, ${n.noop} unchanged.` +
      (plan.problems.length ? ` ${plan.problems.length} problem(s) must be resolved first.` : ''),
  );
  return lines.join('\n');
}

function renderChange(a: PlanAction, c: FieldChange, paint: NonNullable<RenderOptions['paint']>): string[] {
  const type = FIELDS[a.kind][c.field]?.type ?? 'scalar';
  if ((type === 'policy' || type === 'policy-map') && !isKnownAfterApply(c.after)) {
    const before = JSON.stringify(
      c.before === undefined ? null : type === 'policy' ? canonicalPolicy(c.before) : mapCanon(c.before),
      null,
      2,
    );
    const after = JSON.stringify(type === 'policy' ? canonicalPolicy(c.after) : mapCanon(c.after), null, 2);
    return [
      `      ${c.field}:`,
      ...lineDiff(before.split('\n'), after.split('\n')).map(
        ([op, l]) =>
          `      ${op === '+' ? paint('green', `+ ${l}`) : op === '-' ? paint('red', `- ${l}`) : `  ${l}`}`,
      ),
    ];
  }
  return [`      ${c.field}: ${show(c.before)} → ${show(c.after)}`];
}

function mapCanon(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, d]) => [k, canonicalPolicy(d)]),
  );
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '(none)';
  if (isDeferred(v)) return formatDeferred(v);
  return JSON.stringify(v, (_k, x) => (isDeferred(x) ? formatDeferred(x) : x));
}

/** A minimal LCS line diff; policy documents are small. */
export function lineDiff(a: string[], b: string[]): Array<['+' | '-' | ' ', string]> {
  const m = a.length;
  const n = b.length;
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: Array<['+' | '-' | ' ', string]> = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[i] === b[j]) {
      out.push([' ', a[i]]);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push(['-', a[i++]]);
    else out.push(['+', b[j++]]);
  }
  while (i < m) out.push(['-', a[i++]]);
  while (j < n) out.push(['+', b[j++]]);
  return out;
}
