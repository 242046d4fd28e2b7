/**
 * How `onramp creds` prints credentials. Shared by the fast path (bin/onramp.js → creds-fast.ts)
 * and the full CLI, so both print byte-identical output for the same cached credentials; it
 * imports nothing for the same reason.
 *
 * `process` is the credential_process contract: {"Version": 1, AccessKeyId, SecretAccessKey,
 * SessionToken, Expiration (ISO 8601)}.
 * https://docs.aws.amazon.com/cli/latest/topic/config-vars.html#sourcing-credentials-from-external-processes
 */

export type CredsFormat = 'process' | 'env' | 'json';

export const CREDS_FORMATS: readonly CredsFormat[] = ['process', 'env', 'json'];

export interface PrintableCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  accountId?: string;
}

/** Whole seconds, `Z`: the cache keeps seconds only, so a fetch and a later cache hit print the same. */
export function expirationStamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

const shellQuote = (v: string) => `'${v.replaceAll("'", `'\\''`)}'`;

/** The output for `format`, newline-terminated. */
export function formatCredentials(c: PrintableCredentials, format: CredsFormat, region?: string): string {
  const expiration = expirationStamp(c.expiration);
  if (format === 'env') {
    const vars: Array<[string, string]> = [
      ['AWS_ACCESS_KEY_ID', c.accessKeyId],
      ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
      ['AWS_SESSION_TOKEN', c.sessionToken],
      ['AWS_CREDENTIAL_EXPIRATION', expiration],
    ];
    if (region) vars.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
    return vars.map(([k, v]) => `export ${k}=${shellQuote(v)}\n`).join('');
  }
  const body = {
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    SessionToken: c.sessionToken,
    Expiration: expiration,
    ...(format === 'json' && c.accountId ? { AccountId: c.accountId } : {}),
    ...(format === 'json' && region ? { Region: region } : {}),
  };
  return `${format === 'json' ? JSON.stringify(body, null, 2) : JSON.stringify(body)}\n`;
}
