/**
 * Condition operators, the …IfExists forms and the ForAnyValue:/ForAllValues: set operators.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 *
 * Semantics implemented (all from the pages above):
 * - keys in a block are ANDed, values for one key are ORed; for negated operators (StringNotEquals,
 *   NotIpAddress, …) the request value must match none of the values;
 * - a missing key makes a condition false, except for negated operators (true), …IfExists (true),
 *   Null (tests presence) and ForAllValues (true; ForAnyValue is false). An empty list counts as missing;
 * - policy variables resolve in String*, Arn* and Bool values only; a variable without a value makes
 *   that value match nothing (so negated operators still match).
 */
import type { RequestContext } from './context.js';
import { cidrContains, parseCidr } from './ip.js';
import { arnMatches, globMatches } from './match.js';
import { hasVariables, resolveTemplate, type VariableLookup } from './variables.js';

type Kind = 'string' | 'stringIgnoreCase' | 'like' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn';
type Cmp = 'eq' | 'lt' | 'lte' | 'gt' | 'gte';

interface BaseOperator {
  kind: Kind;
  negated: boolean;
  cmp: Cmp;
}

const op = (kind: Kind, negated = false, cmp: Cmp = 'eq'): BaseOperator => ({ kind, negated, cmp });

/** Every documented operator, keyed by lower-cased name. */
const OPERATORS: Record<string, BaseOperator> = {
  stringequals: op('string'),
  stringnotequals: op('string', true),
  stringequalsignorecase: op('stringIgnoreCase'),
  stringnotequalsignorecase: op('stringIgnoreCase', true),
  stringlike: op('like'),
  stringnotlike: op('like', true),
  numericequals: op('numeric'),
  numericnotequals: op('numeric', true),
  numericlessthan: op('numeric', false, 'lt'),
  numericlessthanequals: op('numeric', false, 'lte'),
  numericgreaterthan: op('numeric', false, 'gt'),
  numericgreaterthanequals: op('numeric', false, 'gte'),
  dateequals: op('date'),
  datenotequals: op('date', true),
  datelessthan: op('date', false, 'lt'),
  datelessthanequals: op('date', false, 'lte'),
  dategreaterthan: op('date', false, 'gt'),
  dategreaterthanequals: op('date', false, 'gte'),
  bool: op('bool'),
  binaryequals: op('binary'),
  ipaddress: op('ip'),
  notipaddress: op('ip', true),
  arnequals: op('arn'),
  arnlike: op('arn'),
  arnnotequals: op('arn', true),
  arnnotlike: op('arn', true),
};

export interface ParsedOperator {
  base?: BaseOperator;
  isNull: boolean;
  set?: 'any' | 'all';
  ifExists: boolean;
}

/** Splits `ForAnyValue:StringLikeIfExists` into its parts; `base` is absent for unknown operators. */
export function parseOperator(name: string): ParsedOperator {
  let rest = name;
  let set: ParsedOperator['set'];
  const lower = rest.toLowerCase();
  if (lower.startsWith('foranyvalue:')) {
    set = 'any';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (lower.startsWith('forallvalues:')) {
    set = 'all';
    rest = rest.slice('ForAllValues:'.length);
  }
  let base = rest.toLowerCase();
  if (base === 'null') return { isNull: true, set, ifExists: false };
  let ifExists = false;
  if (base.endsWith('ifexists')) {
    ifExists = true;
    base = base.slice(0, -'ifexists'.length);
  }
  return { base: OPERATORS[base], isNull: false, set, ifExists };
}

type Matcher = (requestValue: string) => boolean;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(s: string): number {
  return NUMBER.test(s.trim()) ? Number(s) : Number.NaN;
}

/** ISO 8601 (W3C profile) or epoch seconds. */
function parseDate(s: string): number {
  const t = s.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  return Date.parse(t);
}

function compare(cmp: Cmp, a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (cmp) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
  }
}

function base64Equal(a: string, b: string): boolean {
  return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}

const NEVER: Matcher = () => false;

/** Builds the positive matcher for one policy value; `policyValue` is already variable-resolved. */
function matcherFor(o: BaseOperator, policyValue: string | undefined): Matcher {
  if (policyValue === undefined) return NEVER;
  switch (o.kind) {
    case 'string':
      return (v) => v === policyValue;
    case 'stringIgnoreCase': {
      const p = policyValue.toLowerCase();
      return (v) => v.toLowerCase() === p;
    }
    case 'like':
      return (v) => globMatches(policyValue, v);
    case 'arn':
      return (v) => arnMatches(policyValue, v);
    case 'bool': {
      const p = policyValue.toLowerCase();
      return (v) => v.toLowerCase() === p;
    }
    case 'numeric': {
      const p = parseNumber(policyValue);
      return (v) => compare(o.cmp, parseNumber(v), p);
    }
    case 'date': {
      const p = parseDate(policyValue);
      return (v) => compare(o.cmp, parseDate(v), p);
    }
    case 'ip': {
      const range = parseCidr(policyValue);
      return range ? (v) => cidrContains(range, v) : NEVER;
    }
    case 'binary':
      return (v) => base64Equal(v, policyValue);
  }
}

/** Operators whose values may hold policy variables, and whether they are matched as globs. */
function variableMode(kind: Kind): 'glob' | 'literal' | undefined {
  if (kind === 'like' || kind === 'arn') return 'glob';
  if (kind === 'string' || kind === 'stringIgnoreCase' || kind === 'bool') return 'literal';
  return undefined;
}

/** One operator applied to one key, prepared once per policy. */
export interface CompiledCondition {
  operator: string;
  key: string;
  /** Lower-cased key, as stored in the request context. */
  lookupKey: string;
  values: string[];
  parsed: ParsedOperator;
  /** Matchers that need no request data; absent when values hold variables. */
  staticMatchers?: Matcher[];
}

/** Globs in policies are literal text apart from `*` and `?`, so backslashes must be escaped. */
const asGlob = (s: string) => (s.indexOf('\\') === -1 ? s : s.replace(/\\/g, '\\\\'));

export function compileCondition(
  operator: string,
  key: string,
  values: string[],
  variables: boolean,
): CompiledCondition {
  const parsed = parseOperator(operator);
  const c: CompiledCondition = { operator, key, lookupKey: key.toLowerCase(), values, parsed };
  const base = parsed.base;
  if (!base) return c;
  const mode = variableMode(base.kind);
  const needsRequest = variables && mode !== undefined && values.some(hasVariables);
  if (!needsRequest) {
    c.staticMatchers = values.map((v) => matcherFor(base, mode === 'glob' ? asGlob(v) : v));
  }
  return c;
}

function matchersFor(c: CompiledCondition, lookup: VariableLookup): Matcher[] {
  if (c.staticMatchers) return c.staticMatchers;
  const base = c.parsed.base!;
  const mode = variableMode(base.kind)!;
  return c.values.map((v) => matcherFor(base, resolveTemplate(v, lookup, mode)));
}

/** Evaluates one compiled condition against the request context. */
export function conditionHolds(c: CompiledCondition, ctx: RequestContext, lookup: VariableLookup): boolean {
  const entry = ctx.get(c.lookupKey);
  const present = entry !== undefined && entry.values.length > 0;
  const { parsed } = c;
  if (parsed.isNull) {
    // "true" means the key must be absent, "false" that it must be present.
    return c.values.some((v) =>
      v.toLowerCase() === 'true' ? !present : v.toLowerCase() === 'false' && present,
    );
  }
  const base = parsed.base;
  if (!base) return false;
  if (!present) {
    if (parsed.ifExists) return true;
    if (parsed.set === 'all') return true;
    if (parsed.set === 'any') return false;
    return base.negated;
  }
  const matchers = matchersFor(c, lookup);
  const hit = (v: string) => matchers.some((m) => m(v));
  const values = entry.values;
  if (parsed.set === 'all') return base.negated ? values.every((v) => !hit(v)) : values.every(hit);
  if (parsed.set === 'any') return base.negated ? values.some((v) => !hit(v)) : values.some(hit);
  return base.negated ? !values.some(hit) : values.some(hit);
}

/** Normalises a condition value (string, number, boolean or a list of them) to strings. */
export function conditionValues(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x));
  if (v === undefined || v === null) return [];
  return [String(v)];
}

/** Known operator names (without set prefixes or IfExists), for the parser and the linter. */
export function isKnownOperator(name: string): boolean {
  const p = parseOperator(name);
  return p.isNull || p.base !== undefined;
}
