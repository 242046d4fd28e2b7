/**
 * NextToken/MaxResults paging for the JSON services (sso-admin and identitystore). Tokens are opaque
 * to clients: base64 of the offset plus a fingerprint of the listing they belong to, so a token
 * replayed against another listing is rejected the way AWS rejects a foreign token.
 */
import { createHash } from 'node:crypto';
import { validationError } from './validate.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

function fingerprint(scope: string): string {
  return createHash('sha256').update(scope).digest('hex').slice(0, 12);
}

/**
 * One page of `all`. `scope` names the listing (operation and its filters); `maxResults` has been
 * validated already; `pageSize` is AWS's page size when MaxResults is absent.
 */
export function paginate<T>(
  all: readonly T[],
  scope: string,
  nextToken: string | undefined,
  maxResults: number | undefined,
  pageSize = 100,
  extra: Record<string, unknown> = {},
): Page<T> {
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const decoded = Buffer.from(nextToken, 'base64').toString('utf8');
    const m = /^(\d+):([0-9a-f]{12})$/.exec(decoded);
    if (!m || m[2] !== fingerprint(scope)) throw validationError('The NextToken provided is invalid.', extra);
    start = Number(m[1]);
  }
  const size = maxResults ?? pageSize;
  const items = all.slice(start, start + size);
  const end = start + items.length;
  return {
    items,
    nextToken:
      end < all.length ? Buffer.from(`${end}:${fingerprint(scope)}`, 'utf8').toString('base64') : undefined,
  };
}
