/**
 * ONR-L002 (grammar, from src/policy's checker) and ONR-L036 (Version missing or legacy).
 */
import { validatePolicy } from '../../policy/index.js';
import { parseJsonPath } from '../paths.js';
import { isObject } from '../statements.js';
import { q, type Rule } from './context.js';

/**
 * Grammar problems other rules report with a more precise id: unknown operators (L013), Null values
 * (L014) and a missing Version (L036).
 */
const HANDLED_ELSEWHERE = [/^unknown condition operator/, /^Null takes/];

/** Problems about an element's name rather than its value point at the key. */
const AT_KEY = [
  /^unknown element/,
  /^unknown principal type/,
  /allowed only in/,
  /cannot use NotPrincipal/,
  /only with Deny/,
];

export const grammarRule: Rule = (ctx) => {
  for (const p of validatePolicy(ctx.unit.document, ctx.unit.kind)) {
    if (p.path === '$.Version' && p.severity === 'warning') continue;
    if (HANDLED_ELSEWHERE.some((re) => re.test(p.message))) continue;
    const at = AT_KEY.some((re) => re.test(p.message)) ? 'key' : 'value';
    ctx.report('ONR-L002', parseJsonPath(p.path), `${p.path}: ${p.message}`, { at });
  }
};

export const versionRule: Rule = (ctx) => {
  const doc = ctx.unit.document;
  if (ctx.unit.generated || !isObject(doc)) return;
  if (doc.Version === undefined) {
    ctx.report(
      'ONR-L036',
      [],
      'the policy has no Version, so the 2008-10-17 language applies and policy variables are read literally',
    );
  } else if (doc.Version === '2008-10-17') {
    ctx.report('ONR-L036', ['Version'], `Version ${q(doc.Version)} is the legacy policy language`, {
      hint: 'Use "Version": "2012-10-17" (policy variables work only there).',
    });
  }
};
