/**
 * Onramp's error model. Every failure a user can meet is an OnrampError with a stable code
 * (documented in docs/errors.md), a one-line message, a hint that says how to fix it, and where the
 * bad value came from. The CLI maps the code's family to an exit code.
 */

/** Where a bad value came from, so messages can point at it. */
export type ValueSource =
  | { kind: 'file'; file: string; line?: number; column?: number; path?: string }
  | { kind: 'flag'; flag: string }
  | { kind: 'env'; name: string }
  | { kind: 'profile'; profile: string; file?: string }
  | { kind: 'api'; service: string; field?: string };

/** Exit codes per failure family (docs/errors.md). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  input: 2,
  changes: 3,
} as const;

export interface OnrampErrorOptions {
  hint?: string;
  source?: ValueSource;
  cause?: unknown;
  /** Extra structured facts for --json output and diagnoses. */
  details?: Record<string, unknown>;
}

export class OnrampError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly source?: ValueSource;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, options: OnrampErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OnrampError';
    this.code = code;
    this.hint = options.hint;
    this.source = options.source;
    this.details = options.details;
  }

  /** Input errors (ONR-E1xx) exit 2; everything else exits 1. */
  get exitCode(): number {
    return this.code.startsWith('ONR-E1') ? ExitCode.input : ExitCode.failure;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.source ? { source: this.source } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Renders a source as `file:line:column`, `--flag`, `$ENV` or `profile P`. */
export function formatSource(source: ValueSource): string {
  switch (source.kind) {
    case 'file': {
      const pos =
        source.line === undefined ? '' : `:${source.line}${source.column ? `:${source.column}` : ''}`;
      return `${source.file}${pos}${source.path ? ` (${source.path})` : ''}`;
    }
    case 'flag':
      return source.flag;
    case 'env':
      return `$${source.name}`;
    case 'profile':
      return `profile ${source.profile}${source.file ? ` in ${source.file}` : ''}`;
    case 'api':
      return `${source.service}${source.field ? ` ${source.field}` : ''}`;
  }
}

export function isOnrampError(e: unknown): e is OnrampError {
  return e instanceof OnrampError;
}
