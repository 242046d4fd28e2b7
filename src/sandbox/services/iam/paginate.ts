/**
 * IAM's pagination: MaxItems (1–1000, default 100), an opaque Marker, IsTruncated.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html#API_ListRoles_RequestParameters
 * Markers carry the sort key of the last item returned, so a page boundary survives items being
 * added or deleted between calls (AWS's markers behave the same way).
 */

import { iamError } from './errors.js';
import { checks, optional, optionalInt } from './validate.js';

const MARKER_PREFIX = 'onramp:';

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

function encodeMarker(key: string): string {
  return Buffer.from(MARKER_PREFIX + key, 'utf8').toString('base64');
}

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64').toString('utf8');
  if (!text.startsWith(MARKER_PREFIX)) throw iamError.validation('Invalid Marker.');
  return text.slice(MARKER_PREFIX.length);
}

/** The page of `items` (sorted here by `key`, which must be unique) the request's Marker/MaxItems ask for. */
export function paginate<T>(
  items: readonly T[],
  params: Record<string, unknown>,
  key: (item: T) => string,
): Page<T> {
  const marker = optional(params, 'Marker');
  const maxItems = optionalInt(params, 'MaxItems');
  // AWS documents markers as at most 320 characters; ours can be longer for long sort keys (policy
  // ARNs), and only this sandbox ever reads them back, so only emptiness is refused.
  checks().string('marker', marker, 1, Number.MAX_SAFE_INTEGER).range('maxItems', maxItems, 1, 1000).done();
  const keyed = items.map((item) => ({ item, k: key(item) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const after = marker === undefined ? undefined : decodeMarker(marker);
  const start = after === undefined ? 0 : keyed.findIndex((e) => e.k > after);
  const from = start < 0 ? keyed.length : start;
  const size = maxItems ?? 100;
  const slice = keyed.slice(from, from + size);
  const truncated = from + size < keyed.length;
  return {
    items: slice.map((e) => e.item),
    IsTruncated: truncated,
    Marker: truncated ? encodeMarker(slice[slice.length - 1].k) : undefined,
  };
}

/** The wire members of a page besides its list. */
export function pageTail<T>(page: Page<T>): { IsTruncated: boolean; Marker?: string } {
  return { IsTruncated: page.IsTruncated, Marker: page.Marker };
}
