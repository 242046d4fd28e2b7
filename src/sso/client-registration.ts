/**
 * The SSO OIDC client registration cache, as aws-cli v2 keeps it beside the tokens:
 * ~/.aws/sso/cache/<sha1 of json.dumps({"tool": "botocore", "startUrl", "region", "scopes",
 * "session_name"}, sort_keys=True)>.json holding {clientId, clientSecret, expiresAt, scopes?,
 * grantTypes?} (awscli/botocore/utils.py `BaseSSOTokenFetcher._registration_cache_key`,
 * `SSOTokenFetcher._register_client`, `SSOTokenFetcherAuth._register_client`).
 * Sharing it means `aws sso login` and onramp reuse one registration instead of registering anew.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readTextFile, writePrivateFile } from './private-fs.js';
import { pyJsonDumps } from './py-json.js';
import { formatCliTimestamp, parseAwsTimestamp } from './timestamps.js';
import { type CacheRead, REFRESH_WINDOW_MS } from './token-cache.js';

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: Date;
  scopes?: string[];
  /** Present for authorization-code (PKCE) registrations: ['authorization_code', 'refresh_token']. */
  grantTypes?: string[];
}

export interface RegistrationKey {
  startUrl: string;
  /** The sso_region. */
  region: string;
  /** sso_registration_scopes as a list, or undefined when the session has none. */
  scopes?: readonly string[];
  /** The sso-session name (undefined for a legacy profile). */
  sessionName?: string;
}

/** The cache file name aws-cli v2 derives for this registration. */
export function registrationCacheFileName(key: RegistrationKey): string {
  const args = pyJsonDumps(
    {
      tool: 'botocore',
      startUrl: key.startUrl,
      region: key.region,
      scopes: key.scopes ? [...key.scopes] : null,
      session_name: key.sessionName ?? null,
    },
    { sortKeys: true },
  );
  return `${createHash('sha1').update(args, 'utf8').digest('hex')}.json`;
}

/** The file name CLI versions before sso-session support used (read-only, for doctor). */
export function legacyRegistrationFileName(region: string): string {
  return `botocore-client-id-${region}.json`;
}

/** The file content as aws-cli v2 writes it. */
export function serializeRegistration(reg: ClientRegistration): string {
  return pyJsonDumps({
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    expiresAt: formatCliTimestamp(reg.expiresAt),
    scopes: reg.scopes,
    grantTypes: reg.grantTypes,
  });
}

/** Reads the cached registration for `key` (tagged result, never throws for a bad file). */
export function readClientRegistration(
  cacheDir: string,
  key: RegistrationKey,
): CacheRead<ClientRegistration> {
  const path = join(cacheDir, registrationCacheFileName(key));
  const file = readTextFile(path);
  if (!file.exists) return { kind: 'missing', path };
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(file.text) as Record<string, unknown>;
  } catch {
    return { kind: 'invalid', path, reason: 'not JSON' };
  }
  const expiresAt = parseAwsTimestamp(o?.expiresAt);
  if (typeof o?.clientId !== 'string' || typeof o.clientSecret !== 'string' || !expiresAt) {
    return { kind: 'invalid', path, reason: 'needs clientId, clientSecret and expiresAt' };
  }
  const list = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
  return {
    kind: 'found',
    path,
    value: {
      clientId: o.clientId,
      clientSecret: o.clientSecret,
      expiresAt,
      scopes: list(o.scopes),
      grantTypes: list(o.grantTypes),
    },
  };
}

/** Writes the registration atomically, 0600 in a 0700 directory; returns its path. */
export function writeClientRegistration(
  cacheDir: string,
  key: RegistrationKey,
  reg: ClientRegistration,
): string {
  const path = join(cacheDir, registrationCacheFileName(key));
  writePrivateFile(path, serializeRegistration(reg));
  return path;
}

/** The CLI registers a new client when less than 15 minutes of the registration remain. */
export function registrationUsable(reg: ClientRegistration, now: number): boolean {
  return reg.expiresAt.getTime() - now >= REFRESH_WINDOW_MS;
}
