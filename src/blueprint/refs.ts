// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
/**
 * Reference syntax: `${params.x}`, `${accounts.k.id}`, `${iam.<account>.roles.<name>.arn}`,
 * `${identityCenter.permissionSets.k.arn}`, `${caller.arn}`. IAM's own policy variables
 * (`${aws:username}`, `${*}`) contain a colon or are a single symbol, so they pass through untouched;
 * `$${` writes a literal `${`.
 */
import { E } from './codes.js';
import { didYouMean } from './edit-distance.js';
import type { Problem } from './names.js';

export const REF_ROOTS = ['params', 'accounts', 'iam', 'identityCenter', 'caller'] as const;
export type RefRoot = (typeof REF_ROOTS)[number];

export interface RefToken {
  /** The text between `${` and `}`. */
  expr: string;
  segments: string[];
  /** Offsets of `${` and just past `}` in the string. */
  start: number;
  end: number;
}

export interface ScanResult {
  refs: RefToken[];
  problems: Problem[];
}

const SEGMENT = /^[\w+=,@-]+$/;

export function scanRefs(s: string): ScanResult {
  const refs: RefToken[] = [];
  const problems: Problem[] = [];
  let i = s.indexOf('${');
  while (i !== -1) {
    if (i > 0 && s[i - 1] === '$') {
      i = s.indexOf('${', i + 2);
      continue;
    }
    const close = s.indexOf('}', i + 2);
    if (close === -1) {
      problems.push({
        code: E.malformedReference,
        message: `\`${s.slice(i, i + 30)}\` has no closing \`}\``,
        hint: 'write references as ${params.name}; use $${ for a literal ${',
      });
      break;
    }
    const expr = s.slice(i + 2, close);
    if (!isPolicyVariable(expr)) {
      const segments = expr.split('.');
      if (!segments.every((seg) => SEGMENT.test(seg))) {
        problems.push({
          code: E.malformedReference,
          message: `\`\${${expr}}\` is not a reference`,
          expected: 'dot-separated keys such as ${accounts.member.id}',
          hint: 'keys used in references cannot contain dots or spaces',
        });
      } else if (!(REF_ROOTS as readonly string[]).includes(segments[0])) {
        problems.push({
          code: E.malformedReference,
          message: `\`\${${expr}}\` starts with an unknown root \`${segments[0]}\``,
          expected: `one of ${REF_ROOTS.join(', ')}`,
          hint: didYouMean(segments[0], REF_ROOTS) ?? `references start with ${REF_ROOTS.join(', ')}`,
        });
      } else {
        refs.push({ expr, segments, start: i, end: close + 1 });
      }
    }
    i = s.indexOf('${', close + 1);
  }
  return { refs, problems };
}

/** IAM policy variables: `${aws:username}`, `${saml:sub}`, `${*}`, `${?}`, `${$}`. */
function isPolicyVariable(expr: string): boolean {
  return expr.includes(':') || expr === '*' || expr === '?' || expr === '$';
}

/** True when the string holds at least one onramp reference (cheap pre-check first). */
export function hasRef(s: string): boolean {
  return s.includes('${') && scanRefs(s).refs.length > 0;
}

/** If `s` is exactly one reference, that reference. */
export function wholeRef(s: string): RefToken | undefined {
  const { refs } = scanRefs(s);
  return refs.length === 1 && refs[0].start === 0 && refs[0].end === s.length ? refs[0] : undefined;
}

/** Replaces `$${` escapes by `${` once all references have been substituted. */
export function unescapeRefs(s: string): string {
  return s.replaceAll('$${', '${');
}
