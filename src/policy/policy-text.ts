/**
 * Policy documents from stored JSON text, shared per distinct text so the evaluator's compile cache
 * (keyed by document object) hits on every call instead of re-parsing the same policy.
 */
import type { PolicyDocument } from './types.js';

const MAX = 2000;
const byText = new Map<string, PolicyDocument>();

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * The document for a policy's JSON text; invalid JSON gives a document with no statements (which
 * allows nothing). The returned object is frozen and shared: do not mutate it.
 */
export function policyDocumentFromText(text: string): PolicyDocument {
  let doc = byText.get(text);
  if (doc) return doc;
  try {
    const v: unknown = JSON.parse(text);
    doc =
      typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as PolicyDocument) : { Statement: [] };
  } catch {
    doc = { Statement: [] };
  }
  deepFreeze(doc);
  if (byText.size >= MAX) byText.delete(byText.keys().next().value as string);
  byText.set(text, doc);
  return doc;
}
