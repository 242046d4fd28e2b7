/**
 * The SSO token cache in the AWS CLI v2's format, so `aws`, botocore and the JS SDK use the tokens
 * onramp obtains (and onramp uses theirs).
 *
 * - Token file: ~/.aws/sso/cache/<sha1(sso-session name)>.json, or sha1(start URL) for a legacy
 *   profile without sso_session (botocore utils.py `SSOTokenLoader._generate_cache_key`; JS SDK
 *   `getSSOTokenFilepath`). Fields and order as aws-cli v2 writes them (awscli/botocore/utils.py
 *   `SSOTokenFetcher._create_token_attempt`), serialised with Python's json.dumps.
 * - Client registration: ~/.aws/sso/cache/<sha1(json.dumps({tool, startUrl, region, scopes,
 *   session_name}, sort_keys=True))>.json (aws-cli v2 `BaseSSOTokenFetcher._registration_cache_key`);
 *   CLI versions before sso-session used botocore-client-id-<region>.json, which we only read.
 * - Refresh: botocore refreshes when less than 15 minutes remain (tokens.py
 *   `SSOTokenProvider._REFRESH_WINDOW`); the JS SDK uses 5; we use the CLI's 15.
 * https://github.com/aws/aws-cli/blob/v2/awscli/botocore/utils.py
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readTextFile, writePrivateFile } from './private-fs.js';
import { pyJsonDumps } from './py-json.js';
import { formatCliTimestamp, parseAwsTimestamp } from './timestamps.js';

export interface SsoToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: Date;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: Date;
  refreshToken?: string;
}

/** An sso-session profile's token is keyed by the session name; a legacy profile's by start URL. */
export type TokenCacheKey = { sessionName: string } | { startUrl: string };

export const REFRESH_WINDOW_MS = 15 * 60_000;

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

/** `<sha1 hex>.json`, the name botocore and the JS SDK look for. */
export function tokenCacheFileName(key: TokenCacheKey): string {
  return `${sha1('sessionName' in key ? key.sessionName : key.startUrl)}.json`;
}

export function tokenCachePath(cacheDir: string, key: TokenCacheKey): string {
  return join(cacheDir, tokenCacheFileName(key));
}

/** The file content exactly as the AWS CLI v2 writes it. */
export function serializeSsoToken(token: SsoToken): string {
  return pyJsonDumps({
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: formatCliTimestamp(token.expiresAt),
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    registrationExpiresAt: token.registrationExpiresAt && formatCliTimestamp(token.registrationExpiresAt),
    refreshToken: token.refreshToken,
  });
}

export type ParsedToken = { ok: true; token: SsoToken } | { ok: false; reason: string };

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads a token file from any writer (CLI, botocore, JS SDK); needs accessToken and expiresAt, like botocore. */
export function parseSsoToken(text: string): ParsedToken {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'not a JSON object' };
  const o = raw as Record<string, unknown>;
  const accessToken = str(o.accessToken);
  if (!accessToken) return { ok: false, reason: 'no accessToken' };
  const expiresAt = parseAwsTimestamp(o.expiresAt);
  if (!expiresAt) return { ok: false, reason: `expiresAt ${JSON.stringify(o.expiresAt)} is not a timestamp` };
  return {
    ok: true,
    token: {
      startUrl: str(o.startUrl),
      region: str(o.region),
      accessToken,
      expiresAt,
      clientId: str(o.clientId),
      clientSecret: str(o.clientSecret),
      registrationExpiresAt: parseAwsTimestamp(o.registrationExpiresAt),
      refreshToken: str(o.refreshToken),
    },
  };
}

/** The outcome of reading a cache file: found, missing, or present but unusable (with why). */
export type CacheRead<T> =
  | { kind: 'found'; path: string; value: T }
  | { kind: 'missing'; path: string }
  | { kind: 'invalid'; path: string; reason: string };

/** Reads a cached token; missing and unreadable files are results, not errors. */
export function readSsoToken(cacheDir: string, key: TokenCacheKey): CacheRead<SsoToken> {
  const path = tokenCachePath(cacheDir, key);
  const file = readTextFile(path);
  if (!file.exists) return { kind: 'missing', path };
  const parsed = parseSsoToken(file.text);
  return parsed.ok
    ? { kind: 'found', path, value: parsed.token }
    : { kind: 'invalid', path, reason: parsed.reason };
}

/** Writes the token file atomically, 0600 in a 0700 directory; returns its path. */
export function writeSsoToken(cacheDir: string, key: TokenCacheKey, token: SsoToken): string {
  const path = tokenCachePath(cacheDir, key);
  writePrivateFile(path, serializeSsoToken(token));
  return path;
}

/** True when the token expires within the CLI's 15-minute refresh window (or has expired). */
export function needsRefresh(token: Pick<SsoToken, 'expiresAt'>, now: number): boolean {
  return token.expiresAt.getTime() - now < REFRESH_WINDOW_MS;
}

/** True once the token's expiry has passed. */
export function isExpired(token: Pick<SsoToken, 'expiresAt'>, now: number): boolean {
  return token.expiresAt.getTime() <= now;
}

/** Whether the cached client registration can still refresh the token (botocore checks this first). */
export function canRefresh(token: SsoToken, now: number): boolean {
  return Boolean(
    token.refreshToken &&
      token.clientId &&
      token.clientSecret &&
      token.registrationExpiresAt &&
      token.registrationExpiresAt.getTime() > now,
  );
}
