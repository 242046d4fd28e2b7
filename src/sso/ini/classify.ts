/**
 * Line classification that mirrors CPython's `configparser.RawConfigParser._read`, which botocore
 * uses for ~/.aws/config and ~/.aws/credentials (botocore/configloader.py `raw_config_parse`):
 * - full-line comments start with `#` or `;` after whitespace; there are no inline comments, so
 *   `region = x # y` has the value `x # y`;
 * - a line indented deeper than the last option (or section header) line continues that option's
 *   value, even if it looks like a section header; blank lines inside such a value belong to it;
 * - a header is `[` … the last `]` of the stripped line, whatever follows;
 * - an option is split at the first `=` or `:`, its name is lower-cased.
 * https://github.com/python/cpython/blob/3.11/Lib/configparser.py (RawConfigParser._read)
 */
import { type Line, pyIndent, pyRstrip, pyStrip } from './lines.js';

export type LineKind =
  /** Whitespace only. */
  | 'blank'
  /** `#` or `;` after optional whitespace. */
  | 'comment'
  | 'header'
  | 'option'
  /** Indented deeper than the option above it: part of that option's value. */
  | 'continuation'
  /** Inside a section but neither header nor `key = value` (botocore fails to parse the file). */
  | 'invalid'
  /** Content before the first section header (botocore fails to parse the file). */
  | 'orphan';

export interface LineInfo {
  kind: LineKind;
  /** header: the section name as configparser sees it (between `[` and the last `]`). */
  header?: string;
  /** option: the lower-cased name (configparser's optionxform). */
  key?: string;
  /** option: the value on the option line, stripped; continuation: the stripped line. */
  value?: string;
  /** continuation, or a blank line inside a multi-line value: the index of its option line. */
  owner?: number;
}

const HEADER = /^\[([\s\S]+)\]/;

/** Finds the first `=` or `:` (configparser's default delimiters). */
function delimiterIndex(s: string): number {
  for (let i = 0; i < s.length; i++) if (s[i] === '=' || s[i] === ':') return i;
  return -1;
}

/** Splits an option line into name and value the way configparser's OPTCRE does. */
export function splitOption(stripped: string): { rawKey: string; value: string } | undefined {
  const at = delimiterIndex(stripped);
  if (at < 0) return undefined;
  return { rawKey: pyRstrip(stripped.slice(0, at)), value: pyStrip(stripped.slice(at + 1)) };
}

/** Classifies every line, carrying configparser's state (current section, open option, indent). */
export function classifyLines(lines: readonly Line[]): LineInfo[] {
  const out: LineInfo[] = [];
  let inSection = false;
  let owner = -1;
  let indentLevel = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    const stripped = pyStrip(text);
    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      out.push({ kind: 'comment' });
      continue;
    }
    if (stripped === '') {
      out.push(inSection && owner >= 0 ? { kind: 'blank', owner } : { kind: 'blank' });
      continue;
    }
    const indent = pyIndent(text);
    if (inSection && owner >= 0 && indent > indentLevel) {
      out.push({ kind: 'continuation', owner, value: stripped });
      continue;
    }
    indentLevel = indent;
    const header = HEADER.exec(stripped);
    if (header) {
      inSection = true;
      owner = -1;
      out.push({ kind: 'header', header: header[1] });
      continue;
    }
    if (!inSection) {
      out.push({ kind: 'orphan' });
      continue;
    }
    const option = splitOption(stripped);
    if (!option) {
      // configparser records the error and keeps the previous option open for continuations.
      out.push({ kind: 'invalid' });
      continue;
    }
    owner = i;
    out.push({ kind: 'option', key: option.rawKey.toLowerCase(), value: option.value });
  }
  return out;
}
