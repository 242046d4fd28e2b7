/**
 * Paging for ListAccounts and ListAccountRoles: max_result 1–100 (the service model's bounds; the
 * portal's default page is also 100) and an opaque next_token.
 */
import { AwsError } from '../../aws-error.js';

const MAX_PAGE = 100;

function invalid(message: string): AwsError {
  return new AwsError('InvalidRequestException', message, 400);
}

/** One page of `items` and the token for the next, if any. */
export function paginate<T>(
  items: T[],
  params: Record<string, unknown>,
  scope: string,
): { page: T[]; nextToken?: string } {
  const rawMax = params.max_result;
  let max = MAX_PAGE;
  if (rawMax !== undefined && rawMax !== '') {
    max = Number(rawMax);
    if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE) {
      throw invalid(`max_result must be an integer from 1 to ${MAX_PAGE}`);
    }
  }
  let start = 0;
  const token = params.next_token;
  if (token !== undefined && token !== '') {
    start = decode(String(token), scope);
  }
  const page = items.slice(start, start + max);
  const end = start + page.length;
  return { page, nextToken: end < items.length ? encode(end, scope) : undefined };
}

function encode(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

/** Tokens belong to one listing (one account's roles, or the account list); others are rejected. */
function decode(token: string, scope: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (Number.isInteger(v.o) && (v.o as number) >= 0 && v.s === scope) return v.o as number;
  } catch {
    // fall through
  }
  throw invalid('Invalid next_token');
}
