/**
 * Turns zod issues into blueprint diagnostics: stable codes, the value's position, what was expected,
 * and a hint (the closest allowed key for unknown keys, quoting advice for YAML numbers).
 */
import type { z } from 'zod';
import { E } from './codes.js';
import { type Diagnostics, describeValue } from './diagnostics.js';
import { didYouMean } from './edit-distance.js';
import type { IssueParams } from './schema-leaves.js';
import type { DocPath } from './source-map.js';

type Issue = z.core.$ZodIssue;

export function reportZodIssues(
  issues: readonly Issue[],
  data: unknown,
  schema: z.ZodType,
  diag: Diagnostics,
  prefix: DocPath = [],
): void {
  // An unknown key usually is the misspelt choice ("caler"); its suggestion says more than "needs one of".
  const unknownAt = new Set(
    issues.filter((i) => i.code === 'unrecognized_keys').map((i) => JSON.stringify(i.path)),
  );
  for (const issue of issues) {
    const choice = issue.code === 'custom' && (issue.params as IssueParams | undefined)?.onr === E.exactlyOne;
    if (choice && unknownAt.has(JSON.stringify(issue.path))) continue;
    reportOne(issue, data, schema, diag, prefix);
  }
}

/** A value that is still exactly `${params.x}`: its param had no usable value, which is reported already. */
const UNRESOLVED_PARAM = /^\$\{params\.[\w+=,@-]+\}$/;

function reportOne(issue: Issue, data: unknown, schema: z.ZodType, diag: Diagnostics, prefix: DocPath): void {
  const path: DocPath = [...prefix, ...(issue.path as (string | number)[])];
  const value = valueAt(data, path);
  if (
    (issue.code === 'invalid_type' || issue.code === 'invalid_union') &&
    typeof value === 'string' &&
    UNRESOLVED_PARAM.test(value)
  ) {
    return;
  }
  switch (issue.code) {
    case 'invalid_type': {
      const got = valueAt(data, path);
      const expected = typeName(issue.expected);
      if (got === undefined) {
        const field = path.at(-1);
        diag.error({
          code: E.missingField,
          message: `missing required field \`${String(field)}\``,
          path: path.slice(0, -1),
          at: 'key',
          expected,
        });
        return;
      }
      const note = diag.map.noteOf(path);
      if (note?.expandedFrom && issue.expected !== 'array') {
        diag.error({
          code: E.listInScalar,
          message: `list param \`${note.expandedFrom}\` expands to several values here, where ${expected} is expected`,
          path,
          expected,
          hint: 'use a string or number param here, or move the reference into a list',
        });
        return;
      }
      diag.error({
        code: E.wrongType,
        message: `expected ${expected}, got ${describeValue(got)}`,
        path,
        expected,
        hint: typeHint(issue.expected, got, note?.raw),
      });
      return;
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, path, data);
      for (const key of issue.keys) {
        diag.error({
          code: E.unknownKey,
          message: `unknown key \`${key}\``,
          path: [...path, key],
          at: 'key',
          hint:
            didYouMean(key, allowed) ?? (allowed.length ? `allowed here: ${allowed.join(', ')}` : undefined),
        });
      }
      return;
    }
    case 'invalid_value': {
      const got = valueAt(data, path);
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      if (path.length === 1 && path[0] === 'version') {
        diag.error({
          code: E.unsupportedVersion,
          message: `blueprint version ${describeValue(got)} is not supported`,
          path,
          expected: '1',
          hint: 'this onramp reads `version: 1`',
        });
        return;
      }
      diag.error({
        code: E.invalidValue,
        message: `expected one of ${values}, got ${describeValue(got)}`,
        path,
        expected: values,
        hint: typeof got === 'string' ? didYouMean(got, issue.values.map(String)) : undefined,
      });
      return;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const unit = issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : '';
      diag.error({
        code: E.invalidValue,
        message: `must have ${bound}${unit}`,
        path,
        expected: `${bound}${unit}`,
      });
      return;
    }
    case 'invalid_union': {
      if (valueAt(data, path) === undefined) {
        diag.error({
          code: E.missingField,
          message: `missing required field \`${String(path.at(-1))}\``,
          path: path.slice(0, -1),
          at: 'key',
        });
        return;
      }
      const branches = issue.errors.filter(
        (b) => !(b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === 0),
      );
      if (branches.length === 0) {
        diag.error({
          code: E.wrongType,
          message: `${issue.message}, got ${describeValue(valueAt(data, path))}`,
          path,
        });
        return;
      }
      const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
      reportZodIssues(best, data, schema, diag, path);
      return;
    }
    case 'invalid_key':
      reportZodIssues(issue.issues, data, schema, diag, path);
      return;
    case 'custom': {
      const params = issue.params as IssueParams | undefined;
      diag.error({
        code: params?.onr ?? E.invalidValue,
        message: issue.message,
        path,
        at: params?.at ?? 'value',
        hint: params?.hint,
        expected: params?.expected,
      });
      return;
    }
    default:
      diag.error({ code: E.invalidValue, message: issue.message.toLowerCase(), path });
  }
}

export function valueAt(data: unknown, path: DocPath): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${expected}`;
  }
}

function typeHint(expected: string, got: unknown, raw: string | undefined): string | undefined {
  if (expected === 'string' && typeof got === 'number') {
    return `quote it: "${raw ?? got}" (YAML reads unquoted digits as a number${raw ? ' and drops leading zeros' : ''})`;
  }
  if (got === null) return 'the value is empty; fill it in or remove the key';
  if (expected === 'array') return 'write a list: `[a, b]` or one `- item` per line';
  if (expected === 'boolean' && typeof got === 'string') return 'write true or false without quotes';
  if (expected === 'number' && typeof got === 'string') return 'write the number without quotes';
  return undefined;
}

// --- walking the schema to list allowed keys -------------------------------------------------

interface DefLike {
  type?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  valueType?: unknown;
  element?: unknown;
  options?: unknown[];
  in?: unknown;
}

function defOf(schema: unknown): DefLike {
  const zod = (schema as { _zod?: { def?: DefLike } })._zod;
  return zod?.def ?? {};
}

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: unknown, data: unknown): unknown {
  let cur = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(cur);
    if (def.type && WRAPPERS.has(def.type)) cur = def.innerType;
    else if (def.type === 'pipe') cur = def.in;
    else if (def.type === 'union' && def.options) {
      const want = Array.isArray(data)
        ? 'array'
        : typeof data === 'object' && data !== null
          ? 'object'
          : 'other';
      cur = def.options.find((o) => matches(defOf(unwrapShallow(o)).type, want)) ?? def.options[0];
    } else return cur;
  }
  return cur;
}

function unwrapShallow(schema: unknown): unknown {
  let cur = schema;
  while (WRAPPERS.has(defOf(cur).type ?? '')) cur = defOf(cur).innerType;
  return cur;
}

function matches(type: string | undefined, want: string): boolean {
  if (want === 'array') return type === 'array';
  if (want === 'object') return type === 'object' || type === 'record';
  return type !== 'array' && type !== 'object' && type !== 'record';
}

/** The keys the schema allows for the mapping at `path`. */
export function allowedKeys(schema: unknown, path: DocPath, data: unknown): string[] {
  let cur = unwrap(schema, data);
  let value = data;
  for (const seg of path) {
    value = valueAt(value, [seg]);
    const def = defOf(cur);
    if (def.type === 'object' && def.shape) cur = def.shape[String(seg)];
    else if (def.type === 'record') cur = def.valueType;
    else if (def.type === 'array') cur = def.element;
    else return [];
    cur = unwrap(cur, value);
  }
  const def = defOf(cur);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
