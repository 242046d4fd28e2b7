/**
 * Request-parameter validation with AWS's wording. IAM checks each member against its model
 * constraints (length, pattern, range) and reports all failures at once:
 * "2 validation errors detected: Value 'a b' at 'roleName' failed to satisfy constraint: …; …".
 * Constraints come from the IAM API reference (each parameter's Length/Pattern/Valid Range).
 */
import { requireParam } from '../../protocols/query.js';
import { iamError } from './errors.js';

/** IAM's name pattern for users, roles, groups, policies and inline policies. */
export const NAME_PATTERN = { re: /^[\w+=,.@-]+$/, text: '[\\w+=,.@-]+' };
/** Role, user and group paths: "/" or "/…/" of printable ASCII. */
export const PATH_PATTERN = {
  re: /^(\/|\/[\u0021-\u007E]+\/)$/,
  text: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
};
/** Managed policy paths are stricter than entity paths. */
export const POLICY_PATH_PATTERN = {
  re: /^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/,
  text: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/',
};
export const PATH_PREFIX_PATTERN = { re: /^\/[\u0021-\u007F]*$/, text: '\\u002F[\\u0021-\\u007F]*' };
export const DESCRIPTION_PATTERN = {
  re: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/,
  text: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
};
export const DOCUMENT_PATTERN = {
  re: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
  text: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
};

interface Pattern {
  re: RegExp;
  text: string;
}

/** Collects constraint failures for one request, then throws them as one ValidationError. */
export class Checks {
  private readonly failures: string[] = [];

  private fail(field: string, value: unknown, constraint: string): void {
    this.failures.push(`Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`);
  }

  /** Length bounds and an optional pattern; skipped when the value is absent. */
  string(field: string, value: string | undefined, min: number, max: number, pattern?: Pattern): this {
    if (value === undefined) return this;
    if (value.length < min)
      this.fail(field, value, `Member must have length greater than or equal to ${min}`);
    else if (value.length > max)
      this.fail(field, value, `Member must have length less than or equal to ${max}`);
    else if (pattern && !pattern.re.test(value))
      this.fail(field, value, `Member must satisfy regular expression pattern: ${pattern.text}`);
    return this;
  }

  range(field: string, value: number | undefined, min: number, max: number): this {
    if (value === undefined) return this;
    if (value < min) this.fail(field, value, `Member must have value greater than or equal to ${min}`);
    else if (value > max) this.fail(field, value, `Member must have value less than or equal to ${max}`);
    return this;
  }

  /** A list's member count (AWS renders the list as the value). */
  count(field: string, rendered: string, n: number, max: number): this {
    if (n > max) this.fail(field, rendered, `Member must have length less than or equal to ${max}`);
    return this;
  }

  oneOf(field: string, value: string | undefined, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value))
      this.fail(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    return this;
  }

  /** Throws every failure collected so far, as AWS does. */
  done(): void {
    const n = this.failures.length;
    if (n === 0) return;
    throw iamError.validation(
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.failures.join('; ')}`,
    );
  }
}

/** Starts a check list for one request. */
export function checks(): Checks {
  return new Checks();
}

/** A required string parameter (AWS's "Member must not be null" when missing). */
export function required(params: Record<string, unknown>, name: string): string {
  return requireParam(params, name);
}

/** An optional string parameter; '' counts as given (AWS then checks its length). */
export function optional(params: Record<string, unknown>, name: string): string | undefined {
  const v = params[name];
  return typeof v === 'string' ? v : undefined;
}

/** An optional integer parameter; anything unparsable fails as the query protocol would. */
export function optionalInt(params: Record<string, unknown>, name: string): number | undefined {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) {
    const field = name.charAt(0).toLowerCase() + name.slice(1);
    throw iamError.validation(
      `1 validation error detected: Value '${v}' at '${field}' failed to satisfy constraint: Member must be a number`,
    );
  }
  return Number(v);
}

/** An optional boolean parameter ("true"/"false"). */
export function optionalBool(params: Record<string, unknown>, name: string): boolean | undefined {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  return v.toLowerCase() === 'true';
}

/** A list parameter (`X.member.N`); an empty list arrives as `X=` and reads as []. */
export function list<T>(params: Record<string, unknown>, name: string): T[] {
  const v = params[name];
  return Array.isArray(v) ? (v as T[]) : [];
}

/** Normalises a path parameter: AWS defaults to "/". */
export function pathOrRoot(path: string | undefined): string {
  return path === undefined || path === '' ? '/' : path;
}

/** IAM counts policy sizes without white space. */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}
