/**
 * A person's own AWS files, as they bear on the Identity Center instance being verified: the
 * sso-sessions (and legacy SSO profiles) whose start URL is the instance's, their sso_region, their
 * cached tokens, and static keys that would be used instead of SSO.
 * Precedence facts: botocore's EnvProvider runs before any profile provider unless --profile is
 * given (credentials.py create_credential_resolver); the JS SDK skips environment keys when
 * AWS_PROFILE is set but resolves a profile's static keys before its sso_* settings
 * (credential-provider-ini resolveProfileData).
 */
import { formatSource } from '../core/errors.js';
import { type AwsSetup, readAwsSetup, type SourcedSection } from '../sso/aws-setup.js';
import { type Env, ssoCacheDir } from '../sso/paths.js';
import { canRefresh, isExpired, readSsoToken, type TokenCacheKey } from '../sso/token-cache.js';
import {
  type Finding,
  findingOf,
  type ShadowEvidence,
  ssoRegionMismatch,
  ssoTokenExpired,
  staticKeysShadowSso,
} from './catalog/index.js';
import type { Instance } from './read-sso.js';

/** A usable cached token of the instance. */
export interface CachedToken {
  session: string;
  accessToken: string;
  file: string;
  /** ISO-8601, from the cache file. */
  expiresAt: string;
}

export interface UserSideResult {
  findings: Finding[];
  tokens: CachedToken[];
  notes: string[];
}

export interface UserSideOptions {
  instance: Instance;
  env: Env;
  /** Overrides $HOME (tests). */
  home?: string;
  now: number;
}

const normUrl = (u: string) =>
  u
    .trim()
    .replace(/\/?#?\/?$/, '')
    .toLowerCase();
const str = (s: SourcedSection | undefined, key: string) => {
  const v = s?.values.get(key);
  return v && typeof v.value === 'string' ? { value: v.value, where: formatSource(v.source) } : undefined;
};

interface SessionLike {
  name: string;
  key: TokenCacheKey;
  section: SourcedSection;
  profiles: string[];
}

function sessionsOf(setup: AwsSetup, startUrl: string): SessionLike[] {
  const out: SessionLike[] = [];
  for (const [name, section] of setup.ssoSessions) {
    if (normUrl(str(section, 'sso_start_url')?.value ?? '') !== startUrl) continue;
    const profiles = [...setup.profiles]
      .filter(([, p]) => str(p, 'sso_session')?.value === name)
      .map(([n]) => n);
    out.push({ name, key: { sessionName: name }, section, profiles });
  }
  for (const [name, section] of setup.profiles) {
    if (str(section, 'sso_session') || normUrl(str(section, 'sso_start_url')?.value ?? '') !== startUrl)
      continue;
    const url = str(section, 'sso_start_url')?.value ?? '';
    out.push({ name: `profile ${name}`, key: { startUrl: url }, section, profiles: [name] });
  }
  return out;
}

function shadowing(setup: AwsSetup, profile: string, env: Env): ShadowEvidence[] {
  const out: ShadowEvidence[] = [];
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    if (env.AWS_PROFILE === profile) {
      out.push({
        profile,
        where: '$AWS_ACCESS_KEY_ID',
        source: 'environment',
        affects: ['AWS CLI', 'botocore/boto3'],
      });
    } else if (!env.AWS_PROFILE && profile === 'default') {
      out.push({
        profile,
        where: '$AWS_ACCESS_KEY_ID',
        source: 'environment',
        affects: ['AWS CLI', 'botocore/boto3', 'AWS SDK for JavaScript v3'],
      });
    }
  }
  const key = setup.profiles.get(profile)?.values.get('aws_access_key_id');
  if (key && key.source.kind === 'file') {
    out.push({
      profile,
      where: formatSource(key.source),
      source: key.source.file === setup.credentials.path ? 'credentials file' : 'config file',
      affects: ['AWS SDK for JavaScript v3'],
    });
  }
  return out;
}

/** Checks the person's files against the instance; returns findings and the tokens at hand. */
export function checkUserSide(opts: UserSideOptions): UserSideResult {
  const setup = readAwsSetup({ env: opts.env, home: opts.home });
  const cacheDir = ssoCacheDir({ env: opts.env, home: opts.home });
  const startUrl = normUrl(opts.instance.startUrl);
  const out: UserSideResult = { findings: [], tokens: [], notes: [] };
  const sessions = sessionsOf(setup, startUrl);
  if (sessions.length === 0)
    out.notes.push(`no sso-session in ${setup.config.path} signs in to ${opts.instance.startUrl}`);
  for (const s of sessions) {
    const region = str(s.section, 'sso_region');
    if (region && region.value !== opts.instance.region) {
      out.findings.push(
        findingOf(
          ssoRegionMismatch,
          `sso-session ${s.name}`,
          `${s.name} signs in through ${region.value}, but the instance is in ${opts.instance.region}`,
          {
            session: s.name,
            ssoRegion: region.value,
            where: region.where,
            instanceRegion: opts.instance.region,
            startUrl: opts.instance.startUrl,
          },
        ),
      );
    }
    for (const profile of s.profiles) {
      for (const e of shadowing(setup, profile, opts.env)) {
        out.findings.push(
          findingOf(
            staticKeysShadowSso,
            `profile ${profile}`,
            `static keys at ${e.where} are used instead of SSO for ${profile}`,
            e,
          ),
        );
      }
    }
    const read = readSsoToken(cacheDir, s.key);
    if (read.kind === 'missing') {
      out.notes.push(`no cached token for ${s.name} (${read.path})`);
    } else if (read.kind === 'invalid') {
      out.notes.push(`the cached token of ${s.name} is unusable: ${read.reason}`);
    } else if (isExpired(read.value, opts.now)) {
      if (canRefresh(read.value, opts.now)) {
        out.notes.push(`the token of ${s.name} expired; the AWS CLI refreshes it on next use`);
      } else {
        out.findings.push(
          findingOf(
            ssoTokenExpired,
            `sso-session ${s.name}`,
            `the sign-in of ${s.name} expired at ${read.value.expiresAt.toISOString()}`,
            {
              session: s.name,
              tokenFile: read.path,
              expiresAt: read.value.expiresAt.toISOString(),
              state: 'expired',
            },
          ),
        );
      }
    } else {
      out.tokens.push({
        session: s.name,
        accessToken: read.value.accessToken,
        file: read.path,
        expiresAt: read.value.expiresAt.toISOString(),
      });
    }
  }
  return out;
}
