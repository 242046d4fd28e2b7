/**
 * Suggestions about how a policy is written: ONR-L041 missing Sid, ONR-L042 unsorted Action list.
 * Not applied to documents onramp generates from blueprint building blocks.
 */
import { q, type Rule } from './context.js';

const MIN_SORTED = 3;

export const styleRule: Rule = (ctx) => {
  if (ctx.unit.generated) return;
  for (const st of ctx.statements) {
    if (!st.sid) ctx.report('ONR-L041', st.path, `${st.name} has no Sid`);
    const actions = st.action ?? [];
    if (!Array.isArray(st.raw.Action) || actions.length < MIN_SORTED) continue;
    const k = actions.findIndex(
      (a, i) => i > 0 && a.value.toLowerCase() < actions[i - 1].value.toLowerCase(),
    );
    if (k > 0) {
      ctx.report(
        'ONR-L042',
        actions[k].path,
        `${st.name}: the Action list is not sorted (${q(actions[k].value)} comes after ${q(actions[k - 1].value)})`,
      );
    }
  }
};
