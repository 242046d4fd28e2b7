/**
 * The diagnostics catalog: every failure onramp verify knows, by stable code. `onramp explain`,
 * docs/diagnostics.md and the findings of a verify run all read this one list.
 */
import { suggest } from '../../blueprint/edit-distance.js';
import * as evaluation from './evaluation.js';
import * as iam from './iam.js';
import * as identityCenter from './identity-center.js';
import type { CatalogEntry, Evidence } from './types.js';
import * as userSide from './user-side.js';

export * from './evaluation.js';
export * from './iam.js';
export * from './identity-center.js';
export * from './types.js';
export * from './user-side.js';

const isEntry = (v: unknown): v is CatalogEntry<Evidence> =>
  typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';

/** Every entry, sorted by code. */
export const CATALOG: readonly CatalogEntry<Evidence>[] = [
  ...Object.values(identityCenter),
  ...Object.values(iam),
  ...Object.values(evaluation),
  ...Object.values(userSide),
]
  .filter(isEntry)
  .sort((a, b) => a.code.localeCompare(b.code));

/** Accepts `ONR-D004`, `onr-d004`, `D004`, `d4`, `4` or the slug (`permission-set-policy-missing-role`). */
export function normaliseCode(input: string): string {
  const s = input.trim();
  const digits = /^(?:onr-)?d?0*(\d{1,3})$/i.exec(s)?.[1];
  if (digits) return `ONR-D${digits.padStart(3, '0')}`;
  return s;
}

export type Lookup =
  | { found: true; entry: CatalogEntry<Evidence> }
  | { found: false; input: string; suggestions: string[] };

/** Finds an entry by code or slug; otherwise the nearest codes (by code and by slug). */
export function lookupDiagnostic(input: string): Lookup {
  const key = normaliseCode(input);
  const entry = CATALOG.find((e) => e.code === key || e.slug === key.toLowerCase());
  if (entry) return { found: true, entry };
  const byCode = suggest(
    key.toUpperCase(),
    CATALOG.map((e) => e.code),
  );
  const bySlug = suggest(
    input.toLowerCase(),
    CATALOG.map((e) => e.slug),
  ).map((slug) => CATALOG.find((e) => e.slug === slug)!.code);
  const byTitle = CATALOG.filter(
    (e) => input.length >= 4 && e.title.toLowerCase().includes(input.toLowerCase()),
  ).map((e) => e.code);
  return { found: false, input, suggestions: [...new Set([...byCode, ...bySlug, ...byTitle])].slice(0, 3) };
}
