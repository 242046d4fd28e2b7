/**
 * Everything a command prints goes through here: results to stdout (text or --json), progress and
 * logs to stderr, colour only on a TTY and never with --no-color or NO_COLOR.
 */
import { formatSource, OnrampError } from '../core/errors.js';

export interface OutputOptions {
  json: boolean;
  color: boolean;
  debug: boolean;
}

export class Output {
  constructor(
    readonly options: OutputOptions,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  /** A command's result: `text` for people, `value` for --json. */
  result(value: unknown, text?: string): void {
    if (this.options.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else if (text !== undefined) this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Raw lines on stdout (e.g. `export …` lines meant for eval). */
  line(text: string): void {
    this.stdout.write(`${text}\n`);
  }

  /** Diagnostics for people; never part of machine output. */
  log(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  paint(code: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string): string {
    if (!this.options.color) return text;
    const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
    return `\u001b[${codes[code]}m${text}\u001b[0m`;
  }

  /** Renders a failure: one line, the source, the hint; JSON on stdout with --json. */
  error(e: unknown): number {
    const err =
      e instanceof OnrampError
        ? e
        : new OnrampError('ONR-E900', e instanceof Error ? e.message : String(e), {
            hint: 'This is a bug in onramp if it keeps happening; run again with --debug for the stack trace.',
            cause: e,
          });
    if (this.options.json) {
      this.stdout.write(`${JSON.stringify({ error: err.toJSON() }, null, 2)}\n`);
    } else {
      const where = err.source ? `${formatSource(err.source)}: ` : '';
      this.stderr.write(`${this.paint('red', `error ${err.code}`)}: ${where}${err.message}\n`);
      if (err.hint) this.stderr.write(`  hint: ${err.hint}\n`);
    }
    if (this.options.debug) this.stderr.write(`${(err.cause as Error)?.stack ?? err.stack}\n`);
    return err.exitCode;
  }
}

/** Colour is on for a TTY unless NO_COLOR is set (https://no-color.org) or --no-color given. */
export function colorWanted(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stderr): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return !!stream.isTTY;
}
