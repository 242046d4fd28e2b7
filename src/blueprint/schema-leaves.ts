// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
/**
 * Building blocks for the zod schema. The schema exists in two modes built from the same code:
 * `resolved` validates a blueprint after params are substituted; `editor` (exported as JSON Schema)
 * also accepts a `${…}` reference wherever a number, boolean or list could come from a param.
 * Strings may hold references in both modes, so format checks skip values that contain `${`.
 */
import { z } from 'zod';
import { E } from './codes.js';
import type { Check, Problem } from './names.js';

export interface SchemaMode {
  editor: boolean;
}

/** The params zod attaches to our custom issues; zod-issues.ts turns them into diagnostics. */
export interface IssueParams {
  onr: Problem['code'];
  hint?: string;
  expected?: string;
  at?: 'key' | 'value';
}

export const REF_DESCRIPTION = 'a reference such as ${params.name}';

/** A string that is exactly one reference (editor mode's stand-in for numbers, booleans and lists). */
export const refString = () =>
  z
    .string()
    .regex(/^\$\{[^}]+\}$/)
    .meta({ description: REF_DESCRIPTION });

/** The part of zod's refinement context we use. */
export interface IssueSink {
  addIssue(issue: z.core.$ZodSuperRefineIssue): void;
}

export function addProblem(
  ctx: IssueSink,
  p: Problem,
  extra: { path?: (string | number)[]; at?: 'key' | 'value' } = {},
): void {
  const params: IssueParams = {
    onr: p.code,
    ...(p.hint ? { hint: p.hint } : {}),
    ...(p.expected ? { expected: p.expected } : {}),
    ...(extra.at ? { at: extra.at } : {}),
  };
  ctx.addIssue({ code: 'custom', message: p.message, params, ...(extra.path ? { path: extra.path } : {}) });
}

/**
 * A string checked by `check` (skipped when it holds a reference). `pattern` is for editors only; it
 * is widened so references also match.
 */
export function checked(check: Check, meta: { description?: string; pattern?: string } = {}) {
  const jsonMeta: Record<string, string> = {};
  if (meta.description) jsonMeta.description = meta.description;
  if (meta.pattern) jsonMeta.pattern = `(${meta.pattern})|\\$\\{`;
  return z
    .string()
    .superRefine((v, ctx) => {
      if (v.includes('${')) return;
      const p = check(v);
      if (p) addProblem(ctx, p);
    })
    .meta(jsonMeta);
}

/** A map key checked by `check` (keys never hold references). */
export function checkedKey(check: Check, pattern?: string) {
  return z
    .string()
    .superRefine((v, ctx) => {
      const p = check(v);
      if (p) addProblem(ctx, p, { at: 'key' });
    })
    .meta(pattern ? { pattern } : {});
}

/**
 * A number/boolean field; in editor mode a reference may stand in for it. Typed as the plain schema:
 * the editor variant is only ever exported as JSON Schema, never used to parse.
 */
export function num<T extends z.ZodType>(mode: SchemaMode, schema: T): T {
  return mode.editor ? (z.union([schema, refString()]) as unknown as T) : schema;
}

/** A list field; in editor mode a reference (to a list param) may stand in for it (typed as in `num`). */
export function list<T extends z.ZodType>(mode: SchemaMode, item: T, min = 0): z.ZodArray<T> {
  const arr = min > 0 ? z.array(item).min(min) : z.array(item);
  return mode.editor ? (z.union([arr, refString()]) as unknown as z.ZodArray<T>) : arr;
}

/** Requires exactly one of `keys` to be present (a tagged choice written as a one-key mapping). */
export function exactlyOne<T extends Record<string, unknown>>(what: string, keys: readonly string[]) {
  return (value: T, ctx: IssueSink) => {
    const present = keys.filter((k) => value[k] !== undefined);
    if (present.length === 1) return;
    addProblem(
      ctx,
      {
        code: E.exactlyOne,
        message:
          present.length === 0
            ? `${what} needs one of ${keys.map((k) => `\`${k}\``).join(', ')}`
            : `${what} has ${present.map((k) => `\`${k}\``).join(' and ')}; choose one`,
        expected: `exactly one of ${keys.join(', ')}`,
      },
      { at: 'key' },
    );
  };
}

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/** IAM/Organizations/sso-admin tags: ≤50, keys not `aws:` (AWS) nor `onramp:` (ours). */
export function tags() {
  const key = z.string().superRefine((k, ctx) => {
    if (!TAG_KEY.test(k)) {
      addProblem(
        ctx,
        { code: E.invalidTag, message: `tag key ${JSON.stringify(k)} is not allowed` },
        { at: 'key' },
      );
    } else if (/^(aws|onramp):/i.test(k)) {
      addProblem(
        ctx,
        {
          code: E.invalidTag,
          message: `tag key ${JSON.stringify(k)} uses a reserved prefix`,
          hint: 'aws: is reserved by AWS; onramp: is set by onramp (onramp:blueprint)',
        },
        { at: 'key' },
      );
    }
  });
  const value = z.string().superRefine((v, ctx) => {
    if (!v.includes('${') && !TAG_VALUE.test(v)) {
      addProblem(ctx, { code: E.invalidTag, message: `tag value ${JSON.stringify(v)} is not allowed` });
    }
  });
  return z.record(key, value).superRefine((t, ctx) => {
    const n = Object.keys(t).length;
    if (n > 49) {
      addProblem(ctx, {
        code: E.invalidTag,
        message: `${n} tags; AWS allows 50 per resource and onramp adds onramp:blueprint`,
      });
    }
  });
}
