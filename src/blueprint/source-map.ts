/**
 * Source positions. The loader builds a located tree (every map key and value knows its line and
 * column), rewrites it (params), then flattens it to plain data plus a {@link SourceMap} keyed by
 * document path, so every later check can point at the line that holds the bad value.
 */

/** 1-based line and column. */
export interface Pos {
  line: number;
  column: number;
}

/** A path into the document: map keys and list indices. */
export type DocPath = readonly (string | number)[];

/** A located node: what YAML parsed, with where it was. */
export type LNode =
  | { kind: 'map'; pos?: Pos; entries: LEntry[] }
  | { kind: 'seq'; pos?: Pos; items: LNode[]; expandedFrom?: string }
  | { kind: 'scalar'; pos?: Pos; value: unknown; raw?: string; expandedFrom?: string };

export interface LEntry {
  key: string;
  keyPos?: Pos;
  value: LNode;
}

const BARE_SEGMENT = /^[\w$+=,@-]+$/;

/** `identityCenter.permissionSets.admin.sessionDuration`, `assignments[0].accounts[1]`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (BARE_SEGMENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(document)' : out;
}

const keyOf = (path: DocPath): string => JSON.stringify(path);

/** Positions by document path, for values and for the keys that hold them. */
export class SourceMap {
  private readonly values = new Map<string, Pos>();
  private readonly keys = new Map<string, Pos>();
  private readonly notes = new Map<string, { raw?: string; expandedFrom?: string }>();

  constructor(readonly file: string) {}

  set(path: DocPath, value?: Pos, key?: Pos): void {
    if (value) this.values.set(keyOf(path), value);
    if (key) this.keys.set(keyOf(path), key);
  }

  /** Remembers a scalar's source text (when YAML changed it) or the list param it came from. */
  note(path: DocPath, note: { raw?: string; expandedFrom?: string }): void {
    this.notes.set(keyOf(path), note);
  }

  noteOf(path: DocPath): { raw?: string; expandedFrom?: string } | undefined {
    return this.notes.get(keyOf(path));
  }

  /** The value's position, or the nearest ancestor's when the value itself has none (e.g. missing). */
  value(path: DocPath): Pos | undefined {
    for (let n = path.length; n >= 0; n--) {
      const found = this.values.get(keyOf(path.slice(0, n)));
      if (found) return found;
    }
    return undefined;
  }

  /** The position of the key that holds `path`, falling back to the value's position. */
  key(path: DocPath): Pos | undefined {
    return this.keys.get(keyOf(path)) ?? this.value(path);
  }
}

/** Flattens a located tree into plain data, recording positions in `map`. */
export function toPlain(node: LNode, map: SourceMap, path: DocPath = [], keyPos?: Pos): unknown {
  map.set(path, node.pos, keyPos);
  switch (node.kind) {
    case 'scalar':
      if (node.raw !== undefined || node.expandedFrom !== undefined) {
        map.note(path, { raw: node.raw, expandedFrom: node.expandedFrom });
      }
      return node.value;
    case 'seq':
      if (node.expandedFrom !== undefined) map.note(path, { expandedFrom: node.expandedFrom });
      return node.items.map((item, i) => toPlain(item, map, [...path, i]));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries) {
        out[entry.key] = toPlain(entry.value, map, [...path, entry.key], entry.keyPos);
      }
      return out;
    }
  }
}

/** Wraps plain data (the TypeScript API) in a located tree without positions. */
export function fromPlain(value: unknown): LNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map(fromPlain) };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      entries: Object.entries(value).map(([key, v]) => ({ key, value: fromPlain(v) })),
    };
  }
  return { kind: 'scalar', value };
}

/** The entry `key` of a map node, if any. */
export function entryOf(node: LNode | undefined, key: string): LEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;
}
