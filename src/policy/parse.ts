/**
 * Parsing and grammar validation of policy JSON. Problems are returned with a JSON path, never
 * thrown, so the linter and `onramp verify` can report them all at once.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { isKnownOperator, parseOperator } from './conditions.js';
import type { PolicyDocument } from './types.js';

/** Where a policy is used; it decides whether Principal and Resource are required or forbidden. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp';

export interface PolicyProblem {
  /** JSON path of the offending element, e.g. `$.Statement[1].Effect`. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface ParsedPolicy {
  /** The document, when the text was a JSON object (even if it has grammar errors). */
  document?: PolicyDocument;
  errors: PolicyProblem[];
}

const VERSIONS = ['2012-10-17', '2008-10-17'];
const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const ACTION = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]*)$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly problems: PolicyProblem[] = [];
  error(path: string, message: string): void {
    this.problems.push({ path, message, severity: 'error' });
  }
  warn(path: string, message: string): void {
    this.problems.push({ path, message, severity: 'warning' });
  }
  /** A string or a non-empty list of strings; returns the strings that were valid. */
  strings(path: string, v: unknown, what: string): string[] {
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
    this.error(path, `${what} must be a string or a non-empty list of strings`);
    return [];
  }
}

function checkPrincipal(c: Checker, path: string, v: unknown): void {
  if (v === '*') return;
  if (!isObj(v) || Object.keys(v).length === 0) {
    c.error(path, 'must be "*" or an object with AWS, Service, Federated or CanonicalUser entries');
    return;
  }
  for (const [type, value] of Object.entries(v)) {
    if (!PRINCIPAL_TYPES.has(type)) c.error(`${path}.${type}`, `unknown principal type ${type}`);
    else c.strings(`${path}.${type}`, value, `${type} principal`);
  }
}

function checkCondition(c: Checker, path: string, v: unknown): void {
  if (!isObj(v)) {
    c.error(path, 'Condition must be an object of operators');
    return;
  }
  for (const [operator, block] of Object.entries(v)) {
    const opPath = `${path}.${operator}`;
    if (!isKnownOperator(operator)) c.error(opPath, `unknown condition operator ${operator}`);
    if (!isObj(block) || Object.keys(block).length === 0) {
      c.error(opPath, 'each operator needs an object of condition keys');
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      const keyPath = `${opPath}["${key}"]`;
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0 || values.some((x) => !['string', 'number', 'boolean'].includes(typeof x))) {
        c.error(keyPath, 'condition values must be strings, numbers or booleans (or a non-empty list)');
      } else if (parseOperator(operator).isNull && values.some((x) => !/^(true|false)$/i.test(String(x)))) {
        c.error(keyPath, 'Null takes "true" (key absent) or "false" (key present)');
      }
    }
  }
}

function checkStatement(c: Checker, path: string, s: unknown, kind: PolicyKind, sids: Set<string>): void {
  if (!isObj(s)) {
    c.error(path, 'each statement must be an object');
    return;
  }
  for (const k of Object.keys(s)) if (!STATEMENT_KEYS.has(k)) c.error(`${path}.${k}`, `unknown element ${k}`);
  if (s.Sid !== undefined) {
    if (typeof s.Sid !== 'string') c.error(`${path}.Sid`, 'Sid must be a string');
    else {
      if (sids.has(s.Sid)) c.error(`${path}.Sid`, `duplicate Sid ${s.Sid}; Sids must be unique in a policy`);
      sids.add(s.Sid);
      if (kind !== 'resource' && !/^[A-Za-z0-9]*$/.test(s.Sid)) {
        c.error(`${path}.Sid`, 'IAM Sids may contain only letters and digits');
      }
    }
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
    c.error(`${path}.Effect`, 'Effect must be "Allow" or "Deny"');

  if (s.Action !== undefined && s.NotAction !== undefined) c.error(path, 'use Action or NotAction, not both');
  else if (s.Action === undefined && s.NotAction === undefined)
    c.error(path, 'Action or NotAction is required');
  for (const el of ['Action', 'NotAction'] as const) {
    if (s[el] === undefined) continue;
    c.strings(`${path}.${el}`, s[el], el).forEach((a, i) => {
      if (!ACTION.test(a)) c.error(`${path}.${el}[${i}]`, `"${a}" is not service:action or "*"`);
    });
  }

  if (s.Resource !== undefined && s.NotResource !== undefined)
    c.error(path, 'use Resource or NotResource, not both');
  else if (s.Resource === undefined && s.NotResource === undefined && kind !== 'trust' && kind !== 'scp') {
    c.error(path, 'Resource or NotResource is required');
  }
  for (const el of ['Resource', 'NotResource'] as const) {
    if (s[el] === undefined) continue;
    c.strings(`${path}.${el}`, s[el], el).forEach((r, i) => {
      if (r !== '*' && !r.startsWith('arn:')) c.error(`${path}.${el}[${i}]`, `"${r}" must be an ARN or "*"`);
    });
  }

  const takesPrincipal = kind === 'resource' || kind === 'trust';
  for (const el of ['Principal', 'NotPrincipal'] as const) {
    if (s[el] === undefined) continue;
    if (!takesPrincipal) c.error(`${path}.${el}`, `${el} is allowed only in resource-based policies`);
    else if (el === 'NotPrincipal' && kind === 'trust')
      c.error(`${path}.${el}`, 'trust policies cannot use NotPrincipal');
    else if (el === 'NotPrincipal' && s.Effect === 'Allow') {
      c.error(`${path}.${el}`, 'NotPrincipal is supported only with Deny');
    } else checkPrincipal(c, `${path}.${el}`, s[el]);
  }
  if (takesPrincipal && s.Principal === undefined && s.NotPrincipal === undefined) {
    c.error(path, 'Principal is required in resource-based policies');
  }
  if (s.Principal !== undefined && s.NotPrincipal !== undefined)
    c.error(path, 'use Principal or NotPrincipal, not both');
  if (s.Condition !== undefined) checkCondition(c, `${path}.Condition`, s.Condition);
}

/** Validates an already-parsed value against the policy grammar. */
export function validatePolicy(value: unknown, kind: PolicyKind = 'identity'): PolicyProblem[] {
  const c = new Checker();
  if (!isObj(value)) {
    c.error('$', 'a policy must be a JSON object');
    return c.problems;
  }
  for (const k of Object.keys(value)) if (!TOP_KEYS.has(k)) c.error(`$.${k}`, `unknown element ${k}`);
  if (value.Version === undefined) {
    c.warn(
      '$.Version',
      'no Version: the 2008-10-17 language applies and policy variables are read literally',
    );
  } else if (typeof value.Version !== 'string' || !VERSIONS.includes(value.Version)) {
    c.error('$.Version', `Version must be one of ${VERSIONS.join(', ')}`);
  }
  if (value.Id !== undefined && typeof value.Id !== 'string') c.error('$.Id', 'Id must be a string');
  const st = value.Statement;
  const sids = new Set<string>();
  if (Array.isArray(st)) {
    if (st.length === 0) c.error('$.Statement', 'Statement must not be empty');
    for (const [i, s] of st.entries()) checkStatement(c, `$.Statement[${i}]`, s, kind, sids);
  } else if (isObj(st)) {
    checkStatement(c, '$.Statement', st, kind, sids);
  } else {
    c.error('$.Statement', 'Statement is required: an object or a list of objects');
  }
  return c.problems;
}

/** Parses policy JSON and checks its grammar. Never throws. */
export function parsePolicy(text: string, kind: PolicyKind = 'identity'): ParsedPolicy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { errors: [{ path: '$', message: `not valid JSON: ${(e as Error).message}`, severity: 'error' }] };
  }
  const errors = validatePolicy(value, kind);
  return { document: isObj(value) ? (value as unknown as PolicyDocument) : undefined, errors };
}
