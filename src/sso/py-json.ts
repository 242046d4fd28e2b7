/**
 * Python's `json.dumps` byte for byte (ensure_ascii, optional sort_keys and separators), because
 * botocore derives cache file names from the SHA-1 of such strings and the AWS CLI writes its cache
 * files with it. JSON.stringify differs: no spaces after `,`/`:` and raw non-ASCII characters.
 * https://docs.python.org/3/library/json.html#json.dumps
 */

export type PyJson =
  | string
  | number
  | boolean
  | null
  | readonly PyJson[]
  | { readonly [key: string]: PyJson | undefined };

export interface PyJsonOptions {
  sortKeys?: boolean;
  /** [item separator, key separator]; Python's default is [', ', ': ']. */
  separators?: readonly [string, string];
}

const SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function pyString(s: string): string {
  // ensure_ascii escapes everything outside ' '..'~' as \uXXXX (lower-case hex, UTF-16 units).
  return `"${s.replace(/[^ -~]|["\\]/g, (ch) => SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** `json.dumps(value, sort_keys=…, separators=…)` with ensure_ascii, as Python prints it. */
export function pyJsonDumps(value: PyJson, options: PyJsonOptions = {}): string {
  const [item, key] = options.separators ?? [', ', ': '];
  const dump = (v: PyJson): string => {
    if (v === null) return 'null';
    if (typeof v === 'string') return pyString(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new TypeError('pyJsonDumps: only integers are supported');
      return String(v);
    }
    if (Array.isArray(v)) return `[${v.map(dump).join(item)}]`;
    const obj = v as { readonly [key: string]: PyJson | undefined };
    let keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (options.sortKeys) keys = keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${pyString(k)}${key}${dump(obj[k]!)}`).join(item)}}`;
  };
  return dump(value);
}
