/** Small helpers every kind shares: not-found as success, pagination, tags, keys. */
import { isNotFound } from '../aws/classify.js';
import { isDeferred } from '../blueprint/evaluate.js';
import type { Str, Tags } from '../blueprint/types.js';

/** Runs a delete-like call; a thing that is already gone counts as deleted (STYLE 3). */
export async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

/** Collects every page of a token-paginated call. */
export async function allPages<T>(
  page: (token: string | undefined) => Promise<{ items?: T[]; next?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const r = await page(token);
    out.push(...(r.items ?? []));
    token = r.next || undefined;
  } while (token);
  return out;
}

/** AWS's `[{Key, Value}]` → a map. */
export function tagMap(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** A resolved tag map → AWS's list. */
export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, v]) => ({ Key, Value: str(v) }));
}

/** A value that must be known by now (the directory resolved it before the step ran). */
export function str(v: Str | undefined): string {
  if (v === undefined) return '';
  if (isDeferred(v)) throw new Error(`unresolved value ${v.template}`);
  return v;
}

/** Adds and removals that turn list `from` into list `to`. */
export function setDiff<T>(from: readonly T[], to: readonly T[]): { add: T[]; remove: T[] } {
  const a = new Set(from.map((x) => JSON.stringify(x)));
  const b = new Set(to.map((x) => JSON.stringify(x)));
  return {
    add: to.filter((x) => !a.has(JSON.stringify(x))),
    remove: from.filter((x) => !b.has(JSON.stringify(x))),
  };
}

/** A policy document as AWS wants it in a request. */
export function docText(doc: unknown): string {
  return typeof doc === 'string' ? doc : JSON.stringify(doc);
}

/** A policy document as IAM returns it (URL-encoded JSON) → parsed. */
export function parseDoc(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(decodeURIComponent(text));
  } catch {
    return JSON.parse(text);
  }
}
