/**
 * The effective configuration exactly as botocore (AWS CLI v1/v2, boto3) reads it, with the line
 * each value came from and the problems that make tools disagree or fail.
 *
 * botocore's rules (configloader.py `raw_config_parse`, `build_profile_map`):
 * - configparser runs in strict mode: a repeated `[same header]` or a repeated key in a section
 *   makes the whole file unreadable (ConfigParseError), as does a BOM, content before the first
 *   header, or a line without `=`/`:`. We still return best-effort values (later lines win, like the
 *   JS SDK's reader) and mark the problem `fatal`.
 * - differently spelled headers for the same profile (`[profile a]`, `[profile  a]`,
 *   `[profile "a"]`, `[default]` vs `[profile default]`) are distinct sections; the later one
 *   replaces the earlier one wholesale (no merge).
 * - an option whose value starts on the next, indented lines is a nested map (`s3 =` …).
 * - keys of a `[DEFAULT]` section appear in every section that does not set them.
 */
import type { IniDocument, IniSection } from './document.js';
import { identifySection, isJsSdkCompatibleName } from './section-name.js';

export type ProblemCode =
  | 'bom'
  | 'orphan-line'
  | 'invalid-line'
  | 'empty-key'
  | 'duplicate-section'
  | 'duplicate-key'
  | 'nested-value'
  | 'shadowed-section'
  | 'ignored-section'
  | 'defaults-section'
  | 'js-sdk-name'
  | 'js-sdk-line-breaks';

export interface IniProblem {
  code: ProblemCode;
  /** 1-based line number. */
  line: number;
  /** botocore refuses to read the whole file. */
  fatal: boolean;
  message: string;
}

export interface ViewValue {
  value: string | Readonly<Record<string, string>>;
  /** 1-based line number of the `key = value` line. */
  line: number;
}

export interface ViewSection {
  /** 1-based line number of the header. */
  line: number;
  header: string;
  values: ReadonlyMap<string, ViewValue>;
}

export interface BotocoreView {
  profiles: ReadonlyMap<string, ViewSection>;
  ssoSessions: ReadonlyMap<string, ViewSection>;
  services: ReadonlyMap<string, ViewSection>;
  /** Other sections (`[plugins]`, `[preview]`…), by raw header. */
  other: ReadonlyMap<string, ViewSection>;
  problems: readonly IniProblem[];
  /** botocore would raise ConfigParseError for this file. */
  fatal: boolean;
}

function nested(value: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const raw of value.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at < 0) return undefined;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

type AddProblem = (code: ProblemCode, line0: number, fatal: boolean, message: string) => void;

export interface RawView {
  /** Sections by exact header, in first-appearance order, with `[DEFAULT]` keys merged in. */
  sections: ReadonlyMap<string, ViewSection>;
  problems: IniProblem[];
}

/**
 * What configparser returns: sections by exact header (botocore's `raw_config_parse`, which is
 * also how it reads ~/.aws/credentials, where a header is the profile name itself).
 */
export function rawSections(doc: IniDocument): RawView {
  const problems: IniProblem[] = [];
  const problem: AddProblem = (code, line0, fatal, message) =>
    problems.push({ code, line: line0 + 1, fatal, message });
  if (doc.hasBom)
    problem('bom', 0, true, 'the file starts with a byte-order mark, which botocore cannot parse');
  if (doc.hasLoneCr) {
    problem(
      'js-sdk-line-breaks',
      0,
      false,
      'lines end in a lone CR: the AWS SDK for JavaScript reads the file as one line',
    );
  }
  for (let i = 0; i < doc.lineCount; i++) {
    const kind = doc.info(i).kind;
    if (kind === 'orphan') problem('orphan-line', i, true, 'content before the first [section] header');
    if (kind === 'invalid')
      problem('invalid-line', i, true, 'a line that is neither [section] nor key = value');
  }
  const raw = new Map<string, { line: number; values: Map<string, ViewValue> }>();
  const defaults = new Map<string, ViewValue>();
  for (const section of doc.sections()) {
    const isDefaults = section.name === 'DEFAULT';
    let target = isDefaults ? { line: section.header, values: defaults } : raw.get(section.name);
    if (!target) {
      target = { line: section.header, values: new Map() };
      raw.set(section.name, target);
    } else if (!isDefaults) {
      problem(
        'duplicate-section',
        section.header,
        true,
        `[${section.name}] appears again (first at line ${target.line + 1})`,
      );
    }
    if (isDefaults)
      problem('defaults-section', section.header, false, '[DEFAULT] keys apply to every section');
    addValues(section, target.values, problem);
  }
  const sections = new Map<string, ViewSection>();
  for (const [header, { line, values }] of raw) {
    const merged = new Map(values);
    for (const [k, v] of defaults) if (!merged.has(k)) merged.set(k, v);
    sections.set(header, { line: line + 1, header, values: merged });
  }
  return { sections, problems };
}

/** Profiles, sso-sessions, services and other sections the way botocore's `load_config` files them. */
export function botocoreView(doc: IniDocument): BotocoreView {
  const { sections, problems } = rawSections(doc);
  const problem: AddProblem = (code, line0, fatal, message) =>
    problems.push({ code, line: line0 + 1, fatal, message });
  const profiles = new Map<string, ViewSection>();
  const ssoSessions = new Map<string, ViewSection>();
  const services = new Map<string, ViewSection>();
  const other = new Map<string, ViewSection>();
  for (const [header, view] of sections) {
    const identity = identifySection(header);
    const line = view.line - 1;
    const bucket =
      identity.kind === 'profile'
        ? profiles
        : identity.kind === 'sso-session'
          ? ssoSessions
          : identity.kind === 'services'
            ? services
            : undefined;
    if (identity.kind === 'ignored') {
      problem(
        'ignored-section',
        line,
        false,
        `botocore ignores [${header}]: it needs exactly one name after the prefix`,
      );
    } else if (identity.kind === 'other') other.set(header, view);
    if (!bucket) continue;
    const earlier = bucket.get(identity.name);
    if (earlier) {
      problem(
        'shadowed-section',
        line,
        false,
        `[${header}] replaces [${earlier.header}] at line ${earlier.line}`,
      );
    }
    if ((identity.kind === 'profile' || identity.kind === 'sso-session') && identity.name !== 'default') {
      if (!isJsSdkCompatibleName(identity.name)) {
        problem(
          'js-sdk-name',
          line,
          false,
          `the AWS SDK for JavaScript cannot read [${header}]: use only A-Z a-z 0-9 _ - . @ + / in names`,
        );
      }
    }
    bucket.set(identity.name, view);
  }
  problems.sort((a, b) => a.line - b.line);
  return { profiles, ssoSessions, services, other, problems, fatal: problems.some((p) => p.fatal) };
}

function addValues(section: IniSection, values: Map<string, ViewValue>, problem: AddProblem): void {
  const seen = new Set<string>();
  for (const option of section.options) {
    if (option.key === '') problem('empty-key', option.line, true, 'a key = value line without a key');
    if (seen.has(option.key) || values.has(option.key)) {
      problem('duplicate-key', option.line, true, `${option.key} is set more than once in [${section.name}]`);
    }
    seen.add(option.key);
    let value: string | Record<string, string> = option.value;
    if (option.value.startsWith('\n')) {
      const map = nested(option.value);
      if (map) value = map;
      else
        problem('nested-value', option.line, true, `${option.key}: every indented line must be key = value`);
    }
    values.set(option.key, { value, line: option.line + 1 });
  }
}

/** The string value of a key (undefined for nested maps and missing keys). */
export function stringValue(section: ViewSection | undefined, key: string): string | undefined {
  const v = section?.values.get(key)?.value;
  return typeof v === 'string' ? v : undefined;
}
