/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, the special characters `${*}`,
 * `${?}`, `${$}`, and defaults `${aws:PrincipalTag/team, 'company-wide'}`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import { escapeGlob } from './match.js';

/** Looks a single-valued context key up (case-insensitively); undefined when it has no value. */
export type VariableLookup = (key: string) => string | undefined;

/** Variables exist only in policy language 2012-10-17; older or missing versions read them literally. */
export function supportsVariables(version: string | undefined): boolean {
  return version === '2012-10-17';
}

const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/** Splits `name, 'default'` into its parts; the default is optional. */
function parseVariable(body: string): { name: string; fallback?: string } {
  const m = /^\s*([^,]*?)\s*,\s*'([^']*)'\s*$/.exec(body);
  if (m) return { name: m[1], fallback: m[2] };
  return { name: body.trim() };
}

/**
 * Substitutes the variables of a policy string. In `glob` mode the result is an escaped glob for
 * match.ts: the template's own `*`/`?` stay wildcards, while substituted values (and `${*}`) match
 * literally. In `literal` mode the plain substituted text is returned. Returns undefined when a
 * variable has no value and no default: AWS then treats the string as matching nothing.
 */
export function resolveTemplate(
  template: string,
  lookup: VariableLookup,
  mode: 'glob' | 'literal',
): string | undefined {
  const esc = mode === 'glob' ? escapeGlob : (s: string) => s;
  const escTemplateText = mode === 'glob' ? (s: string) => s.replace(/\\/g, '\\\\') : (s: string) => s;
  if (template.indexOf('${') === -1) return escTemplateText(template);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start === -1) break;
    const end = template.indexOf('}', start + 2);
    if (end === -1) break;
    out += escTemplateText(template.slice(i, start));
    const body = template.slice(start + 2, end);
    const special = SPECIAL[body];
    if (special !== undefined) {
      out += esc(special);
    } else {
      const { name, fallback } = parseVariable(body);
      const value = lookup(name) ?? fallback;
      if (value === undefined) return undefined;
      out += esc(value);
    }
    i = end + 1;
  }
  return out + escTemplateText(template.slice(i));
}

/** True when the string contains something that looks like a policy variable. */
export function hasVariables(s: string): boolean {
  return s.indexOf('${') !== -1;
}
