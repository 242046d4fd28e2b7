/**
 * IAM Identity Center settings read the way botocore reads them: a profile with `sso_session`
 * takes sso_start_url / sso_region / sso_registration_scopes from its `[sso-session NAME]`; a legacy
 * profile carries sso_start_url and sso_region itself. Every value keeps the file:line it came from.
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html
 */
import { OnrampError, type ValueSource } from '../core/errors.js';
import type { AwsSetup, SourcedSection } from './aws-setup.js';
import type { RegistrationKey } from './client-registration.js';
import type { CredentialCacheKey } from './credential-cache.js';
import type { Env } from './paths.js';
import type { TokenCacheKey } from './token-cache.js';
import { SsoUserError } from './user-errors.js';

export interface SsoSessionConfig {
  /** The sso-session name; undefined for a legacy profile (token keyed by start URL). */
  name?: string;
  startUrl: string;
  /** sso_region: where Identity Center (OIDC and the portal) lives. */
  region: string;
  /** sso_registration_scopes as a list; undefined when the setting is absent. */
  scopes?: string[];
  source: ValueSource;
}

export interface SsoProfileConfig {
  profile: string;
  session: SsoSessionConfig;
  accountId: string;
  roleName: string;
  /** The profile's default region for commands (not the sso_region). */
  region?: string;
  source: ValueSource;
}

const str = (section: SourcedSection | undefined, key: string): string | undefined => {
  const v = section?.values.get(key)?.value;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

/** aws-cli's parse_sso_registration_scopes: comma-separated, stripped, empties dropped. */
export function parseScopes(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export const tokenKeyOf = (s: SsoSessionConfig): TokenCacheKey =>
  s.name ? { sessionName: s.name } : { startUrl: s.startUrl };

export const registrationKeyOf = (s: SsoSessionConfig): RegistrationKey => ({
  startUrl: s.startUrl,
  region: s.region,
  scopes: s.scopes,
  sessionName: s.name,
});

export const credentialKeyOf = (p: SsoProfileConfig): CredentialCacheKey =>
  p.session.name
    ? { accountId: p.accountId, roleName: p.roleName, sessionName: p.session.name }
    : { accountId: p.accountId, roleName: p.roleName, startUrl: p.session.startUrl };

/** How to sign in again for this session (the fix every token error names). */
export function loginCommand(s: Pick<SsoSessionConfig, 'name'>, profile?: string): string {
  return s.name ? `onramp sso login --session ${s.name}` : `onramp sso login --profile ${profile ?? '…'}`;
}

function sectionSource(section: SourcedSection | undefined, fallback: ValueSource): ValueSource {
  return section?.sources[0] ?? fallback;
}

/** The `[sso-session NAME]` section, checked for the two settings every tool needs. */
export function findSession(setup: AwsSetup, name: string): SsoSessionConfig {
  const section = setup.ssoSessions.get(name);
  const configSource: ValueSource = { kind: 'file', file: setup.config.path };
  if (!section) {
    const known = [...setup.ssoSessions.keys()];
    throw new OnrampError(
      SsoUserError.notFound,
      `reading sso-session ${name}: it is not in ${setup.config.path}`,
      {
        source: configSource,
        hint: known.length
          ? `known sso-sessions: ${known.join(', ')}; or create it with onramp sso configure --session ${name} --start-url URL --region REGION`
          : `create it with onramp sso configure --session ${name} --start-url URL --region REGION`,
      },
    );
  }
  const source = sectionSource(section, configSource);
  const startUrl = str(section, 'sso_start_url');
  const region = str(section, 'sso_region');
  if (!startUrl || !region) {
    const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean).join(' and ');
    throw new OnrampError(SsoUserError.incomplete, `reading sso-session ${name}: ${missing} is not set`, {
      source,
      hint: `run onramp sso configure --session ${name} --start-url URL --region REGION (sso_region is where Identity Center lives, not the region for your commands)`,
    });
  }
  return { name, startUrl, region, scopes: parseScopes(str(section, 'sso_registration_scopes')), source };
}

/** True when botocore would resolve this profile's credentials through IAM Identity Center. */
export function isSsoProfile(section: SourcedSection | undefined): boolean {
  return Boolean(str(section, 'sso_session') || str(section, 'sso_start_url'));
}

/** The SSO settings of a profile: its session, account and role (ONR-E320/E321/E325 otherwise). */
export function findSsoProfile(setup: AwsSetup, profile: string): SsoProfileConfig {
  const section = setup.profiles.get(profile);
  const configSource: ValueSource = { kind: 'file', file: setup.config.path };
  if (!section) {
    throw new OnrampError(
      SsoUserError.notFound,
      `reading profile ${profile}: it is not in ${setup.config.path}`,
      {
        source: configSource,
        hint: 'list profiles with `aws configure list-profiles`, or create them with onramp sso sync',
      },
    );
  }
  const source = sectionSource(section, configSource);
  if (!isSsoProfile(section)) {
    throw new OnrampError(
      SsoUserError.notSsoProfile,
      `reading profile ${profile}: it has neither sso_session nor sso_start_url`,
      {
        source,
        hint: 'onramp fetches credentials for IAM Identity Center profiles only; run onramp sso sync to write them',
      },
    );
  }
  const sessionName = str(section, 'sso_session');
  const session = sessionName ? findSession(setup, sessionName) : legacySession(section, profile, source);
  const accountId = str(section, 'sso_account_id');
  const roleName = str(section, 'sso_role_name');
  if (!accountId || !roleName) {
    const missing = [!accountId && 'sso_account_id', !roleName && 'sso_role_name']
      .filter(Boolean)
      .join(' and ');
    throw new OnrampError(SsoUserError.incomplete, `reading profile ${profile}: ${missing} is not set`, {
      source,
      hint: `set them in the profile, or let onramp sso sync write one profile per account and role`,
    });
  }
  return { profile, session, accountId, roleName, region: str(section, 'region'), source };
}

/**
 * The session a command means: --session, else the session of --profile, else the only
 * sso-session in the file, else the session of $AWS_PROFILE.
 */
export function chooseSession(
  setup: AwsSetup,
  flags: { session?: string; profile?: string },
  env: Env = {},
): SsoSessionConfig {
  if (flags.session) return findSession(setup, flags.session);
  if (flags.profile) return findSsoProfileSession(setup, flags.profile);
  const names = [...setup.ssoSessions.keys()];
  if (names.length === 1) return findSession(setup, names[0]);
  if (env.AWS_PROFILE) return findSsoProfileSession(setup, env.AWS_PROFILE);
  throw new OnrampError(
    SsoUserError.notFound,
    names.length
      ? `choosing an sso-session: ${setup.config.path} has ${names.length} (${names.join(', ')})`
      : `choosing an sso-session: ${setup.config.path} has none`,
    {
      source: { kind: 'file', file: setup.config.path },
      hint: names.length
        ? 'name one with --session NAME'
        : 'create one with onramp sso configure --session NAME --start-url URL --region REGION',
    },
  );
}

function findSsoProfileSession(setup: AwsSetup, profile: string): SsoSessionConfig {
  const section = setup.profiles.get(profile);
  const name = str(section, 'sso_session');
  if (name) return findSession(setup, name);
  if (!str(section, 'sso_start_url')) return findSsoProfile(setup, profile).session;
  return legacySession(section!, profile, sectionSource(section, { kind: 'file', file: setup.config.path }));
}

/** A profile that predates sso-session: sso_start_url and sso_region in the profile itself. */
function legacySession(section: SourcedSection, profile: string, source: ValueSource): SsoSessionConfig {
  const startUrl = str(section, 'sso_start_url')!;
  const region = str(section, 'sso_region');
  if (!region) {
    throw new OnrampError(SsoUserError.incomplete, `reading profile ${profile}: sso_region is not set`, {
      source,
      hint: 'add sso_region (the Identity Center region), or move the settings into an sso-session',
    });
  }
  return { startUrl, region, source };
}

/** "sso-session corp" (or the start URL of a legacy profile) for messages; the error carries the file:line. */
export function describeSession(s: SsoSessionConfig): string {
  return s.name ? `sso-session ${s.name}` : `start URL ${s.startUrl}`;
}
