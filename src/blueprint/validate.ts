/**
 * validateBlueprint: text or a plain object → a ValidationReport with every error and warning, and
 * the typed Blueprint when there are no errors. Order: YAML → params → substitution → schema →
 * references, policies and cross-field checks (the last three also run when the schema fails).
 */
import type { ValueSource } from '../core/errors.js';
import { checkPolicies } from './checks-policies.js';
import { checkSemantics } from './checks-semantic.js';
import { E } from './codes.js';
import { Diagnostics } from './diagnostics.js';
import { rec } from './entities.js';
import { type ParamSpec, resolveParams, type VarInput } from './params.js';
import { checkReferences } from './ref-check.js';
import {
  type BlueprintDocument,
  type BlueprintInput,
  paramSchema,
  resolvedBlueprintSchema,
} from './schema-def.js';
import { entryOf, fromPlain, SourceMap, toPlain } from './source-map.js';
import { substituteParams } from './substitute.js';
import type { Blueprint, IdentityCenterSpec, ValidationReport } from './types.js';
import { parseYamlTree } from './yaml-tree.js';
import { reportZodIssues } from './zod-issues.js';

/** YAML/JSON text (positions kept) or a plain object (the TypeScript API). */
export type BlueprintSource = { text: string; file?: string } | { object: unknown; file?: string };

export interface ValidateOptions {
  /** Param values in the order given (var files first, then --var flags); later ones win. */
  vars?: readonly VarInput[];
  /** Missing required params become warnings and stay unresolved (for `onramp validate`). */
  lenient?: boolean;
}

/** Identity helper that types a blueprint written in TypeScript. */
export function defineBlueprint(input: BlueprintInput): BlueprintInput {
  return input;
}

export function validateBlueprint(source: BlueprintSource, options: ValidateOptions = {}): ValidationReport {
  const file = source.file ?? ('text' in source ? '<text>' : '<object>');
  const map = new SourceMap(file);
  const secrets: string[] = [];
  const diag = new Diagnostics(map, secrets);
  const tree = 'text' in source ? parseYamlTree(source.text, diag) : fromPlain(source.object);
  if (!tree) return diag.report();
  if (tree.kind !== 'map') {
    diag.error({
      code: E.wrongType,
      message:
        tree.kind === 'scalar' && tree.value === null
          ? 'the blueprint is empty; expected a mapping with version and name'
          : 'a blueprint is a mapping with version, name, params, accounts and identityCenter',
      pos: tree.pos,
      hint: 'start the file with `version: 1`',
    });
    return diag.report();
  }

  const paramsEntry = entryOf(tree, 'params');
  const rawParams = rec(paramsEntry ? toPlain(paramsEntry.value, map, ['params'], paramsEntry.keyPos) : {});
  const specs: Record<string, ParamSpec> = {};
  const paramSpec = paramSchema();
  for (const [name, raw] of Object.entries(rawParams)) {
    const parsed = paramSpec.safeParse(raw);
    if (parsed.success) specs[name] = parsed.data;
  }
  const sourceOf = (name: string): ValueSource => {
    const pos = map.key(['params', name]);
    return {
      kind: 'file',
      file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      path: `params.${name}`,
    };
  };
  const params = resolveParams(specs, options.vars ?? [], { lenient: options.lenient, sourceOf });
  diag.adopt(params.errors, params.warnings);
  for (const [name, value] of Object.entries(params.values)) {
    if (specs[name].secret) secrets.push(...(Array.isArray(value) ? value : [String(value)]));
  }
  const declared = Object.keys(rawParams);
  const unresolved = declared.filter((n) => !Object.hasOwn(params.values, n));

  const substituted = substituteParams(tree, { values: params.values, declared, unresolved, diag });
  const data = toPlain(substituted, map);
  const schema = resolvedBlueprintSchema();
  const parsed = schema.safeParse(data);
  if (!parsed.success) reportZodIssues(parsed.error.issues, data, schema, diag);
  checkReferences(data, diag);
  checkPolicies(data, diag);
  checkSemantics(data, diag);

  if (!parsed.success || diag.errorCount > 0) return diag.report();
  const blueprint = normalize(parsed.data, {
    file,
    values: params.values,
    unsetParams: params.unset,
    secrets,
    sourceMap: map,
  });
  const report = diag.report(blueprint);
  blueprint.warnings = report.warnings;
  return report;
}

type Extras = Pick<Blueprint, 'file' | 'values' | 'unsetParams' | 'secrets' | 'sourceMap'>;

/** Applies the defaults the schema cannot express (names default to keys). */
function normalize(doc: BlueprintDocument, extras: Extras): Blueprint {
  const ic = doc.identityCenter;
  const identityCenter: IdentityCenterSpec = {
    users: mapValues(ic?.users ?? {}, (u, key) => ({ ...u, userName: u.userName ?? key })),
    groups: mapValues(ic?.groups ?? {}, (g, key) => ({ ...g, displayName: g.displayName ?? key })),
    permissionSets: mapValues(ic?.permissionSets ?? {}, (p, key) => ({ ...p, name: p.name ?? key })),
    assignments: ic?.assignments ?? [],
  };
  return {
    version: doc.version,
    name: doc.name,
    ...(doc.description === undefined ? {} : { description: doc.description }),
    params: doc.params,
    accounts: doc.accounts,
    identityCenter,
    warnings: [],
    ...extras,
  };
}

function mapValues<T, U>(obj: Record<string, T>, fn: (v: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v, k)]));
}
