/**
 * Lookups by a field over the world's records, for the operations that would otherwise scan every
 * record on every call (a plan lists the assignments of each of thousands of principals). The
 * world stays plain JSON, as it persists; an index is derived from a record on first use, kept up
 * to date by `putRecord` for additions, and rebuilt on the next lookup after `deleteRecord` or an
 * overwrite. Every write to an indexed record goes through these two functions.
 */
type Index = { map: Map<string, unknown[]>; keyOf: (v: unknown) => string };

const indexes = new WeakMap<object, Map<string, Index>>();

function indexesOf(record: object): Map<string, Index> {
  let m = indexes.get(record);
  if (!m) {
    m = new Map();
    indexes.set(record, m);
  }
  return m;
}

function add(index: Index, value: unknown): void {
  const k = index.keyOf(value);
  const list = index.map.get(k);
  if (list) list.push(value);
  else index.map.set(k, [value]);
}

/** The records whose `keyOf` is `key`, in insertion order (as Object.values would list them). */
export function lookup<T>(
  record: Record<string, T>,
  name: string,
  keyOf: (v: T) => string,
  key: string,
): readonly T[] {
  const all = indexesOf(record);
  let index = all.get(name);
  if (!index) {
    index = { map: new Map(), keyOf: keyOf as (v: unknown) => string };
    for (const v of Object.values(record)) add(index, v);
    all.set(name, index);
  }
  return (index.map.get(key) ?? []) as T[];
}

export function putRecord<T>(record: Record<string, T>, key: string, value: T): void {
  const overwrite = Object.hasOwn(record, key);
  record[key] = value;
  if (overwrite) indexes.delete(record);
  else for (const index of indexes.get(record)?.values() ?? []) add(index, value);
}

export function deleteRecord(record: Record<string, unknown>, key: string): void {
  if (!Object.hasOwn(record, key)) return;
  delete record[key];
  indexes.delete(record);
}
