/**
 * Collects every problem in a blueprint (never stopping at the first) as {@link OnrampError}s that
 * carry the file, line, column and document path of the bad value, what was expected and a hint.
 */
import { OnrampError, type ValueSource } from '../core/errors.js';
import type { BlueprintCode } from './codes.js';
import { type DocPath, formatPath, type Pos, type SourceMap } from './source-map.js';

export interface IssueInput {
  code: BlueprintCode;
  /** The cause, without the path (the path is prefixed). */
  message: string;
  path?: DocPath;
  /** Point at the key that holds the value rather than the value (unknown keys, missing fields). */
  at?: 'key' | 'value';
  /** An explicit position (e.g. the original place of a substituted param). */
  pos?: Pos;
  hint?: string;
  expected?: string;
  /** Where the value came from when it is not the blueprint file (a --var flag, a var file). */
  source?: ValueSource;
}

/** The outcome of validation: every error and warning, sorted by position. */
export interface Report<T> {
  ok: boolean;
  errors: OnrampError[];
  warnings: OnrampError[];
  blueprint?: T;
}

export class Diagnostics {
  private readonly errorList: OnrampError[] = [];
  private readonly warningList: OnrampError[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly map: SourceMap,
    /** Rendered secret values, replaced by `(secret)` in messages. */
    private readonly secrets: readonly string[] = [],
  ) {}

  error(issue: IssueInput): void {
    this.push(this.errorList, issue);
  }

  warn(issue: IssueInput): void {
    this.push(this.warningList, issue);
  }

  get errorCount(): number {
    return this.errorList.length;
  }

  /** Adds already-built errors (e.g. from {@link resolveParams}). */
  adopt(errors: readonly OnrampError[], warnings: readonly OnrampError[] = []): void {
    for (const e of errors) this.pushBuilt(this.errorList, e);
    for (const w of warnings) this.pushBuilt(this.warningList, w);
  }

  report<T>(blueprint?: T): Report<T> {
    const errors = sortByPosition(this.errorList);
    return {
      ok: errors.length === 0,
      errors,
      warnings: sortByPosition(this.warningList),
      ...(errors.length === 0 && blueprint !== undefined ? { blueprint } : {}),
    };
  }

  /** Builds the error without recording it. */
  build(issue: IssueInput): OnrampError {
    const path = issue.path ?? [];
    const pos = issue.pos ?? (issue.at === 'key' ? this.map.key(path) : this.map.value(path));
    const source: ValueSource = issue.source ?? {
      kind: 'file',
      file: this.map.file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      path: formatPath(path),
    };
    const message = this.redact(path.length > 0 ? `${formatPath(path)}: ${issue.message}` : issue.message);
    return new OnrampError(issue.code, message, {
      ...(issue.hint ? { hint: this.redact(issue.hint) } : {}),
      source,
      details: {
        path: formatPath(path),
        ...(issue.expected ? { expected: issue.expected } : {}),
      },
    });
  }

  private push(list: OnrampError[], issue: IssueInput): void {
    this.pushBuilt(list, this.build(issue));
  }

  private pushBuilt(list: OnrampError[], e: OnrampError): void {
    const id = `${e.code}\u0000${e.message}\u0000${JSON.stringify(e.source)}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    list.push(e);
  }

  private redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (s.length >= 4) out = out.split(s).join('(secret)');
    return out;
  }
}

function sortByPosition(list: OnrampError[]): OnrampError[] {
  const at = (e: OnrampError): [number, number] =>
    e.source?.kind === 'file' ? [e.source.line ?? 0, e.source.column ?? 0] : [-1, 0];
  return [...list].sort((a, b) => {
    const [la, ca] = at(a);
    const [lb, cb] = at(b);
    return la - lb || ca - cb || a.code.localeCompare(b.code);
  });
}

/** Renders a value for "got …" in messages: short, typed, and quoting strings. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  return `${typeof value} ${String(value)}`;
}
