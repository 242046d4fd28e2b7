/**
 * Policy documents compared by meaning, not text: AWS returns them re-serialised (URL-encoded,
 * reordered, single-element arrays collapsed), so a textual diff would report changes forever.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A canonical form: keys sorted, string lists sorted and de-duplicated, one-element lists unwrapped. */
export function canonicalPolicy(doc: unknown): Json {
  const parsed = typeof doc === 'string' ? safeParse(doc) : doc;
  return canon(parsed as Json, '');
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(decodeURIComponent(text));
    } catch {
      return text;
    }
  }
}

// Lists whose order carries no meaning in IAM's grammar.
const UNORDERED = new Set([
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'AWS',
  'Service',
  'Federated',
  'CanonicalUser',
]);

function canon(v: Json, key: string): Json {
  if (Array.isArray(v)) {
    let items = v.map((x) => canon(x, key));
    if (UNORDERED.has(key) || items.every((x) => typeof x === 'string')) {
      items = [...new Set(items.map((x) => JSON.stringify(x)))].sort().map((x) => JSON.parse(x) as Json);
    }
    if (key === 'Statement') items = items.map((x) => x);
    return items.length === 1 && key !== 'Statement' ? items[0] : items;
  }
  if (v && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v).sort()) out[k] = canon(v[k], k);
    // A lone statement object means the same as a one-element list.
    if (key === '' && out.Statement && !Array.isArray(out.Statement)) out.Statement = [out.Statement];
    return out;
  }
  return v;
}

export function policiesEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonicalPolicy(a)) === JSON.stringify(canonicalPolicy(b));
}
