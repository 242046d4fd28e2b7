/**
 * The wizard's first two steps without HTTP: which blueprints can be picked (the recipe catalog, or
 * the file given on the command line), the form their params imply, and server-side validation
 * that runs the blueprint validator exactly as `--var name=value` flags would, so the browser shows
 * the CLI's own messages, each beside the field it is about.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { loadBlueprint } from '../blueprint/load.js';
import type { ParamSpec } from '../blueprint/params.js';
import type { Blueprint } from '../blueprint/types.js';
import type { OnrampError } from '../core/errors.js';
import { RECIPES, recipePath } from '../recipes/catalog.js';

/** A blueprint the wizard can offer. */
export interface Choice {
  /** Recipe name, or `file` for the FILE argument. */
  name: string;
  title: string;
  summary: string;
  /** Absolute path of the blueprint. */
  path: string;
  /** Example `--var` text per param (from the catalog). */
  examples: Record<string, string>;
  manualSteps: string[];
}

/** One form field, from a param declaration. */
export interface FormField {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'list';
  description: string;
  pattern?: string;
  /** The default as form text (lists comma-separated). */
  default?: string;
  required: boolean;
  secret: boolean;
}

/** What validation returns: errors beside fields, the rest in general. */
export interface FormResult {
  ok: boolean;
  fields: Record<string, string[]>;
  general: string[];
  warnings: string[];
  blueprint?: Blueprint;
}

/** Blueprint recipes of the catalog, plus the FILE argument when one was given. */
export function choices(file?: string): Choice[] {
  const out: Choice[] = RECIPES.filter((r) => r.kind === 'blueprint').map((r) => ({
    name: r.name,
    title: r.title,
    summary: r.summary,
    path: recipePath(r.file),
    examples: Object.fromEntries(Object.entries(r.examples).map(([k, v]) => [k, v.value])),
    manualSteps: [...r.manualSteps],
  }));
  if (file) {
    out.unshift({
      name: 'file',
      title: basename(file),
      summary: `the blueprint ${file}`,
      path: file,
      examples: {},
      manualSteps: [],
    });
  }
  return out;
}

const asText = (v: unknown): string | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.map(String).join(',') : String(v);

/** The form fields of a blueprint text (its `params` block; nothing else is needed to draw it). */
export function formFields(text: string): FormField[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return []; // the validator reports the syntax error when the form is submitted
  }
  const params = (doc as { params?: Record<string, ParamSpec> } | null)?.params ?? {};
  if (typeof params !== 'object' || params === null) return [];
  return Object.entries(params).map(([name, spec]) => ({
    name,
    type: spec.type ?? 'string',
    description: spec.description ?? '',
    ...(spec.pattern ? { pattern: spec.pattern } : {}),
    ...(spec.default !== undefined ? { default: asText(spec.default) } : {}),
    required: spec.required ?? spec.default === undefined,
    secret: spec.secret === true,
  }));
}

/** The blueprint text of a choice. */
export function choiceText(choice: Choice): Promise<string> {
  return readFile(choice.path, 'utf8');
}

const FLAG = /^--var ([^=]+)=/;
const NAMED = /param `([^`]+)`|`([^`]+)`, which the blueprint does not declare/;

/** The field an error is about: the flag its value came from, or the param its message names. */
export function fieldOf(e: OnrampError, names: readonly string[]): string | undefined {
  if (e.source?.kind === 'flag') {
    const m = FLAG.exec(e.source.flag);
    if (m && names.includes(m[1])) return m[1];
  }
  if (e.source?.kind === 'file' && e.source.path?.startsWith('params.')) {
    const name = e.source.path.slice('params.'.length).split('.')[0];
    if (names.includes(name)) return name;
  }
  const m = NAMED.exec(e.message);
  const name = m?.[1] ?? m?.[2];
  return name && names.includes(name) ? name : undefined;
}

const line = (e: OnrampError) => `${e.message}${e.hint ? ` (${e.hint})` : ''} [${e.code}]`;

/**
 * Validates `values` (form text per param) as the CLI validates `--var` flags. Empty fields are
 * left out, so defaults apply and a missing required param gets the CLI's "required" message.
 */
export async function validateForm(
  text: string,
  file: string,
  values: Readonly<Record<string, string>>,
): Promise<FormResult> {
  const fields = formFields(text);
  const names = fields.map((f) => f.name);
  const varFlags: string[] = [];
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || (v === '' && f.type !== 'list')) continue;
    if (v === '' && f.default === undefined) continue;
    varFlags.push(`${f.name}=${v}`);
  }
  const report = await loadBlueprint({ text, file }, { varFlags });
  const out: FormResult = {
    ok: report.ok && !!report.blueprint,
    fields: {},
    general: [],
    warnings: report.warnings.map(line),
  };
  for (const e of report.errors) {
    const field = fieldOf(e, names);
    if (field) out.fields[field] = [...(out.fields[field] ?? []), line(e)];
    else
      out.general.push(
        `${line(e)}${e.source?.kind === 'file' && e.source.line ? ` at line ${e.source.line}` : ''}`,
      );
  }
  if (report.blueprint) out.blueprint = report.blueprint;
  return out;
}
