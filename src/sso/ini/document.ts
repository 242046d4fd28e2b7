/**
 * A lossless, editable model of an AWS config/credentials file. `parse(text).toString() === text`
 * for any text; every edit touches only the lines it names, and new lines use the file's own line
 * break. Structure (sections, options, continuation lines) follows botocore's reader (classify.ts).
 */
import { classifyLines, type LineInfo } from './classify.js';
import {
  dominantEol,
  type Eol,
  joinLines,
  type Line,
  PY_WHITESPACE_CLASS,
  pyIndent,
  pyRstrip,
  pyStrip,
  type SplitText,
  splitLines,
} from './lines.js';
import { identifySection, type SectionIdentity } from './section-name.js';

export interface IniOption {
  /** Line index of `key = value`. */
  line: number;
  /** Line index of its last continuation line (== line for a one-line value). */
  last: number;
  /** Lower-cased name. */
  key: string;
  /** The value exactly as botocore returns it (multi-line values joined with '\n'). */
  value: string;
}

export interface IniSection {
  /** Line index of the header. */
  header: number;
  /** One past the section's last line (the next header, or the line count). */
  end: number;
  /** The name between the brackets, as configparser reads it. */
  name: string;
  identity: SectionIdentity;
  options: IniOption[];
  /** Line index of the last header/option/continuation/invalid line: where the section's content ends. */
  lastContent: number;
}

const VALUE_START = new RegExp(`^[=:]${PY_WHITESPACE_CLASS}*`);

export class IniDocument {
  private readonly bom: boolean;
  private lines: Line[];
  /** The line break used for added lines. */
  readonly eol: Exclude<Eol, ''>;
  private infoCache?: LineInfo[];
  private sectionCache?: IniSection[];

  private constructor(text: string | SplitText, eol?: Exclude<Eol, ''>) {
    const split = typeof text === 'string' ? splitLines(text) : text;
    this.bom = split.bom;
    this.lines = split.lines;
    this.eol = eol ?? dominantEol(this.lines);
  }

  static parse(text: string): IniDocument {
    return new IniDocument(text);
  }

  toString(): string {
    return joinLines({ bom: this.bom, lines: this.lines });
  }

  get hasBom(): boolean {
    return this.bom;
  }

  /** Whether some line ends in a lone CR (old Mac style), which the JS SDK does not split on. */
  get hasLoneCr(): boolean {
    return this.lines.some((l) => l.eol === '\r');
  }

  get lineCount(): number {
    return this.lines.length;
  }

  text(i: number): string {
    return this.lines[i].text;
  }

  info(i: number): LineInfo {
    this.infoCache ??= classifyLines(this.lines);
    return this.infoCache[i];
  }

  sections(): readonly IniSection[] {
    this.sectionCache ??= this.buildSections();
    return this.sectionCache;
  }

  private buildSections(): IniSection[] {
    const sections: IniSection[] = [];
    let current: IniSection | undefined;
    const byLine = new Map<number, { option: IniOption; parts: string[] }>();
    for (let i = 0; i < this.lines.length; i++) {
      const info = this.info(i);
      if (info.kind === 'header') {
        current = {
          header: i,
          end: this.lines.length,
          name: info.header!,
          identity: identifySection(info.header!),
          options: [],
          lastContent: i,
        };
        if (sections.length) sections[sections.length - 1].end = i;
        sections.push(current);
        continue;
      }
      if (!current) continue;
      if (info.kind === 'option') {
        const option: IniOption = { line: i, last: i, key: info.key!, value: info.value! };
        byLine.set(i, { option, parts: [info.value!] });
        current.options.push(option);
        current.lastContent = i;
      } else if (info.kind === 'continuation' || (info.kind === 'blank' && info.owner !== undefined)) {
        const entry = byLine.get(info.owner!);
        entry?.parts.push(info.value ?? '');
        if (info.kind === 'continuation') {
          if (entry) entry.option.last = i;
          current.lastContent = i;
        }
      } else if (info.kind === 'invalid') current.lastContent = i;
    }
    // configparser joins a multi-line value with '\n' and strips the end.
    for (const { option, parts } of byLine.values()) option.value = pyRstrip(parts.join('\n'));
    return sections;
  }

  private changed(): void {
    this.infoCache = undefined;
    this.sectionCache = undefined;
  }

  /** Replaces the text of one line, keeping its line break. */
  replaceLine(i: number, text: string): void {
    if (this.lines[i].text === text) return;
    this.lines[i] = { text, eol: this.lines[i].eol };
    this.changed();
  }

  /**
   * Runs `edit` on a document of lines `start..end-1` plus the line after them (so an edit sees the
   * same neighbours: nothing is "the last line" unless it is the file's), with this document's line
   * break, and splices the result back. Editing one section of a large file then costs the
   * section's size instead of a re-parse of the whole file. `start` must be a comment or a header
   * line (classification restarts there, as it does in the whole file).
   */
  editRange(start: number, end: number, edit: (part: IniDocument) => void): void {
    const through = Math.min(end + 1, this.lines.length);
    const part = new IniDocument(
      { bom: false, lines: this.lines.slice(start, through).map((l) => ({ ...l })) },
      this.eol,
    );
    edit(part);
    this.lines.splice(start, through - start, ...part.lines);
    this.changed();
  }

  /** Inserts lines after line `i` (-1: at the top). */
  insertAfter(i: number, texts: readonly string[]): void {
    if (!texts.length) return;
    const added: Line[] = texts.map((text) => ({ text, eol: this.eol }));
    const last = this.lines.length - 1;
    if (i === last) {
      this.lines[last] = { text: this.lines[last].text, eol: this.eol };
      added[added.length - 1] = { text: added[added.length - 1].text, eol: '' };
    }
    this.lines.splice(i + 1, 0, ...added);
    this.changed();
  }

  /**
   * Appends lines at the end. A file that ends with a line break keeps ending with one; a file
   * without a final break gets one only between its old last line and the new lines, so removing
   * the new lines again gives back the original bytes.
   */
  append(texts: readonly string[]): void {
    if (!texts.length) return;
    const last = this.lines.length - 1;
    if (last === 0 && this.lines[0].text === '') {
      this.lines = [...texts.map((text) => ({ text, eol: this.eol })), { text: '', eol: '' }];
      this.changed();
    } else if (this.lines[last].text === '') this.insertAfter(last - 1, texts);
    else this.insertAfter(last, texts);
  }

  /** Appends `[name]` with `key = value` lines (and comment lines above it, e.g. a marker). */
  addSection(
    name: string,
    entries: ReadonlyArray<readonly [string, string]>,
    commentsAbove: readonly string[] = [],
  ): void {
    this.append([...commentsAbove, `[${name}]`, ...entries.map(([k, v]) => `${k} = ${v}`)]);
  }

  /**
   * Removes a section from its header through its last key (comments and blank lines after it
   * stay: they usually introduce the next section), plus `linesAbove` lines directly above it.
   */
  removeSection(section: IniSection, linesAbove = 0): void {
    this.removeRange(section.header - linesAbove, section.lastContent);
  }

  /** Removes lines `start..last` (inclusive), the inverse of insertAfter/append. */
  removeRange(start: number, last: number): void {
    if (last < start) return;
    const final = this.lines.length - 1;
    if (last === final) {
      if (start === 0) this.lines = [{ text: '', eol: '' }];
      else {
        this.lines[start - 1] = { text: this.lines[start - 1].text, eol: '' };
        this.lines.splice(start, last - start + 1);
      }
    } else this.lines.splice(start, last - start + 1);
    this.changed();
  }

  /**
   * Sets `key` in a section: rewrites only the value part of its (last) line, or adds
   * `key = value`. A new line goes after the last line of the last `after` key present, else right
   * below the header when `after` is given (inside the section for every reader, even when the
   * section ends in lines the JS SDK and botocore disagree on), else after the section's content.
   * Returns whether the text changed.
   */
  setValue(section: IniSection, key: string, value: string, after?: readonly string[]): boolean {
    const existing = section.options.filter((o) => o.key === key).at(-1);
    if (!existing) {
      const anchor = after && section.options.filter((o) => after.includes(o.key)).at(-1);
      const at = after ? (anchor ? anchor.last : section.header) : section.lastContent;
      const line = `${key}${this.separatorStyle(section)}${value}`;
      this.insertAfter(at, [this.indentBefore(at + 1) + line]);
      return true;
    }
    if (existing.value === value && existing.last === existing.line && this.isCanonicalKey(existing))
      return false;
    if (existing.last > existing.line) this.removeRange(existing.line + 1, existing.last);
    const text = this.lines[existing.line].text;
    let newText: string;
    if (this.isCanonicalKey(existing)) {
      const delim = text.search(/[=:]/);
      const start = delim + (VALUE_START.exec(text.slice(delim))?.[0].length ?? 1);
      const end = pyRstrip(text).length;
      // `key =` with nothing after it: give the new value the usual single space.
      newText =
        start >= end ? `${text.slice(0, end)} ${value}` : text.slice(0, start) + value + text.slice(end);
    } else newText = `${text.slice(0, pyIndent(text))}${key} = ${value}`;
    this.replaceLine(existing.line, newText);
    return true;
  }

  /** Removes every line of `key` (with its continuation lines) from a section. */
  removeKey(section: IniSection, key: string): boolean {
    const hits = section.options.filter((o) => o.key === key);
    for (const hit of [...hits].reverse()) this.removeRange(hit.line, hit.last);
    return hits.length > 0;
  }

  /**
   * Whether a key line reads the same in botocore and the JS SDK: the name is already lower case
   * and the delimiter is `=` (the JS SDK does not accept `:`).
   */
  private isCanonicalKey(option: IniOption): boolean {
    const stripped = pyStrip(this.lines[option.line].text);
    const delim = stripped.search(/[=:]/);
    return stripped[delim] === '=' && pyRstrip(stripped.slice(0, delim)) === option.key;
  }

  /**
   * The indentation for a line inserted at `at`: that of the next non-blank, non-comment line.
   * Deeper would turn that line into a continuation of ours; this never exceeds the indent of the
   * option above (options in a section never indent deeper than the one before them).
   */
  private indentBefore(at: number): string {
    for (let i = at; i < this.lines.length; i++) {
      const kind = this.info(i).kind;
      if (kind === 'blank' || kind === 'comment') continue;
      return this.lines[i].text.slice(0, pyIndent(this.lines[i].text));
    }
    return '';
  }

  /** ' = ' unless the section's first option is written `key=value`. */
  private separatorStyle(section: IniSection): string {
    const first = section.options[0];
    if (!first) return ' = ';
    return /^[^=:]*[^\s=:]=\S/.test(this.lines[first.line].text.trim()) ? '=' : ' = ';
  }
}
