/**
 * What onramp wants in ~/.aws/config, validated so that every name and value reads back identically
 * in botocore and the JS SDK, and rendered as the keys `aws configure sso` writes, in its order.
 */
import { OnrampError } from '../../core/errors.js';
import { SsoFileError } from '../errors.js';
import { PORTABLE_NAME } from '../ini/section-name.js';

export interface DesiredSsoSession {
  name: string;
  startUrl: string;
  /** The Identity Center region (sso_region). */
  region: string;
  /** sso_registration_scopes; the CLI's default is sso:account:access. */
  registrationScopes?: readonly string[];
}

export interface DesiredProfile {
  name: string;
  ssoSession: string;
  accountId: string;
  roleName: string;
  /** The default region for commands run with this profile. */
  region?: string;
  output?: string;
  /** More keys onramp should manage (lower case, e.g. cli_pager). */
  extra?: Readonly<Record<string, string>>;
}

export interface DesiredConfig {
  ssoSessions: readonly DesiredSsoSession[];
  profiles: readonly DesiredProfile[];
}

/** A section as onramp wants it: kind, name, the session its marker names, keys in order. */
export interface RenderedSection {
  kind: 'profile' | 'sso-session';
  name: string;
  session: string;
  entries: ReadonlyArray<readonly [string, string]>;
}

const KEY = /^[a-z0-9_.-]+$/;

function unsafe(what: string, value: string, why: string): OnrampError {
  return new OnrampError(SsoFileError.unsafeValue, `writing ${what} ${JSON.stringify(value)}: ${why}`, {
    hint: 'AWS config values must be one line without leading/trailing spaces, and without " #" or " ;" (the JS SDK cuts a value there)',
  });
}

/** Throws unless the value survives both readers unchanged. */
export function assertSafeValue(what: string, value: string): void {
  if (value === '') throw unsafe(what, value, 'it is empty (the JS SDK reads `key =` as a sub-section)');
  if (/[\r\n\u2028\u2029\u0085]/.test(value)) throw unsafe(what, value, 'it contains a line break');
  if (value.trim() !== value || /^[\s\uFEFF\x1c-\x1f]|[\s\uFEFF\x1c-\x1f]$/.test(value)) {
    throw unsafe(what, value, 'it starts or ends with whitespace, which readers strip');
  }
  if (/(^|\s)[#;]/.test(value))
    throw unsafe(what, value, 'the JS SDK treats " #" and " ;" as the start of a comment');
}

/** Throws unless `name` is a portable profile/sso-session name (see PORTABLE_NAME). */
export function assertPortableName(kind: string, name: string): void {
  if (!PORTABLE_NAME.test(name) || name === '__proto__') {
    throw new OnrampError(
      SsoFileError.unsafeValue,
      `writing ${kind} name ${JSON.stringify(name)}: not portable`,
      {
        hint: 'use only A-Z a-z 0-9 _ - . @ + / (see sanitizeProfileName)',
      },
    );
  }
}

/** The keys `aws configure sso-session` writes, in its order. */
export function renderSession(s: DesiredSsoSession): RenderedSection {
  assertPortableName('sso-session', s.name);
  const entries: Array<[string, string]> = [
    ['sso_start_url', s.startUrl],
    ['sso_region', s.region],
  ];
  if (s.registrationScopes?.length) entries.push(['sso_registration_scopes', s.registrationScopes.join(',')]);
  for (const [k, v] of entries) assertSafeValue(`[sso-session ${s.name}] ${k}`, v);
  return { kind: 'sso-session', name: s.name, session: s.name, entries };
}

/** The keys `aws configure sso` writes for a profile, in its order, then `extra`. */
export function renderProfile(p: DesiredProfile): RenderedSection {
  assertPortableName('profile', p.name);
  assertPortableName('sso-session', p.ssoSession);
  const entries: Array<[string, string]> = [
    ['sso_session', p.ssoSession],
    ['sso_account_id', p.accountId],
    ['sso_role_name', p.roleName],
  ];
  if (p.region !== undefined) entries.push(['region', p.region]);
  if (p.output !== undefined) entries.push(['output', p.output]);
  for (const [k, v] of Object.entries(p.extra ?? {})) {
    if (!KEY.test(k) || entries.some(([e]) => e === k))
      throw unsafe(`[profile ${p.name}] key`, k, 'not a plain lower-case key');
    entries.push([k, v]);
  }
  for (const [k, v] of entries) assertSafeValue(`[profile ${p.name}] ${k}`, v);
  return { kind: 'profile', name: p.name, session: p.ssoSession, entries };
}

/** Renders and checks the whole desired config; identical duplicates collapse, conflicting ones throw. */
export function renderDesired(desired: DesiredConfig): RenderedSection[] {
  const out = new Map<string, RenderedSection>();
  const all = [...desired.ssoSessions.map(renderSession), ...desired.profiles.map(renderProfile)];
  for (const section of all) {
    const id = `${section.kind}\0${section.name}`;
    const before = out.get(id);
    if (before && JSON.stringify(before) !== JSON.stringify(section)) {
      throw new OnrampError(
        SsoFileError.conflictingDesired,
        `planning [${section.kind} ${section.name}]: it is wanted twice with different settings`,
        {
          hint: 'give the two profiles different names (a profile name template with {session} or {accountId})',
          details: { first: before, second: section },
        },
      );
    }
    out.set(id, section);
  }
  return [...out.values()];
}
