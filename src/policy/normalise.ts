/**
 * AWS's grammar lets most elements be a single value or a list; these helpers give lists.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { PolicyDocument, Statement, StringOrArray } from './types.js';

/** A string-or-list element as a list; undefined gives an empty list. */
export function normaliseList(v: StringOrArray | undefined | null): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The statements of a document as a list, whether Statement was one object or an array. */
export function statementsOf(doc: PolicyDocument): Statement[] {
  const s = doc.Statement;
  if (s === undefined || s === null) return [];
  return Array.isArray(s) ? s : [s];
}
