/**
 * What a conformance case compares between two AWS implementations: the outcome (ok, or the error
 * code and HTTP status) and an observation the case chooses, with values that differ by nature
 * (ids, dates, account numbers) abstracted into their shape.
 */
export type Observation = { ok: true; value: unknown } | { ok: false; code: string; status?: number };

/** Replaces every leaf by its type, keeping keys; arrays keep their length. */
export function shape(value: unknown): unknown {
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      if (k === '$metadata') continue;
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = shape(v);
    }
    return out;
  }
  return typeof value;
}

/** Replaces 12-digit account ids in strings with ACCOUNT so ARNs compare across implementations. */
export function anonymise(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\b\d{12}\b/g, 'ACCOUNT');
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) return value.map(anonymise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (k !== '$metadata' && v !== undefined) out[k] = anonymise(v);
    return out;
  }
  return value;
}

export async function observe(fn: () => Promise<unknown>): Promise<Observation> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, code: err.name ?? 'Error', status: err.$metadata?.httpStatusCode };
  }
}
