/**
 * Blueprint params: typed values from `--var k=v` flags, `--var-file` maps and defaults, coerced to the
 * declared type with errors that name the flag or file the bad value came from. Later inputs win
 * (var files first, then flags, as the CLI orders them).
 */
import { OnrampError, type ValueSource } from '../core/errors.js';
import { E, W } from './codes.js';
import { didYouMean } from './edit-distance.js';

export type ParamType = 'string' | 'number' | 'boolean' | 'list';
export type ParamValue = string | number | boolean | string[];

export interface ParamSpec {
  type?: ParamType;
  default?: ParamValue;
  /** Defaults to true when there is no default. */
  required?: boolean;
  /** A JavaScript regular expression the whole value (each item, for lists) must match. */
  pattern?: string;
  description?: string;
  /** Never print the value (messages show `(secret)`). */
  secret?: boolean;
}

/** One value for a param, with where it came from. */
export interface VarInput {
  name: string;
  value: unknown;
  source: ValueSource;
}

export interface ResolvedParams {
  values: Record<string, ParamValue>;
  /** Params without a value (optional ones, or required ones in lenient mode). */
  unset: string[];
  errors: OnrampError[];
  warnings: OnrampError[];
}

export interface ResolveParamsOptions {
  /** Leave missing required params unset with a warning instead of an error (`onramp validate`). */
  lenient?: boolean;
  /** Where a param is declared, for errors about its default or a missing value. */
  sourceOf?: (name: string) => ValueSource;
}

/** Parses `name=value` from a `--var` flag; the value stays text until its type is known. */
export function parseVarFlag(flag: string): VarInput | OnrampError {
  const eq = flag.indexOf('=');
  const name = eq === -1 ? '' : flag.slice(0, eq).trim();
  if (eq === -1 || name === '') {
    return new OnrampError(E.badVarSyntax, `--var ${JSON.stringify(flag)}: expected name=value`, {
      hint: 'write --var externalId=abc123; lists as --var accounts=111111111111,222222222222',
      source: { kind: 'flag', flag: '--var' },
    });
  }
  return { name, value: flag.slice(eq + 1), source: { kind: 'flag', flag: `--var ${name}=…` } };
}

/** Coerces one value to `type`. Text (from flags) is parsed; file values must already fit. */
export function coerceParamValue(
  type: ParamType,
  value: unknown,
  fromText: boolean,
): { value: ParamValue } | { expected: string; hint?: string } {
  if (fromText && typeof value === 'string') return coerceText(type, value);
  switch (type) {
    case 'string':
      if (typeof value === 'string') return { value };
      return {
        expected: 'a string',
        hint:
          typeof value === 'number'
            ? 'quote it: YAML reads digits as a number and drops leading zeros'
            : undefined,
      };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { value } : { expected: 'a number' };
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { expected: 'true or false' };
    case 'list':
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { value: [...value] };
      return { expected: 'a list of strings', hint: 'quote numeric items such as account ids' };
  }
}

function coerceText(
  type: ParamType,
  text: string,
): { value: ParamValue } | { expected: string; hint?: string } {
  switch (type) {
    case 'string':
      return { value: text };
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? { value: n } : { expected: 'a number' };
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (['true', 'yes', '1'].includes(t)) return { value: true };
      if (['false', 'no', '0'].includes(t)) return { value: false };
      return { expected: 'true or false' };
    }
    case 'list': {
      const t = text.trim();
      if (t.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(t);
          if (Array.isArray(parsed)) return { value: parsed.map(String) };
        } catch {
          return { expected: 'a JSON array or comma-separated values', hint: 'e.g. a,b,c or ["a","b"]' };
        }
      }
      return { value: t === '' ? [] : t.split(',').map((s) => s.trim()) };
    }
  }
}

/** Checks a value against the param's pattern (anchored: the whole value must match). */
export function matchesPattern(pattern: string, value: ParamValue): boolean {
  const re = new RegExp(`^(?:${pattern})$`, 'u');
  const items = Array.isArray(value) ? value : [String(value)];
  return items.every((item) => re.test(item));
}

/** Resolves every declared param from inputs and defaults, collecting all problems. */
export function resolveParams(
  specs: Record<string, ParamSpec>,
  inputs: readonly VarInput[],
  options: ResolveParamsOptions = {},
): ResolvedParams {
  const out: ResolvedParams = { values: {}, unset: [], errors: [], warnings: [] };
  const declared = Object.keys(specs);
  const given = new Map<string, VarInput>();
  for (const input of inputs) {
    if (!Object.hasOwn(specs, input.name)) {
      out.errors.push(
        new OnrampError(
          E.unknownVar,
          `a value was given for \`${input.name}\`, which the blueprint does not declare`,
          {
            hint: didYouMean(input.name, declared) ?? `declared params: ${declared.join(', ') || '(none)'}`,
            source: input.source,
          },
        ),
      );
      continue;
    }
    given.set(input.name, input);
  }
  for (const name of [...declared].sort()) {
    const spec = specs[name];
    const type = spec.type ?? 'string';
    const declaredAt = options.sourceOf?.(name) ?? {
      kind: 'file',
      file: '<blueprint>',
      path: `params.${name}`,
    };
    const input = given.get(name);
    let value: ParamValue | undefined;
    let source: ValueSource = declaredAt;
    if (input) {
      const coerced = coerceParamValue(type, input.value, input.source.kind === 'flag');
      if ('expected' in coerced) {
        const shown = spec.secret ? '(secret)' : JSON.stringify(input.value);
        out.errors.push(
          new OnrampError(E.invalidVarValue, `param \`${name}\` is a ${type}, got ${shown}`, {
            hint: coerced.hint ?? `give ${coerced.expected}`,
            source: input.source,
            details: { expected: coerced.expected },
          }),
        );
        continue;
      }
      value = coerced.value;
      source = input.source;
    } else if (spec.default !== undefined) {
      value = spec.default;
    }
    if (value === undefined) {
      if (spec.required === false) {
        out.unset.push(name);
      } else if (options.lenient) {
        out.unset.push(name);
        out.warnings.push(
          new OnrampError(W.paramUnset, `param \`${name}\` has no value; references to it stay unresolved`, {
            source: declaredAt,
          }),
        );
      } else {
        out.errors.push(
          new OnrampError(E.missingParam, `param \`${name}\` is required and has no value`, {
            hint: `pass --var ${name}=${type === 'list' ? 'a,b' : '…'} or add it to a --var-file`,
            source: declaredAt,
          }),
        );
      }
      continue;
    }
    if (spec.pattern !== undefined && !safeMatches(spec.pattern, value)) {
      const shown = spec.secret ? '(secret)' : JSON.stringify(value);
      out.errors.push(
        new OnrampError(E.paramPattern, `param \`${name}\` value ${shown} does not match /${spec.pattern}/`, {
          source,
          details: { expected: `matches ${spec.pattern}` },
        }),
      );
      continue;
    }
    out.values[name] = value;
  }
  return out;
}

function safeMatches(pattern: string, value: ParamValue): boolean {
  try {
    return matchesPattern(pattern, value);
  } catch {
    return true; // an invalid pattern is reported against the param declaration itself
  }
}
