/**
 * Policies compiled once per document object (the sandbox evaluates the same documents on every
 * call) and the matching of one statement against one request.
 */
import { type CompiledCondition, compileCondition, conditionHolds, conditionValues } from './conditions.js';
import type { RequestContext } from './context.js';
import { actionMatches, arnMatches } from './match.js';
import { normaliseList, statementsOf } from './normalise.js';
import { notPrincipalExempts, type PrincipalMatchKind, principalMatch } from './principal-match.js';
import type { PolicyDocument, PrincipalBlock, RequestPrincipal, Statement } from './types.js';
import { hasVariables, resolveTemplate, supportsVariables, type VariableLookup } from './variables.js';

interface ResourceList {
  negated: boolean;
  /** The strings as written (for variable resolution). */
  templates: string[];
  /** Escaped globs, or undefined for entries that hold variables and need the request. */
  globs: Array<string | undefined>;
}

export interface CompiledStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny' | undefined;
  actions?: { negated: boolean; patterns: string[] };
  resources?: ResourceList;
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  conditions: CompiledCondition[];
}

export interface CompiledPolicy {
  variables: boolean;
  statements: CompiledStatement[];
}

const cache = new WeakMap<PolicyDocument, CompiledPolicy>();

const literalGlob = (s: string) => (s.indexOf('\\') === -1 ? s : s.replace(/\\/g, '\\\\'));

function compileResources(list: string[], negated: boolean, variables: boolean): ResourceList {
  return {
    negated,
    templates: list,
    globs: list.map((r) => (variables && hasVariables(r) ? undefined : literalGlob(r))),
  };
}

function compileStatement(s: Statement, index: number, variables: boolean): CompiledStatement {
  const effect = s.Effect === 'Allow' || s.Effect === 'Deny' ? s.Effect : undefined;
  const out: CompiledStatement = { index, sid: s.Sid, effect, conditions: [] };
  if (s.Action !== undefined) out.actions = { negated: false, patterns: normaliseList(s.Action) };
  else if (s.NotAction !== undefined) out.actions = { negated: true, patterns: normaliseList(s.NotAction) };
  if (s.Resource !== undefined) out.resources = compileResources(normaliseList(s.Resource), false, variables);
  else if (s.NotResource !== undefined) {
    out.resources = compileResources(normaliseList(s.NotResource), true, variables);
  }
  out.principal = s.Principal;
  out.notPrincipal = s.NotPrincipal;
  for (const [operator, block] of Object.entries(s.Condition ?? {})) {
    if (!block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block)) {
      out.conditions.push(compileCondition(operator, key, conditionValues(value), variables));
    }
  }
  return out;
}

/** Compiles (or fetches from the cache) a document. Documents must not be mutated afterwards. */
export function compilePolicy(doc: PolicyDocument): CompiledPolicy {
  let c = cache.get(doc);
  if (c) return c;
  const variables = supportsVariables(doc.Version);
  c = {
    variables,
    statements: statementsOf(doc).map((s, i) => compileStatement(s ?? ({} as Statement), i, variables)),
  };
  cache.set(doc, c);
  return c;
}

/** One request, prepared once for all statements. */
export interface PreparedRequest {
  action: string;
  resource: string;
  principal: RequestPrincipal;
  ctx: RequestContext;
  lookup: VariableLookup;
  /** The caller's user or role has a permissions boundary (it changes how NotPrincipal reads). */
  hasBoundary: boolean;
}

function actionApplies(st: CompiledStatement, action: string): boolean {
  const a = st.actions;
  if (!a) return false;
  const hit = a.patterns.some((p) => actionMatches(p, action));
  return a.negated ? !hit : hit;
}

function resourceApplies(st: CompiledStatement, req: PreparedRequest, resourceOptional: boolean): boolean {
  const r = st.resources;
  // Trust policies have no Resource element: the statement is about the resource it is attached to.
  // Identity-based policies without one are invalid, and such a statement grants nothing.
  if (!r) return resourceOptional;
  let hit = false;
  for (let i = 0; i < r.templates.length && !hit; i++) {
    const glob = r.globs[i] ?? resolveTemplate(r.templates[i], req.lookup, 'glob');
    // A variable without a value makes the entry match no resource, in Resource and NotResource alike.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
    if (glob === undefined) continue;
    hit = arnMatches(glob, req.resource);
  }
  return r.negated ? !hit : hit;
}

/**
 * Does the statement's action, resource and condition apply (principal aside)? `resourceOptional`
 * is for policies that may omit Resource (resource-based policies and SCPs).
 */
export function statementApplies(
  st: CompiledStatement,
  req: PreparedRequest,
  resourceOptional = false,
): boolean {
  if (!st.effect || !actionApplies(st, req.action) || !resourceApplies(st, req, resourceOptional))
    return false;
  return st.conditions.every((c) => conditionHolds(c, req.ctx, req.lookup));
}

/**
 * For a resource-based policy: how the statement names the caller, or undefined when the statement
 * does not apply. NotPrincipal counts as naming everyone it does not exempt, and a NotPrincipal Deny
 * exempts nobody whose user or role has a permissions boundary.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function resourceStatementApplies(
  st: CompiledStatement,
  req: PreparedRequest,
): PrincipalMatchKind | undefined {
  let kind: PrincipalMatchKind | undefined;
  if (st.principal !== undefined) kind = principalMatch(st.principal, req.principal);
  else if (st.notPrincipal !== undefined) {
    const exempt =
      !(req.hasBoundary && st.effect === 'Deny') && notPrincipalExempts(st.notPrincipal, req.principal);
    kind = exempt ? undefined : 'any';
  }
  if (!kind) return undefined;
  return statementApplies(st, req, true) ? kind : undefined;
}
