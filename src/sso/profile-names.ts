/**
 * Profile names from a template, made safe for every reader and unique across sessions.
 *
 * Safe means the characters botocore (shlex-split header) and the JS SDK (parseIni's
 * `[\w\-@+.%:/]+`) both read back unchanged, minus `%` and `:` which other INI readers treat
 * specially: A-Z a-z 0-9 _ - . @ + /. Unique means two accounts/roles never share a name: colliding
 * names get a short hash of session, account id and role, so the suffix is the same whatever the
 * order or the other entries.
 */
import { createHash } from 'node:crypto';
import { OnrampError } from '../core/errors.js';
import { SsoFileError } from './errors.js';

export interface ProfileNameInput {
  /** The sso-session name. */
  session: string;
  /** The account's name in the organization (falls back to the id when empty). */
  accountName: string;
  accountId: string;
  roleName: string;
}

export const DEFAULT_PROFILE_TEMPLATE = '{account}/{role}';

const PLACEHOLDERS = ['account', 'accountId', 'role', 'session'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

/** Throws ONR-E306 unless the template only uses known placeholders and balanced braces. */
export function validateTemplate(template: string): void {
  const bad = (why: string) =>
    new OnrampError(
      SsoFileError.badTemplate,
      `reading profile name template ${JSON.stringify(template)}: ${why}`,
      {
        hint: `use the placeholders ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}, e.g. "${DEFAULT_PROFILE_TEMPLATE}"`,
      },
    );
  const stripped = template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    if (!PLACEHOLDERS.includes(name as Placeholder)) throw bad(`unknown placeholder {${name}}`);
    return '';
  });
  if (/[{}]/.test(stripped)) throw bad('unbalanced braces');
  if (!/\{(account|accountId)\}/.test(template) || !/\{role\}/.test(template)) {
    throw bad('it must contain {role} and {account} or {accountId}, or profiles would share names');
  }
}

/** Fills the placeholders (before sanitising). */
export function renderTemplate(template: string, input: ProfileNameInput): string {
  const values: Record<Placeholder, string> = {
    account: input.accountName || input.accountId,
    accountId: input.accountId,
    role: input.roleName,
    session: input.session,
  };
  return template.replace(/\{(account|accountId|role|session)\}/g, (_, name: Placeholder) => values[name]);
}

/** Maps any text onto a portable profile/sso-session name. */
export function sanitizeProfileName(raw: string): string {
  const name = raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9_.@+/-]+/g, '-')
    .replace(/-*\/[-/]*/g, '/')
    .replace(/-{2,}/g, '-')
    .replace(/^[-./]+|[-./]+$/g, '');
  return name === '' || name === '__proto__' ? 'profile' : name;
}

/** The stable suffix for one account/role of one session. */
export function profileSuffix(input: ProfileNameInput, length = 6): string {
  const key = `${input.session}\n${input.accountId}\n${input.roleName}`;
  return createHash('sha1').update(key).digest('hex').slice(0, length);
}

export interface ProfileNameOptions {
  template?: string;
  /** Names that must not be produced (e.g. sections onramp does not own). */
  reserved?: Iterable<string>;
}

const SUFFIX_LENGTHS = [0, 6, 10, 40];

/**
 * One profile name per input, in input order. Inputs for the same session/account/role get the
 * same name; any other clash gets a hash suffix on every clashing entry (never only the second,
 * which would make names depend on order).
 */
export function profileNames(
  inputs: readonly ProfileNameInput[],
  options: ProfileNameOptions = {},
): string[] {
  const template = options.template ?? DEFAULT_PROFILE_TEMPLATE;
  validateTemplate(template);
  const reserved = new Set(options.reserved ?? []);
  const keyOf = (i: ProfileNameInput) => `${i.session}\n${i.accountId}\n${i.roleName}`;
  const entries = new Map<string, { input: ProfileNameInput; base: string; level: number }>();
  for (const input of inputs) {
    if (!entries.has(keyOf(input))) {
      entries.set(keyOf(input), {
        input,
        base: sanitizeProfileName(renderTemplate(template, input)),
        level: 0,
      });
    }
  }
  const nameOf = (e: { input: ProfileNameInput; base: string; level: number }) =>
    e.level ? `${e.base}-${profileSuffix(e.input, SUFFIX_LENGTHS[e.level])}` : e.base;
  for (let round = 0; round < SUFFIX_LENGTHS.length; round++) {
    const byName = new Map<string, string[]>();
    for (const [key, e] of entries) byName.set(nameOf(e), [...(byName.get(nameOf(e)) ?? []), key]);
    let clashed = false;
    for (const [name, keys] of byName) {
      if (keys.length < 2 && !reserved.has(name)) continue;
      for (const key of keys) {
        const e = entries.get(key)!;
        if (e.level < SUFFIX_LENGTHS.length - 1) {
          e.level++;
          clashed = true;
        }
      }
    }
    if (!clashed) break;
  }
  return inputs.map((input) => nameOf(entries.get(keyOf(input))!));
}
