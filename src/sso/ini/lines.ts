/**
 * The lossless layer under the INI model: a file is a list of lines, each with the exact line break
 * that followed it, plus an optional byte-order mark. Joining them gives back the original text.
 *
 * Line breaks are split the way Python's universal-newline reader does (`\r\n`, `\n` and a lone
 * `\r`), because botocore reads the file through it:
 * https://docs.python.org/3/library/functions.html#open-newline-parameter
 */

/** A line break as found in the file; '' only on the last line. */
export type Eol = '\n' | '\r\n' | '\r' | '';

export interface Line {
  /** The line without its break. */
  text: string;
  eol: Eol;
}

export interface SplitText {
  bom: boolean;
  /** Never empty; the last line has eol '' (it is '' when the file ends with a break). */
  lines: Line[];
}

const BOM = '\ufeff';

/** Splits text into lines, each keeping its own break. */
export function splitLines(text: string): SplitText {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    lines.push({ text: body.slice(start, m.index), eol: m[0] as Eol });
    start = m.index + m[0].length;
  }
  lines.push({ text: body.slice(start), eol: '' });
  return { bom, lines };
}

/** The exact inverse of splitLines. */
export function joinLines(split: SplitText): string {
  let out = split.bom ? BOM : '';
  for (const line of split.lines) out += line.text + line.eol;
  return out;
}

/**
 * The break onramp uses for lines it adds: the one the file already uses most (ties go to the
 * first seen), '\n' for a file without any.
 */
export function dominantEol(lines: readonly Line[]): Exclude<Eol, ''> {
  const counts = new Map<Exclude<Eol, ''>, number>();
  let first: Exclude<Eol, ''> | undefined;
  for (const { eol } of lines) {
    if (!eol) continue;
    if (!first) first = eol;
    counts.set(eol, (counts.get(eol) ?? 0) + 1);
  }
  if (!first) return '\n';
  let best = first;
  for (const [eol, n] of counts) if (n > (counts.get(best) ?? 0)) best = eol;
  return best;
}

/**
 * Python's `str.isspace()` set, which `str.strip()` and configparser's indentation (`\S`) use.
 * It differs from JavaScript's `\s`: it has U+001C..U+001F and U+0085 but not U+FEFF.
 */
const PY_WS =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_WS_CLASS = `[${PY_WS}]`;
const LEADING = new RegExp(`^${PY_WS_CLASS}+`);
const TRAILING = new RegExp(`${PY_WS_CLASS}+$`);
const NON_WS = new RegExp(`[^${PY_WS}]`);

/** Python's `str.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(LEADING, '').replace(TRAILING, '');
}

/** Python's `str.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(TRAILING, '');
}

/** Index of the first non-whitespace character (configparser's indent level); 0 for blank lines. */
export function pyIndent(s: string): number {
  const m = NON_WS.exec(s);
  return m ? m.index : 0;
}

/** The Python whitespace character class, for building other patterns. */
export const PY_WHITESPACE_CLASS = PY_WS_CLASS;
