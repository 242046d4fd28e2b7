/** Sentences for people: which statement decided, and why nothing allowed. */
import type { LabelledPolicy, MatchedStatement } from './types.js';

/** "statement 'DenyAll' in arn:…" or "statement #2 in role/app inline policy p1". */
export function describeStatement(s: MatchedStatement): string {
  const which = s.sid ? `'${s.sid}'` : `#${s.index + 1}`;
  return `statement ${which} in ${s.policyId}`;
}

/** Lists policy labels for a reason, shortening long lists. */
export function policyLabels(policies: LabelledPolicy[]): string {
  if (policies.length === 0) return 'none attached';
  const ids = policies.slice(0, 3).map((p) => p.id);
  const more = policies.length > 3 ? ` and ${policies.length - 3} more` : '';
  return `${ids.join(', ')}${more}`;
}

export function explicitDenyReason(denies: MatchedStatement[]): string {
  const first = denies[0];
  const others = denies.length > 1 ? ` (and ${denies.length - 1} other deny statement(s))` : '';
  return `explicitly denied by ${describeStatement(first)}${others}`;
}

export function allowReason(statements: MatchedStatement[]): string {
  const parts = statements.map((s) => `${describeStatement(s)} (${s.role})`);
  return `allowed by ${parts.join('; ')}`;
}
