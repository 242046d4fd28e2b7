/**
 * AWS's query protocol (IAM, STS): form-encoded requests with flattened names
 * (`Tags.member.1.Key=a`), XML responses wrapped in <OpResponse><OpResult>.
 * See https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */
import { AwsError } from '../aws-error.js';

export type QueryParams = Record<string, unknown>;

/**
 * Turns `A.member.1.B=x&A.member.2.B=y&M.entry.1.key=k&M.entry.1.value=v` into
 * `{A: [{B: 'x'}, {B: 'y'}], M: {k: 'v'}}`.
 */
export function parseQueryParams(form: URLSearchParams): QueryParams {
  const root: Record<string, unknown> = {};
  const entries: Array<[string[], string]> = [];
  for (const [key, value] of form) entries.push([key.split('.'), value]);
  for (const [path, value] of entries) setPath(root, path, value);
  return normalise(root) as QueryParams;
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    const next = node[seg];
    if (next === undefined || typeof next !== 'object') node[seg] = {};
    node = node[seg] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Converts `{member: {1: …, 2: …}}` into arrays and `{entry: {1: {key, value}}}` into maps. */
function normalise(node: unknown): unknown {
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === 'member' && obj.member && typeof obj.member === 'object') {
    return indexed(obj.member as Record<string, unknown>).map(normalise);
  }
  if (keys.length === 1 && keys[0] === 'entry' && obj.entry && typeof obj.entry === 'object') {
    const map: Record<string, unknown> = {};
    for (const e of indexed(obj.entry as Record<string, unknown>)) {
      const pair = e as Record<string, unknown>;
      map[String(pair.key)] = normalise(pair.value);
    }
    return map;
  }
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) return indexed(obj).map(normalise);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = normalise(obj[k]);
  return out;
}

function indexed(obj: Record<string, unknown>): unknown[] {
  return Object.keys(obj)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => obj[k]);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** Serialises a handler's result: arrays become <member> lists, Dates ISO-8601. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (typeof value === 'object') {
    let out = '';
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || v === null) continue;
      out += `<${k}>${toXml(v)}</${k}>`;
    }
    return out;
  }
  return xmlEscape(String(value));
}

export function queryResponse(
  operation: string,
  namespace: string,
  result: unknown,
  requestId: string,
): string {
  const body = result === undefined ? '' : `<${operation}Result>${toXml(result)}</${operation}Result>`;
  return (
    `<${operation}Response xmlns="${namespace}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

export function queryError(error: AwsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${error.type}</Type>` +
    `<Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

/** Reads a required string parameter or answers as AWS does when it is missing. */
export function requireParam(params: QueryParams, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
