/**
 * A strict JSON parser (RFC 8259) that remembers where every value and every object key is, so that
 * findings can point at file:line:column. JSON.parse gives neither positions nor duplicate keys, and
 * policies are small, so a hand-written recursive-descent parser is simpler than a dependency.
 */
import type { DocPath, Locator, Region } from './types.js';

interface Span {
  start: number;
  end: number;
}

export interface DuplicateKey {
  /** Path of the object holding the key twice, plus the key. */
  path: DocPath;
  first: Region;
  second: Region;
}

export type JsonParse =
  | { ok: true; value: unknown; locate: Locator; duplicates: DuplicateKey[] }
  | { ok: false; message: string; region: Region };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 256;
const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** Offsets to 1-based line/column; a BOM does not count as a column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly bom: boolean;
  constructor(text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff;
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const shift = lo === 0 && this.bom && offset > 0 ? 1 : 0;
    return { line: lo + 1, column: offset - this.starts[lo] + 1 - shift };
  }
  region(span: Span): Region {
    const a = this.position(span.start);
    const b = this.position(span.end);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }
}

const keyOf = (path: DocPath): string => JSON.stringify(path);

class Parser {
  pos = 0;
  readonly values = new Map<string, Span>();
  readonly keys = new Map<string, Span>();
  readonly duplicates: { path: DocPath; first: Span; second: Span }[] = [];

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(message, offset);
  }

  skipWs(): void {
    while (this.pos < this.text.length && WS.has(this.text[this.pos])) this.pos++;
  }

  describe(offset: number): string {
    return offset >= this.text.length ? 'end of input' : `'${this.text[offset]}'`;
  }

  document(): unknown {
    this.skipWs();
    const value = this.value([], 0);
    this.skipWs();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe(this.pos)} after the JSON value`);
    return value;
  }

  value(path: DocPath, depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const start = this.pos;
    const c = this.text[this.pos];
    let v: unknown;
    if (c === '{') v = this.object(path, depth);
    else if (c === '[') v = this.array(path, depth);
    else if (c === '"') v = this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) v = this.number();
    else if (this.text.startsWith('true', this.pos)) v = this.literal('true', true);
    else if (this.text.startsWith('false', this.pos)) v = this.literal('false', false);
    else if (this.text.startsWith('null', this.pos)) v = this.literal('null', null);
    else this.fail(`unexpected ${this.describe(this.pos)}, expected a JSON value`);
    this.values.set(keyOf(path), { start, end: this.pos });
    return v;
  }

  literal<T>(word: string, v: T): T {
    this.pos += word.length;
    return v;
  }

  number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m || m[0] === '-') this.fail('malformed number');
    this.pos += m[0].length;
    return Number(m[0]);
  }

  string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string', start);
      const ch = this.text[this.pos];
      if (ch === '"') break;
      if (ch === '\n' || ch === '\r') this.fail('unterminated string (a string cannot span lines)', start);
      if (ch.charCodeAt(0) < 0x20) this.fail('control character in a string (escape it, e.g. \\t)');
      if (ch === '\\') {
        const e = this.text[this.pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
            this.fail('\\u must be followed by four hex digits');
          this.pos += 6;
          continue;
        }
        if (!ESCAPES.has(e)) this.fail(`invalid escape \\${e ?? ''}`);
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    this.pos++;
    // The raw text is valid JSON string syntax by now, so JSON.parse decodes its escapes exactly.
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  expect(ch: string, context: string): void {
    this.skipWs();
    if (this.text[this.pos] !== ch) this.fail(`unexpected ${this.describe(this.pos)}, expected ${context}`);
    this.pos++;
  }

  object(path: DocPath, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, Span>();
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') {
        const trailing = this.text[this.pos] === '}' && Object.keys(out).length > 0;
        this.fail(
          `unexpected ${this.describe(this.pos)}, expected a "key"${trailing ? ' (a trailing comma?)' : ''}`,
        );
      }
      const keyStart = this.pos;
      const key = this.string();
      const keySpan = { start: keyStart, end: this.pos };
      const child = [...path, key];
      const earlier = seen.get(key);
      if (earlier) this.duplicates.push({ path: child, first: earlier, second: keySpan });
      seen.set(key, keySpan);
      this.keys.set(keyOf(child), keySpan);
      this.expect(':', "':' after the key");
      this.skipWs();
      // defineProperty, because assigning "__proto__" would change the prototype instead.
      Object.defineProperty(out, key, {
        value: this.value(child, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWs();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return out;
      }
      this.fail(`unexpected ${this.describe(this.pos)}, expected ',' or '}'`);
    }
  }

  array(path: DocPath, depth: number): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] === ']') this.fail("unexpected ']', expected a JSON value (a trailing comma?)");
      out.push(this.value([...path, out.length], depth + 1));
      this.skipWs();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return out;
      }
      this.fail(`unexpected ${this.describe(this.pos)}, expected ',' or ']'`);
    }
  }
}

/** Parses JSON text; never throws. Syntax errors carry the position of the offending character. */
export function parseJsonWithPositions(text: string): JsonParse {
  const lines = new LineIndex(text);
  const p = new Parser(text);
  let value: unknown;
  try {
    value = p.document();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const at = Math.min(e.offset, text.length);
    return { ok: false, message: e.message, region: lines.region({ start: at, end: at + 1 }) };
  }
  const locate: Locator = (path, at = 'value') => {
    for (let n = path.length; n >= 0; n--) {
      const k = keyOf(path.slice(0, n));
      const span = (at === 'key' && n === path.length ? p.keys.get(k) : undefined) ?? p.values.get(k);
      if (span) return lines.region(span);
    }
    return { startLine: 1, startColumn: 1 };
  };
  const duplicates = p.duplicates.map((d) => ({
    path: d.path,
    first: lines.region(d.first),
    second: lines.region(d.second),
  }));
  return { ok: true, value, locate, duplicates };
}
