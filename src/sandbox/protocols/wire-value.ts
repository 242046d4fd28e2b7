/**
 * Handlers return plain objects with Date for timestamps; each protocol renders them its own way
 * (ISO-8601 in XML, epoch seconds in JSON 1.1 and REST-JSON).
 */
export function toJsonWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toJsonWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonWire(v);
    return out;
  }
  return value;
}
