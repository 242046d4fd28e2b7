/**
 * Repetition: ONR-L032 duplicate actions, ONR-L033 actions a wildcard in the same list covers,
 * ONR-L034 statements another statement covers, ONR-L035 overlapping Allow statements and the
 * ONR-L040 merge suggestion. The Orchestera vendor policy (seed runbook 003) lists several IAM
 * actions twice in one statement.
 */
import { actionMatches, arnMatches } from '../../policy/index.js';
import type { Located, StatementView } from '../statements.js';
import { canonical, hasConditions, scopeKey } from '../statements.js';
import { q, type Rule, type RuleContext } from './context.js';

const WILDCARD = /[*?]/;
const lower = (a: Located) => a.value.toLowerCase();

function withinStatement(ctx: RuleContext, st: StatementView, actions: Located[]): void {
  const first = new Map<string, Located>();
  for (const a of actions) {
    const earlier = first.get(lower(a));
    if (earlier) {
      const line = ctx.unit.locate(earlier.path).startLine;
      ctx.report('ONR-L032', a.path, `${st.name} lists ${q(a.value)} twice (first on line ${line})`);
      continue;
    }
    first.set(lower(a), a);
    const wider = actions.find(
      (w) => w !== a && WILDCARD.test(w.value) && lower(w) !== lower(a) && actionMatches(w.value, a.value),
    );
    if (wider) {
      ctx.report('ONR-L033', a.path, `${q(a.value)} is already covered by ${q(wider.value)} in ${st.name}`);
    }
  }
}

/** Every action of `b` is matched by some action of `a`. */
const covers = (a: Located[], b: Located[]): boolean =>
  b.every((y) => a.some((x) => actionMatches(x.value, y.value)));

function overlapExample(a: Located[], b: Located[]): string | undefined {
  for (const x of a) {
    for (const y of b) {
      if (actionMatches(x.value, y.value)) return y.value;
      if (actionMatches(y.value, x.value)) return x.value;
    }
  }
  return undefined;
}

function resourceOverlap(a: Located[], b: Located[]): string | undefined {
  for (const x of a) {
    for (const y of b) {
      if (x.value === '*' || arnMatches(x.value, y.value)) return y.value;
      if (y.value === '*' || arnMatches(y.value, x.value)) return x.value;
    }
  }
  return undefined;
}

export const redundancyRule: Rule = (ctx) => {
  const sts = ctx.statements.filter((s) => s.action && s.effect);
  for (const st of sts) withinStatement(ctx, st, st.action ?? []);
  const redundant = new Set<StatementView>();
  const merged = new Set<StatementView>();
  for (const [j, b] of sts.entries()) {
    for (const a of sts.slice(0, j)) {
      if (redundant.has(a) || redundant.has(b)) continue;
      const A = a.action ?? [];
      const B = b.action ?? [];
      const sameScope = scopeKey(a) === scopeKey(b);
      if (sameScope && (covers(A, B) || covers(B, A))) {
        const [keep, drop] = covers(A, B) ? [a, b] : [b, a];
        redundant.add(drop);
        ctx.report(
          'ONR-L034',
          drop.path,
          `${drop.name} is covered by ${keep.name}: same effect, resources and conditions, and ${keep.name} includes all its actions`,
        );
        continue;
      }
      if (sameScope) {
        const names = new Set(A.map(lower));
        const dups = B.filter((y) => names.has(lower(y)));
        for (const y of dups) {
          ctx.report(
            'ONR-L032',
            y.path,
            `${q(y.value)} in ${b.name} is also in ${a.name}, which grants it under the same terms`,
          );
        }
        if (!merged.has(b)) {
          merged.add(b);
          ctx.report(
            'ONR-L040',
            b.path,
            `${b.name} differs from ${a.name} only in Action; they can be one statement`,
          );
        }
        if (dups.length > 0) continue;
      } else if (mergeableByResource(a, b) && !merged.has(b)) {
        merged.add(b);
        ctx.report(
          'ONR-L040',
          b.path,
          `${b.name} differs from ${a.name} only in Resource; they can be one statement`,
          {
            hint: 'Merge their Resource lists into one statement.',
          },
        );
      }
      if (a.effect !== 'Allow' || b.effect !== 'Allow' || !a.resource || !b.resource) continue;
      if (canonical(a.principal) !== canonical(b.principal)) continue;
      const action = overlapExample(A, B);
      const resource = action && resourceOverlap(a.resource, b.resource);
      if (action && resource) {
        ctx.report(
          'ONR-L035',
          b.path,
          `${b.name} overlaps ${a.name}: both allow ${q(action)} on ${q(resource)}`,
        );
      }
    }
  }
};

function mergeableByResource(a: StatementView, b: StatementView): boolean {
  if (!a.resource || !b.resource) return false;
  const rest = (s: StatementView) =>
    canonical({
      Effect: s.effect,
      Action: s.raw.Action,
      Principal: s.principal,
      Condition: hasConditions(s) ? s.raw.Condition : undefined,
    });
  return rest(a) === rest(b);
}
