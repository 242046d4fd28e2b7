/**
 * Organizations' pagination: MaxResults 1..20 (the API's documented maximum for every List call) and
 * an opaque NextToken. The token carries the operation name so a token from one list is refused by
 * another, as AWS refuses it.
 */
import { orgErrors } from './errors.js';

export const MAX_PAGE = 20;

export function paginate<T>(
  operation: string,
  params: Record<string, unknown>,
  items: T[],
): { page: T[]; NextToken?: string } {
  const raw = params.MaxResults;
  let size = MAX_PAGE;
  if (raw !== undefined) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      throw orgErrors.invalidInput(
        'MIN_VALUE_EXCEEDED',
        'You provided a value that is less than the minimum allowed.',
      );
    }
    if (n > MAX_PAGE) {
      throw orgErrors.invalidInput(
        'MAX_VALUE_EXCEEDED',
        'You provided a value that exceeds the maximum allowed.',
      );
    }
    size = n;
  }
  const start = decodeToken(operation, params.NextToken);
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? encodeToken(operation, start + size) : undefined;
  return { page, NextToken: next };
}

function encodeToken(operation: string, offset: number): string {
  return Buffer.from(JSON.stringify({ op: operation, offset })).toString('base64');
}

function decodeToken(operation: string, token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as {
      op?: unknown;
      offset?: unknown;
    };
    if (parsed.op === operation && Number.isInteger(parsed.offset) && (parsed.offset as number) >= 0) {
      return parsed.offset as number;
    }
  } catch {
    // fall through to the error below
  }
  throw orgErrors.invalidInput('INVALID_NEXT_TOKEN', 'The NextToken value is not valid.');
}
