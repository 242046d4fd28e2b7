/**
 * `onramp init` as a library: a recipe's params filled from `--var`, examples or answers, written
 * back as defaults, validated as the recipe's kind (blueprint or profiles) and only then written,
 * atomically, never over an existing file unless asked. The terminal is an injected `ask`.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  loadBlueprint,
  type ParamSpec,
  type ParamValue,
  parseVarFlag,
  resolveParams,
  type VarInput,
} from '../blueprint/index.js';
import { writeFileAtomic } from '../core/atomic-file.js';
import { OnrampError, type ValueSource } from '../core/errors.js';
import { type Recipe, recipePath, renderSteps } from './catalog.js';
import { RecipeCode } from './codes.js';
import { resolveExamples, type TargetFacts } from './examples.js';
import { loadProfiles } from './profiles.js';
import { fillParamDefaults, readParamSpecs } from './template.js';

/** What the terminal is asked for one param; `error` is set when the previous answer was refused. */
export interface ParamQuestion {
  name: string;
  spec: ParamSpec;
  error?: string;
}

/** Asks one question and resolves to the typed-in text. */
export type Asker = (question: ParamQuestion) => Promise<string>;

export type ValueOrigin = 'var' | 'example' | 'answer' | 'default';

export interface InitOptions {
  recipe: Recipe;
  /** Where to write; without it the text is only returned (the demo, tests). */
  out?: string;
  /** Raw `--var name=value` flags. */
  varFlags?: readonly string[];
  /** Fill every param without a --var from the recipe's examples. */
  example?: boolean;
  /** Replace an existing `out`. */
  force?: boolean;
  /** What the target organization looks like, for live examples. */
  facts?: TargetFacts;
  /** Undefined without a terminal: missing params are then an error (ONR-E151). */
  ask?: Asker;
  /** Comment lines put on top of the written file. */
  header?: string;
  /** More placeholders for the manual steps (`startUrl`, `ssoRegion`, `caller.account` …). */
  known?: Readonly<Record<string, string>>;
}

export interface InitResult {
  recipe: string;
  path?: string;
  text: string;
  /** Every param's value as shown to people (secrets as `(secret)`), and where it came from. */
  values: Record<string, { shown: string; origin: ValueOrigin }>;
  /** Examples that fell back to their offline value although they could be read from a target. */
  offlineExamples: string[];
  /** The recipe's manual steps with the params filled in. */
  nextSteps: string[];
}

function inputError(errors: OnrampError[], code: string, what: string): OnrampError {
  const [first] = errors;
  return new OnrampError(
    errors.length === 1 ? (first?.code ?? code) : code,
    errors.length === 1 ? (first?.message ?? what) : `${what}: ${errors.map((e) => e.message).join('; ')}`,
    {
      ...(first?.hint ? { hint: first.hint } : {}),
      ...(first?.source ? { source: first.source } : {}),
      details: { errors: errors.map((e) => e.toJSON()) },
    },
  );
}

/** Checks one value against its spec; the typed value, or the reason it was refused. */
function checkValue(name: string, spec: ParamSpec, text: string, source: ValueSource) {
  const r = resolveParams({ [name]: spec }, [{ name, value: text, source: { kind: 'flag', flag: '' } }]);
  if (r.errors.length === 0) return { value: r.values[name] as ParamValue };
  const e = r.errors[0];
  return { error: new OnrampError(e.code, e.message, { hint: e.hint, source }) };
}

const show = (spec: ParamSpec, v: ParamValue) =>
  spec.secret ? '(secret)' : Array.isArray(v) ? v.join(',') : String(v);

/** Fills, validates and (with `out`) writes the recipe; throws OnrampError for every refusal. */
export async function initRecipe(options: InitOptions): Promise<InitResult> {
  const { recipe } = options;
  if (options.out && existsSync(options.out) && !options.force) {
    throw new OnrampError(RecipeCode.outputExists, `${options.out} already exists`, {
      hint: 'choose another --out, or pass --force to replace it',
      source: { kind: 'flag', flag: '--out' },
    });
  }
  const template = readFileSync(recipePath(recipe.file), 'utf8');
  const specs = readParamSpecs(template);
  const chosen: Record<string, ParamValue> = {};
  const origin: Record<string, ValueOrigin> = {};
  const errors: OnrampError[] = [];

  const vars: VarInput[] = [];
  for (const flag of options.varFlags ?? []) {
    const parsed = parseVarFlag(flag);
    if (parsed instanceof OnrampError) errors.push(parsed);
    else vars.push(parsed);
  }
  const typed = resolveParams(specs, vars, { lenient: true });
  errors.push(...typed.errors);
  for (const v of vars) {
    if (Object.hasOwn(typed.values, v.name)) {
      chosen[v.name] = typed.values[v.name];
      origin[v.name] = 'var';
    }
  }

  const offlineExamples: string[] = [];
  if (options.example) {
    const examples = resolveExamples(recipe, options.facts);
    for (const [name, spec] of Object.entries(specs)) {
      if (origin[name] || !examples[name]) continue;
      const ex = examples[name];
      if (recipe.examples[name]?.from && !ex.live) offlineExamples.push(name);
      const r = checkValue(name, spec, ex.text, { kind: 'file', file: 'src/recipes/catalog.ts', path: name });
      if (r.error) errors.push(r.error);
      else {
        chosen[name] = r.value;
        origin[name] = 'example';
      }
    }
  }
  if (errors.length > 0)
    throw inputError(errors, RecipeCode.invalidResult, 'the values do not fit the recipe');

  const missing = Object.entries(specs).filter(
    ([name, spec]) => !origin[name] && spec.default === undefined && spec.required !== false,
  );
  if (missing.length > 0 && !options.ask) {
    const names = missing.map(([n]) => n);
    throw new OnrampError(
      RecipeCode.missingParams,
      `recipe ${recipe.name} needs ${names.length === 1 ? 'a value' : 'values'} for ${names.join(', ')}`,
      {
        hint: `pass ${names.map((n) => `--var ${n}=…`).join(' ')}, or --example for the recipe's examples, or run in a terminal to be asked`,
        details: { missing: names },
      },
    );
  }
  for (const [name, spec] of missing) {
    let error: string | undefined;
    for (;;) {
      const answer = await (options.ask as Asker)({ name, spec, ...(error ? { error } : {}) });
      const r = checkValue(name, spec, answer, { kind: 'flag', flag: `answer for ${name}` });
      if (r.value !== undefined) {
        chosen[name] = r.value;
        origin[name] = 'answer';
        break;
      }
      error = r.error?.message ?? 'invalid value';
    }
  }

  const text = fillParamDefaults(template, chosen, options.header ?? '');
  await validateFilled(recipe, text, options.out ?? `${recipe.name}.yaml`);
  const secret = Object.entries(chosen).some(([n]) => specs[n]?.secret);
  if (options.out) writeFileAtomic(options.out, text, { mode: secret ? 0o600 : 0o644 });

  const values: InitResult['values'] = {};
  const known: Record<string, string> = { ...options.known };
  for (const [name, spec] of Object.entries(specs)) {
    const v = chosen[name] ?? spec.default;
    if (v === undefined) continue;
    values[name] = { shown: show(spec, v), origin: origin[name] ?? 'default' };
    if (!spec.secret) known[`params.${name}`] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return {
    recipe: recipe.name,
    ...(options.out ? { path: options.out } : {}),
    text,
    values,
    offlineExamples,
    nextSteps: renderSteps(recipe.manualSteps, known),
  };
}

/** The filled text must be a valid recipe of its kind; errors carry the output file's positions. */
async function validateFilled(recipe: Recipe, text: string, file: string): Promise<void> {
  if (recipe.kind === 'sso-profiles') {
    const report = loadProfiles(text, { file });
    if (!report.ok)
      throw inputError(report.errors, RecipeCode.invalidResult, 'the filled recipe is not valid');
    return;
  }
  const report = await loadBlueprint({ text, file });
  if (!report.ok || !report.blueprint) {
    const errors = report.errors.length > 0 ? report.errors : report.warnings;
    throw inputError(errors, RecipeCode.invalidResult, 'the filled blueprint is not valid');
  }
}
