/**
 * Minimal IAM policy grammar and size checks for documents written in a blueprint. This is the one
 * place the blueprint room checks policy grammar; once src/policy exposes `parsePolicy`, this module
 * should delegate to it and keep only the blueprint-specific parts (issue paths, size limits).
 *
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * Size limits (whitespace not counted): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */

import type { BlueprintCode } from './codes.js';
import { E, W } from './codes.js';
import { didYouMean } from './edit-distance.js';
import type { DocPath } from './source-map.js';

/** identity: attached to a principal (no Principal); trust: a role's AssumeRolePolicyDocument. */
export type PolicyKind = 'identity' | 'trust';

export interface GrammarIssue {
  severity: 'error' | 'warning';
  code: BlueprintCode;
  message: string;
  /** Relative to the document. */
  path: DocPath;
  hint?: string;
}

/** AWS's documented limits, in characters excluding whitespace. */
export const POLICY_LIMITS = {
  managedPolicy: 6144,
  roleInlineAggregate: 10240,
  groupInlineAggregate: 5120,
  permissionSetInline: 10240,
  trustPolicy: 2048,
} as const;

const TOP_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
];
const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Size as IAM counts it: the minified JSON without whitespace. */
export function policySize(doc: unknown): number {
  return JSON.stringify(doc ?? null).replace(/\s/g, '').length;
}

/** Every grammar problem in `doc` (which may be anything a user wrote). */
export function checkPolicyDocument(doc: unknown, kind: PolicyKind): GrammarIssue[] {
  const issues: GrammarIssue[] = [];
  const err: Err = (path, message, code = E.policyGrammar, hint) => {
    issues.push({ severity: 'error', code, message, path, ...(hint ? { hint } : {}) });
  };
  const warn: Err = (path, message, code = W.sessionPrincipal, hint) => {
    issues.push({ severity: 'warning', code, message, path, ...(hint ? { hint } : {}) });
  };
  if (!isRecord(doc)) {
    err([], 'a policy document is a mapping with Version and Statement');
    return issues;
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key))
      err([key], `unknown policy element \`${key}\``, E.policyGrammar, didYouMean(key, TOP_KEYS));
  }
  if (doc.Version === undefined) {
    issues.push({
      severity: 'warning',
      code: W.policyVersion,
      message: 'no Version; AWS then uses 2008-10-17, which ignores policy variables',
      path: [],
      hint: 'add Version: "2012-10-17"',
    });
  } else if (doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') {
    err(
      ['Version'],
      `Version ${JSON.stringify(doc.Version)} is not a policy language version`,
      E.policyGrammar,
      'use "2012-10-17" (quoted)',
    );
  }
  const statements = doc.Statement;
  if (statements === undefined) {
    err([], 'the policy has no Statement');
  } else if (Array.isArray(statements)) {
    if (statements.length === 0) err(['Statement'], 'Statement is an empty list');
    for (const [i, s] of statements.entries()) checkStatement(s, ['Statement', i], kind, err, warn);
  } else {
    checkStatement(statements, ['Statement'], kind, err, warn);
  }
  return issues;
}

type Err = (path: DocPath, message: string, code?: BlueprintCode, hint?: string) => void;

function checkStatement(s: unknown, at: DocPath, kind: PolicyKind, err: Err, warn: Err): void {
  if (!isRecord(s)) {
    err(at, 'a statement is a mapping with Effect, Action and Resource');
    return;
  }
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.includes(key)) {
      err(
        [...at, key],
        `unknown statement element \`${key}\``,
        E.policyGrammar,
        didYouMean(key, STATEMENT_KEYS),
      );
    }
  }
  if (s.Sid !== undefined && (typeof s.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(s.Sid))) {
    err([...at, 'Sid'], 'Sid may hold only letters and digits');
  }
  if (s.Effect === undefined)
    err(at, 'the statement has no Effect', E.policyGrammar, 'add Effect: Allow or Deny');
  else if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    err([...at, 'Effect'], `Effect ${JSON.stringify(s.Effect)} must be Allow or Deny (case-sensitive)`);
  }
  oneOf(s, at, ['Action', 'NotAction'], err);
  for (const key of ['Action', 'NotAction']) {
    if (s[key] !== undefined)
      strings(s[key], [...at, key], key, err, (v, p) => {
        if (!v.includes('${') && !ACTION.test(v)) {
          err(
            p,
            `action ${JSON.stringify(v)} is not service:Action`,
            E.invalidAction,
            'e.g. sts:AssumeRole, s3:Get*, or *',
          );
        }
      });
  }
  for (const key of ['Resource', 'NotResource']) {
    if (s[key] !== undefined)
      strings(s[key], [...at, key], key, err, (v, p) => {
        if (v !== '*' && !v.startsWith('arn:') && !v.startsWith('${'))
          err(p, `resource ${JSON.stringify(v)} is not an ARN or *`);
      });
  }
  if (s.Condition !== undefined) checkCondition(s.Condition, [...at, 'Condition'], err);
  if (kind === 'identity') {
    for (const key of ['Principal', 'NotPrincipal']) {
      if (s[key] !== undefined) {
        err(
          [...at, key],
          `${key} is not allowed in an identity policy`,
          E.principalInIdentityPolicy,
          'only trust and resource policies name principals; remove it',
        );
      }
    }
    oneOf(s, at, ['Resource', 'NotResource'], err);
    return;
  }
  if (s.Principal === undefined && s.NotPrincipal === undefined) {
    err(
      at,
      'a trust policy statement needs a Principal',
      E.trustPolicyShape,
      'name who may assume the role, e.g. Principal: {AWS: arn:aws:iam::123456789012:root}',
    );
  }
  for (const key of ['Resource', 'NotResource']) {
    if (s[key] !== undefined)
      err(
        [...at, key],
        `${key} is not allowed in a trust policy (the role is the resource)`,
        E.trustPolicyShape,
      );
  }
  for (const key of ['Principal', 'NotPrincipal'])
    if (s[key] !== undefined) checkPrincipal(s[key], [...at, key], s, err, warn);
}

function oneOf(s: Record<string, unknown>, at: DocPath, keys: string[], err: Err): void {
  const present = keys.filter((k) => s[k] !== undefined);
  if (present.length === 0) err(at, `the statement needs ${keys.join(' or ')}`);
  if (present.length > 1) err([...at, present[1]], `a statement has ${keys.join(' or ')}, not both`);
}

function strings(
  v: unknown,
  at: DocPath,
  key: string,
  err: Err,
  each: (v: string, p: DocPath) => void,
): void {
  if (typeof v === 'string') {
    each(v, at);
    return;
  }
  if (!Array.isArray(v) || v.length === 0) {
    err(at, `${key} must be a string or a non-empty list of strings`);
    return;
  }
  for (const [i, item] of v.entries()) {
    if (typeof item === 'string') each(item, [...at, i]);
    else err([...at, i], `${key} items must be strings`);
  }
}

function checkCondition(c: unknown, at: DocPath, err: Err): void {
  if (!isRecord(c)) {
    err(at, 'Condition maps operators (StringEquals, ArnLike, …) to {key: value}');
    return;
  }
  for (const [op, block] of Object.entries(c)) {
    if (!/^[A-Za-z]+(:[A-Za-z]+)?$/.test(op)) err([...at, op], `\`${op}\` is not a condition operator`);
    if (!isRecord(block)) {
      err([...at, op], `${op} must map condition keys to values`);
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      const ok = (x: unknown) => ['string', 'number', 'boolean'].includes(typeof x);
      if (!(ok(value) || (Array.isArray(value) && value.every(ok)))) {
        err([...at, op, key], `condition value for ${key} must be a string, number, boolean or list of them`);
      }
    }
  }
}

function checkPrincipal(p: unknown, at: DocPath, s: Record<string, unknown>, err: Err, warn: Err): void {
  const open = p === '*' || (isRecord(p) && (p.AWS === '*' || (Array.isArray(p.AWS) && p.AWS.includes('*'))));
  if (open && s.Condition === undefined && s.Effect === 'Allow') {
    err(
      at,
      'Principal "*" without a Condition lets anyone in any account assume the role',
      E.publicTrust,
      'name the account or role ARN, or add a Condition such as aws:PrincipalOrgID',
    );
    return;
  }
  if (p === '*') return;
  if (!isRecord(p)) {
    err(at, 'Principal is "*" or a mapping such as {AWS: …, Service: …}');
    return;
  }
  for (const [key, value] of Object.entries(p)) {
    if (!PRINCIPAL_KEYS.includes(key)) {
      err(
        [...at, key],
        `unknown principal type \`${key}\``,
        E.policyGrammar,
        didYouMean(key, PRINCIPAL_KEYS) ?? `use ${PRINCIPAL_KEYS.join(', ')}`,
      );
      continue;
    }
    strings(value, [...at, key], key, err, (v, path) => {
      if (key !== 'AWS' || v === '*' || v.includes('${')) return;
      if (/^arn:[\w-]+:sts::\d{12}:assumed-role\//.test(v)) {
        warn(
          path,
          'this trusts one session, which stops working when the session ends',
          W.sessionPrincipal,
          'trust the role ARN (arn:aws:iam::ACCOUNT:role/[path/]NAME) instead',
        );
        return;
      }
      if (!/^\d{12}$/.test(v) && !/^arn:[\w-]+:(iam|sts)::\d{12}:/.test(v) && !/^[A-Z0-9]{21}$/.test(v)) {
        err(path, `AWS principal ${JSON.stringify(v)} is not an account id or IAM ARN`, E.invalidArn);
      }
    });
  }
}
