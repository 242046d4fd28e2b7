/**
 * Evaluates references against a validated blueprint and values known from outside (the caller's
 * identity at plan time, ids after apply). What cannot be known yet becomes a {@link Deferred}
 * that renders as "(known after apply)".
 */
import { OnrampError } from '../core/errors.js';
import { E } from './codes.js';
import { scanRefs, unescapeRefs } from './refs.js';
import type { Blueprint, Deferred, DeferredWhen, ResolvedValues, Str } from './types.js';

const ORDER: Record<DeferredWhen, number> = { input: 0, plan: 1, apply: 2 };

export function isDeferred(v: unknown): v is Deferred {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'deferred';
}

/** Whether a value is, or contains, a reference not resolved yet. */
export function isKnownAfterApply(v: unknown): boolean {
  if (isDeferred(v)) return true;
  if (Array.isArray(v)) return v.some(isKnownAfterApply);
  if (v && typeof v === 'object') return Object.values(v).some(isKnownAfterApply);
  return false;
}

/** "(known after apply)", "(known at plan time)" or "(param x)" in place of each unresolved reference. */
export function formatDeferred(d: Deferred): string {
  let out = d.template;
  for (const ref of d.refs) {
    const label = ref.startsWith('params.')
      ? `(param ${ref.slice(7)})`
      : ref.startsWith('caller.')
        ? '(known at plan time)'
        : '(known after apply)';
    out = out.split(`\${${ref}}`).join(label);
  }
  return out;
}

export interface Evaluator {
  /** Resolves every reference in `s`; a Deferred if any is unknown. */
  string(s: string): Str;
  /** Deep: strings in objects and arrays are evaluated. */
  deep<T>(value: T): unknown;
}

export function makeEvaluator(bp: Blueprint, resolved: ResolvedValues = {}, partition = 'aws'): Evaluator {
  const stack: string[] = [];

  const ref = (expr: string): Str => {
    const known = resolved[expr];
    if (typeof known === 'string') return known;
    if (stack.includes(expr)) {
      throw new OnrampError(E.referenceCycle, `reference cycle: ${[...stack, expr].join(' → ')}`);
    }
    stack.push(expr);
    try {
      return intrinsic(expr.split('.'));
    } finally {
      stack.pop();
    }
  };

  const deferred = (expr: string, when: DeferredWhen): Deferred => ({
    kind: 'deferred',
    template: `\${${expr}}`,
    refs: [expr],
    when,
  });

  const iamArn = (acct: string, type: string, path: string, name: string): Str =>
    evalString(`arn:${partition}:iam::\${accounts.${acct}.id}:${type}${path}${name}`);

  const intrinsic = (s: string[]): Str => {
    const expr = s.join('.');
    switch (s[0]) {
      case 'params': {
        const v = bp.values[s[1]];
        if (v === undefined) return deferred(expr, 'input');
        return Array.isArray(v) ? v.join(',') : String(v);
      }
      case 'caller':
        return deferred(expr, 'plan');
      case 'accounts': {
        const id = bp.accounts[s[1]]?.id;
        return id === undefined ? deferred(expr, 'apply') : evalString(id);
      }
      case 'iam': {
        const [, acct, kind, name, attr] = s;
        const spec = bp.accounts[acct]?.iam?.[kind as 'roles' | 'policies' | 'groups']?.[name];
        if (!spec) break;
        if (attr === 'name') return name;
        const type = kind === 'roles' ? 'role' : kind === 'policies' ? 'policy' : 'group';
        return iamArn(acct, type, spec.path, name);
      }
      case 'identityCenter': {
        const [, kind, key, attr] = s;
        const ic = bp.identityCenter;
        if (kind === 'permissionSets' && attr === 'name' && ic.permissionSets[key])
          return ic.permissionSets[key].name;
        if (kind === 'users' && attr === 'userName' && ic.users[key]) return ic.users[key].userName;
        if (kind === 'groups' && attr === 'displayName' && ic.groups[key]) return ic.groups[key].displayName;
        return deferred(expr, 'apply');
      }
    }
    throw new OnrampError(E.danglingReference, `\${${expr}} refers to nothing in blueprint ${bp.name}`);
  };

  const evalString = (s: string): Str => {
    if (!s.includes('${')) return s;
    const { refs } = scanRefs(s);
    if (refs.length === 0) return unescapeRefs(s);
    let out = '';
    let cursor = 0;
    const pending: string[] = [];
    let when: DeferredWhen = 'input';
    for (const r of refs) {
      out += s.slice(cursor, r.start);
      const v = ref(r.expr);
      if (typeof v === 'string') out += v;
      else {
        out += v.template;
        for (const x of v.refs) if (!pending.includes(x)) pending.push(x);
        if (ORDER[v.when] > ORDER[when]) when = v.when;
      }
      cursor = r.end;
    }
    out += s.slice(cursor);
    return pending.length === 0
      ? unescapeRefs(out)
      : { kind: 'deferred', template: out, refs: pending, when };
  };

  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return evalString(value);
    if (Array.isArray(value)) return value.map(deep);
    if (typeof value === 'object' && value !== null && !isDeferred(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)]));
    }
    return value;
  };

  return { string: evalString, deep: <T>(v: T) => deep(v) };
}
