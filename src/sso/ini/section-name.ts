/**
 * What a section header means to the tools that read ~/.aws/config.
 *
 * botocore (configloader.py `build_profile_map`): a header starting with `profile`, `sso-session`
 * or `services` is split with `shlex.split`; exactly two words make a named section (so
 * `[profile "my name"]` is profile `my name`, and `[profiles x]` is, oddly, profile `x`), anything
 * else is silently dropped. `[default]` is the default profile; `[DEFAULT]` is configparser's
 * defaults section, whose keys appear in every section.
 *
 * The JS SDK (@smithy/core shared-ini-file-loader `parseIni`) is stricter: one space, an optional
 * matching quote, and a name of `[A-Za-z0-9_\-@+.%:/]` only. Names onramp writes satisfy both.
 */

export type SectionKind = 'profile' | 'sso-session' | 'services' | 'defaults' | 'other' | 'ignored';

export interface SectionIdentity {
  kind: SectionKind;
  /** The profile / sso-session / services name, or the raw header for `other`/`ignored`. */
  name: string;
}

const PREFIXED: ReadonlyArray<'profile' | 'sso-session' | 'services'> = [
  'profile',
  'sso-session',
  'services',
];

/** Python's `shlex.split` (POSIX mode, no comments); undefined where it raises ValueError. */
export function shlexSplit(s: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote === "'") {
      if (ch === "'") quote = '';
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = '';
      else if (ch === '\\' && i + 1 < s.length && (s[i + 1] === '"' || s[i + 1] === '\\')) word += s[++i];
      else if (ch === '\\' && i + 1 >= s.length) return undefined;
      else word += ch;
      continue;
    }
    // shlex's whitespace is ASCII only.
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === '\\') {
      if (i + 1 >= s.length) return undefined;
      word += s[++i];
    } else if (ch === "'" || ch === '"') quote = ch;
    else word += ch;
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words;
}

/** How botocore files a section with this header name. */
export function identifySection(header: string): SectionIdentity {
  for (const prefix of PREFIXED) {
    if (!header.startsWith(prefix)) continue;
    const parts = shlexSplit(header);
    if (parts?.length === 2) return { kind: prefix, name: parts[1] };
    return { kind: 'ignored', name: header };
  }
  if (header === 'default') return { kind: 'profile', name: 'default' };
  if (header === 'DEFAULT') return { kind: 'defaults', name: header };
  return { kind: 'other', name: header };
}

/** Names both botocore and the JS SDK read back unchanged as a profile or sso-session name. */
export const PORTABLE_NAME = /^[A-Za-z0-9_.@+/-]+$/;

/** The JS SDK's own rule for a name after `profile ` / `sso-session ` (parseIni's prefixKeyRegex). */
const JS_SDK_NAME = /^[A-Za-z0-9_\-@+.%:/]+$/;

/** Whether the JS SDK reads `[profile name]` / `[sso-session name]` as that name. */
export function isJsSdkCompatibleName(name: string): boolean {
  // parseIni throws for the whole file on this one (a prototype-pollution guard).
  return JS_SDK_NAME.test(name) && name !== '__proto__';
}

/**
 * Whether the JS SDK's parser starts a section at this line: after cutting a `#`/`;` comment that
 * starts the line or follows whitespace, the trimmed rest is `[…]`. botocore can disagree: an
 * indented `[x]` under a key continues that key's value there.
 */
export function jsSdkSeesHeader(line: string): boolean {
  const trimmed = line.split(/(?:^|\s)[;#]/)[0].trim();
  return trimmed.startsWith('[') && trimmed.endsWith(']');
}

/** The header onramp writes for a section of this kind. */
export function formatHeader(kind: 'profile' | 'sso-session', name: string): string {
  if (kind === 'profile' && name === 'default') return '[default]';
  return `[${kind} ${name}]`;
}

/** Same kind and name: botocore files both sections under one entry. */
export function sameIdentity(a: SectionIdentity, b: SectionIdentity): boolean {
  return a.kind === b.kind && a.name === b.name;
}
