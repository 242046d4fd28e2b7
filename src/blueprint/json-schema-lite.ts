/**
 * A small JSON Schema (2020-12) checker for the keywords the blueprint schema uses, so tests can
 * prove that examples validate against the exported schema without another dependency. Unknown
 * keywords throw, so the schema cannot silently grow past what this checks.
 */
type Schema = Record<string, unknown>;

const IGNORED = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples']);
const KNOWN = new Set([
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'anyOf',
  'minProperties',
  'maxProperties',
]);

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

/** Returns the JSON-pointer-ish paths where `value` breaks `schema` (empty when valid). */
export function jsonSchemaErrors(schema: Schema, value: unknown, at = ''): string[] {
  for (const k of Object.keys(schema)) {
    if (!KNOWN.has(k) && !IGNORED.has(k))
      throw new Error(`json-schema-lite: unsupported keyword ${k} at ${at}`);
  }
  const errs: string[] = [];
  const fail = (why: string) => errs.push(`${at || '/'}: ${why}`);
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((x) => x === t || (x === 'number' && t === 'integer'));
    if (!ok) return [`${at || '/'}: expected ${types.join('|')}, got ${t}`];
  }
  if ('const' in schema && schema.const !== value) fail(`expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail(`not in enum`);
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      fail(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail('too short');
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) fail('too long');
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('below minimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('above maximum');
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail('too few items');
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail('too many items');
    if (schema.items) {
      for (const [i, v] of value.entries())
        errs.push(...jsonSchemaErrors(schema.items as Schema, v, `${at}/${i}`));
    }
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const keys = Object.keys(obj);
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties)
      fail('too few properties');
    if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties)
      fail('too many properties');
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) fail(`missing ${r}`);
    for (const k of keys) {
      if (schema.propertyNames)
        errs.push(...jsonSchemaErrors(schema.propertyNames as Schema, k, `${at}/${k}(name)`));
      if (k in props) errs.push(...jsonSchemaErrors(props[k], obj[k], `${at}/${k}`));
      else if (schema.additionalProperties === false) fail(`unknown property ${k}`);
      else if (typeof schema.additionalProperties === 'object') {
        errs.push(...jsonSchemaErrors(schema.additionalProperties as Schema, obj[k], `${at}/${k}`));
      }
    }
  }
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf.map((s) => jsonSchemaErrors(s as Schema, value, at));
    if (!branches.some((b) => b.length === 0))
      fail(`matches no anyOf branch (${branches.flat().join('; ')})`);
  }
  return errs;
}
