/** Helpers for explaining policies to people (verify, lint): which statements concern an action. */
import { compilePolicy } from './compile.js';
import { actionMatches } from './match.js';
import { statementsOf } from './normalise.js';
import type { PolicyDocument, Statement } from './types.js';

export interface StatementRef {
  index: number;
  sid?: string;
  effect: Statement['Effect'];
  statement: Statement;
}

/**
 * Statements whose Action/NotAction covers the action, ignoring resources, principals and conditions:
 * the candidates to show when a decision surprises someone.
 */
export function statementsMatchingAction(doc: PolicyDocument, action: string): StatementRef[] {
  const raw = statementsOf(doc);
  return compilePolicy(doc)
    .statements.filter((st) => {
      if (!st.actions) return false;
      const hit = st.actions.patterns.some((p) => actionMatches(p, action));
      return st.actions.negated ? !hit : hit;
    })
    .map((st) => ({ index: st.index, sid: st.sid, effect: raw[st.index].Effect, statement: raw[st.index] }));
}
