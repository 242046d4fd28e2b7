/**
 * loadBlueprint: reads a blueprint file and its var files, parses --var flags, and validates. The only
 * module in the room that touches the file system.
 */
import { readFile } from 'node:fs/promises';
import { OnrampError } from '../core/errors.js';
import { E } from './codes.js';
import { Diagnostics } from './diagnostics.js';
import { parseVarFlag, type VarInput } from './params.js';
import { SourceMap, toPlain } from './source-map.js';
import type { ValidationReport } from './types.js';
import { type ValidateOptions, validateBlueprint } from './validate.js';
import { parseYamlTree } from './yaml-tree.js';

export interface LoadOptions extends ValidateOptions {
  /** `--var-file` paths, applied in order before the flags. */
  varFiles?: readonly string[];
  /** Raw `--var name=value` flag values, applied last. */
  varFlags?: readonly string[];
}

/** Loads and validates a blueprint from a path or from `{text, file}`. Never throws for bad input. */
export async function loadBlueprint(
  source: string | { text: string; file?: string },
  options: LoadOptions = {},
): Promise<ValidationReport> {
  const inputErrors: OnrampError[] = [];
  const vars: VarInput[] = [];
  for (const path of options.varFiles ?? []) {
    const read = await readVarFile(path);
    vars.push(...read.vars);
    inputErrors.push(...read.errors);
  }
  for (const flag of options.varFlags ?? []) {
    const parsed = parseVarFlag(flag);
    if (parsed instanceof OnrampError) inputErrors.push(parsed);
    else vars.push(parsed);
  }
  vars.push(...(options.vars ?? []));
  let text: string;
  let file: string;
  if (typeof source === 'string') {
    file = source;
    try {
      text = await readFile(source, 'utf8');
    } catch (cause) {
      return failed([unreadable('blueprint', source, cause), ...inputErrors]);
    }
  } else {
    text = source.text;
    file = source.file ?? '<text>';
  }
  const report = validateBlueprint({ text, file }, { ...options, vars });
  if (inputErrors.length === 0) return report;
  return { ok: false, errors: [...inputErrors, ...report.errors], warnings: report.warnings };
}

/** Throws the report's errors as one OnrampError (code of the first) when it is not ok. */
export function requireValid(report: ValidationReport): NonNullable<ValidationReport['blueprint']> {
  if (report.ok && report.blueprint) return report.blueprint;
  if (report.errors.length === 0) {
    throw new OnrampError(E.missingParam, 'the blueprint cannot be typed until every param has a value', {
      hint: report.warnings.map((w) => w.message).join('; ') || undefined,
    });
  }
  const [first] = report.errors;
  throw new OnrampError(
    first?.code ?? E.syntax,
    `the blueprint has ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}; first: ${first?.message ?? 'unknown'}`,
    {
      ...(first?.hint ? { hint: first.hint } : {}),
      ...(first?.source ? { source: first.source } : {}),
      details: { errors: report.errors.map((e) => e.toJSON()) },
    },
  );
}

/** Reads a YAML/JSON map of param values; each value keeps its file:line:column. */
export async function readVarFile(path: string): Promise<{ vars: VarInput[]; errors: OnrampError[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    return { vars: [], errors: [unreadable('var file', path, cause)] };
  }
  const map = new SourceMap(path);
  const diag = new Diagnostics(map);
  const tree = parseYamlTree(text, diag);
  if (tree?.kind !== 'map') {
    const errors = diag.report().errors;
    if (tree) {
      errors.push(
        new OnrampError(E.badVarSyntax, `${path}: a var file is a mapping of param names to values`, {
          source: { kind: 'file', file: path, line: 1, column: 1 },
        }),
      );
    }
    return { vars: [], errors };
  }
  const data = toPlain(tree, map) as Record<string, unknown>;
  const vars = Object.entries(data).map(([name, value]): VarInput => {
    const pos = map.value([name]);
    return {
      name,
      value,
      source: {
        kind: 'file',
        file: path,
        ...(pos ? { line: pos.line, column: pos.column } : {}),
        path: name,
      },
    };
  });
  return { vars, errors: diag.report().errors };
}

function unreadable(what: string, path: string, cause: unknown): OnrampError {
  const code = (cause as { code?: string }).code;
  return new OnrampError(E.unreadable, `cannot read ${what} ${path}: ${code ?? (cause as Error).message}`, {
    hint: code === 'ENOENT' ? 'check the path' : undefined,
    source: { kind: 'file', file: path },
    cause,
  });
}

function failed(errors: OnrampError[]): ValidationReport {
  return { ok: false, errors, warnings: [] };
}
