/**
 * Role credentials cached the way the AWS CLI v2 caches SSO credentials, so `aws` commands with an
 * onramp profile reuse what onramp fetched (and `aws sso logout` clears them).
 *
 * - Directory ~/.aws/cli/cache (aws-cli v2 awscli/customizations/sso/__init__.py
 *   `inject_json_file_cache` → AWS_CREDS_CACHE_DIR).
 * - File name: sha1 of json.dumps({"accountId", "roleName", "sessionName" | "startUrl"},
 *   sort_keys=True, separators=(',', ':')) (botocore credentials.py
 *   `SSOCredentialFetcher._create_cache_key`).
 * - Content {"ProviderType": "sso", "Credentials": {AccessKeyId, SecretAccessKey, SessionToken,
 *   Expiration "%Y-%m-%dT%H:%M:%SZ", AccountId}} (`SSOCredentialFetcher._get_credentials`).
 * - Refetched when less than 15 minutes remain (`CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS`).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readTextFile, writePrivateFile } from './private-fs.js';
import { pyJsonDumps } from './py-json.js';
import { formatCliTimestamp, parseAwsTimestamp } from './timestamps.js';
import type { CacheRead } from './token-cache.js';

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  accountId?: string;
}

export type CredentialCacheKey =
  | { accountId: string; roleName: string; sessionName: string }
  | { accountId: string; roleName: string; startUrl: string };

export const CREDENTIAL_EXPIRY_WINDOW_MS = 15 * 60_000;

/** The file name botocore's SSOCredentialFetcher uses for this account/role/session. */
export function credentialCacheFileName(key: CredentialCacheKey): string {
  const args =
    'sessionName' in key
      ? { accountId: key.accountId, roleName: key.roleName, sessionName: key.sessionName }
      : { accountId: key.accountId, roleName: key.roleName, startUrl: key.startUrl };
  const json = pyJsonDumps(args, { sortKeys: true, separators: [',', ':'] });
  return `${createHash('sha1').update(json, 'utf8').digest('hex')}.json`;
}

/** The file content as the CLI's JSONFileCache writes it. */
export function serializeRoleCredentials(creds: RoleCredentials): string {
  return pyJsonDumps({
    ProviderType: 'sso',
    Credentials: {
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: formatCliTimestamp(creds.expiration),
      AccountId: creds.accountId,
    },
  });
}

/** Reads cached role credentials (tagged result). */
export function readRoleCredentials(cacheDir: string, key: CredentialCacheKey): CacheRead<RoleCredentials> {
  const path = join(cacheDir, credentialCacheFileName(key));
  const file = readTextFile(path);
  if (!file.exists) return { kind: 'missing', path };
  let c: Record<string, unknown> | undefined;
  try {
    c = (JSON.parse(file.text) as { Credentials?: Record<string, unknown> })?.Credentials;
  } catch {
    return { kind: 'invalid', path, reason: 'not JSON' };
  }
  const expiration = parseAwsTimestamp(c?.Expiration);
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  if (!c || !s(c.AccessKeyId) || !s(c.SecretAccessKey) || !s(c.SessionToken) || !expiration) {
    return {
      kind: 'invalid',
      path,
      reason: 'needs Credentials.AccessKeyId, SecretAccessKey, SessionToken and Expiration',
    };
  }
  return {
    kind: 'found',
    path,
    value: {
      accessKeyId: s(c.AccessKeyId)!,
      secretAccessKey: s(c.SecretAccessKey)!,
      sessionToken: s(c.SessionToken)!,
      expiration,
      accountId: s(c.AccountId),
    },
  };
}

/** Writes role credentials atomically, 0600 in a 0700 directory; returns the path. */
export function writeRoleCredentials(
  cacheDir: string,
  key: CredentialCacheKey,
  creds: RoleCredentials,
): string {
  const path = join(cacheDir, credentialCacheFileName(key));
  writePrivateFile(path, serializeRoleCredentials(creds));
  return path;
}

/** True when the CLI would fetch new credentials instead of using these. */
export function credentialsNeedRefresh(creds: Pick<RoleCredentials, 'expiration'>, now: number): boolean {
  return creds.expiration.getTime() - now < CREDENTIAL_EXPIRY_WINDOW_MS;
}
