/**
 * A forgiving view of a policy's statements for the rules: every string element keeps its path so a
 * finding can point at it, and malformed parts (reported by the grammar rule) are simply absent.
 */
import type { DocPath } from './types.js';

/** A string from the document and where it is. */
export interface Located {
  value: string;
  path: DocPath;
}

export interface StatementView {
  index: number;
  path: DocPath;
  /** `statement "Sid"` or `Statement[0]`, for messages. */
  name: string;
  sid?: string;
  effect?: 'Allow' | 'Deny';
  action?: Located[];
  notAction?: Located[];
  resource?: Located[];
  notResource?: Located[];
  /** Principal / NotPrincipal exactly as written. */
  principal?: unknown;
  notPrincipal?: unknown;
  /** Operator → key → values, when Condition is an object (possibly empty). */
  condition?: Record<string, Record<string, unknown>>;
  raw: Record<string, unknown>;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string-or-list element as located strings; non-strings are skipped. */
function located(v: unknown, path: DocPath): Located[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return [{ value: v, path }];
  if (!Array.isArray(v)) return [];
  return v.flatMap((x, i) => (typeof x === 'string' ? [{ value: x, path: [...path, i] }] : []));
}

/** The statements of a document, whether Statement is one object or a list. */
export function statementViews(doc: unknown): StatementView[] {
  if (!isObject(doc)) return [];
  const st = doc.Statement;
  const list: { raw: unknown; path: DocPath }[] = Array.isArray(st)
    ? st.map((raw, i) => ({ raw, path: ['Statement', i] }))
    : st === undefined
      ? []
      : [{ raw: st, path: ['Statement'] }];
  return list.flatMap(({ raw, path }, index) => {
    if (!isObject(raw)) return [];
    const sid = typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : undefined;
    const effect = raw.Effect === 'Allow' || raw.Effect === 'Deny' ? raw.Effect : undefined;
    const cond = isObject(raw.Condition)
      ? Object.fromEntries(
          Object.entries(raw.Condition).map(([op, block]) => [op, isObject(block) ? block : {}]),
        )
      : undefined;
    const at = (k: string): DocPath => [...path, k];
    const view: StatementView = {
      index,
      path,
      name: sid ? `statement "${sid}"` : Array.isArray(st) ? `Statement[${index}]` : 'the statement',
      sid,
      effect,
      action: located(raw.Action, at('Action')),
      notAction: located(raw.NotAction, at('NotAction')),
      resource: located(raw.Resource, at('Resource')),
      notResource: located(raw.NotResource, at('NotResource')),
      principal: raw.Principal,
      notPrincipal: raw.NotPrincipal,
      condition: cond,
      raw,
    };
    return [view];
  });
}

/** True when the statement has at least one condition key (an empty Condition object has none). */
export function hasConditions(s: StatementView): boolean {
  return !!s.condition && Object.values(s.condition).some((block) => Object.keys(block).length > 0);
}

/** Canonical JSON (sorted keys, string-or-list as a sorted list) for comparing elements. */
export function canonical(v: unknown): string {
  if (typeof v === 'string') return canonical([v]);
  if (Array.isArray(v)) {
    const items = new Set(v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : canonical(x))));
    return `[${[...items].sort().join(',')}]`;
  }
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * Everything about a statement except its actions: two statements with the same scope grant their
 * actions under identical terms, so they could be one statement.
 */
export function scopeKey(s: StatementView): string {
  const r = s.raw;
  return canonical({
    Effect: r.Effect,
    Resource: r.Resource,
    NotResource: r.NotResource,
    Principal: r.Principal,
    NotPrincipal: r.NotPrincipal,
    Condition: hasConditions(s) ? r.Condition : undefined,
  });
}
