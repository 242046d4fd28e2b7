/**
 * The policy grammar IAM enforces when a document is stored, with IAM's MalformedPolicyDocument
 * messages. Three kinds differ: identity policies (inline and managed) must not name a principal
 * and must name resources; managed policies must be Version 2012-10-17; trust policies must name a
 * principal, must not name resources and may only allow STS actions.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { iamError } from './errors.js';

export type DocumentKind = 'inline' | 'managed' | 'trust';

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const VERSIONS = new Set(['2008-10-17', '2012-10-17']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

const SYNTAX = 'Syntax errors in policy.';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function isStringOrStrings(v: Json | undefined): boolean {
  if (v === undefined || typeof v === 'string') return true;
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function strings(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? (v as string[]) : [v as string];
}

/** Structural grammar: anything outside it is "Syntax errors in policy." as AWS reports it. */
function statementsOf(text: string): { doc: Obj; statements: Obj[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw iamError.malformed(SYNTAX);
  }
  if (!isObj(doc)) throw iamError.malformed(SYNTAX);
  if (Object.keys(doc).some((k) => !TOP_LEVEL.has(k))) throw iamError.malformed(SYNTAX);
  if ('Version' in doc && !VERSIONS.has(doc.Version as string)) throw iamError.malformed(SYNTAX);
  if ('Id' in doc && typeof doc.Id !== 'string') throw iamError.malformed(SYNTAX);
  const raw = doc.Statement;
  const statements = Array.isArray(raw) ? raw : isObj(raw) ? [raw] : undefined;
  if (!statements || statements.length === 0) throw iamError.malformed(SYNTAX);
  for (const s of statements) {
    if (!isObj(s)) throw iamError.malformed(SYNTAX);
    if (Object.keys(s).some((k) => !STATEMENT_KEYS.has(k))) throw iamError.malformed(SYNTAX);
    if (typeof s.Effect !== 'string' || !['allow', 'deny'].includes(s.Effect.toLowerCase()))
      throw iamError.malformed(SYNTAX);
    if ('Action' in s && 'NotAction' in s) throw iamError.malformed(SYNTAX);
    if ('Resource' in s && 'NotResource' in s) throw iamError.malformed(SYNTAX);
    for (const k of ['Action', 'NotAction', 'Resource', 'NotResource'])
      if (!isStringOrStrings(s[k])) throw iamError.malformed(SYNTAX);
    if ('Sid' in s && typeof s.Sid !== 'string') throw iamError.malformed(SYNTAX);
    if ('Condition' in s && !validCondition(s.Condition)) throw iamError.malformed(SYNTAX);
  }
  return { doc, statements: statements as Obj[] };
}

function validCondition(c: Json | undefined): boolean {
  if (!isObj(c)) return false;
  return Object.values(c).every(
    (block) =>
      isObj(block) &&
      Object.values(block).every(
        (v) =>
          ['string', 'boolean', 'number'].includes(typeof v) ||
          (Array.isArray(v) && v.every((x) => ['string', 'boolean', 'number'].includes(typeof x))),
      ),
  );
}

function checkActions(statements: Obj[]): void {
  for (const s of statements) {
    const key = 'Action' in s ? 'Action' : 'NotAction';
    const actions = strings(s[key]);
    if (actions.length === 0) throw iamError.malformed('Policy statement must contain actions.');
  }
  for (const s of statements) {
    for (const action of strings(s.Action ?? s.NotAction)) {
      const parts = action.split(':');
      if (parts.length === 1 && action !== '*')
        throw iamError.malformed(
          'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
        );
      if (parts.length > 2) throw iamError.malformed('Actions/Condition can contain only one colon.');
      if (parts.length === 2 && /[^a-zA-Z0-9.-]/.test(parts[0]))
        throw iamError.malformed(`Vendor ${parts[0]} is not valid`);
    }
  }
}

function checkResources(statements: Obj[]): void {
  for (const s of statements) {
    const resources = strings(s.Resource ?? s.NotResource);
    if (resources.length === 0) throw iamError.malformed('Policy statement must contain resources.');
    for (const r of resources) {
      if (r !== '*' && !r.startsWith('arn:'))
        throw iamError.malformed(`Resource ${r} must be in ARN format or "*".`);
    }
  }
}

/**
 * Decides whether a principal ARN names something that exists: true/false for accounts the sandbox
 * knows, undefined for accounts it does not (those are accepted, as AWS cannot be asked).
 */
export type PrincipalResolver = (arn: string) => boolean | undefined;

const AWS_PRINCIPAL =
  /^(\*|\d{12}|arn:aws:iam::\d{12}:(root|(role|user)\/[\w+=,.@\-/]+)|arn:aws:sts::\d{12}:(assumed-role|federated-user)\/.+|A(RO|ID)A[A-Z0-9]{13,})$/;

function checkPrincipal(block: Json | undefined, resolve: PrincipalResolver): void {
  if (block === '*') return;
  if (!isObj(block) || Object.keys(block).length === 0) throw iamError.malformed(SYNTAX);
  for (const [type, value] of Object.entries(block)) {
    if (!PRINCIPAL_TYPES.has(type) || !isStringOrStrings(value)) throw iamError.malformed(SYNTAX);
    for (const p of strings(value)) {
      const invalid = () =>
        iamError.malformed(
          `Invalid principal in policy: "${type === 'AWS' ? 'AWS' : type.toUpperCase()}":"${p}"`,
        );
      if (type === 'AWS') {
        if (!AWS_PRINCIPAL.test(p)) throw invalid();
        // IAM resolves role and user principals to their unique ids when it stores the policy, so
        // trusting a role that does not exist (yet) fails: a well-known ordering trap.
        if (/^arn:aws:iam::\d{12}:(role|user)\//.test(p) && resolve(p) === false) throw invalid();
      }
      if (type === 'Service' && !/^([a-z0-9-]+\.)+amazonaws\.com(\.cn)?$/.test(p)) throw invalid();
      if (
        type === 'Federated' &&
        !/^(arn:aws:iam::\d{12}:(saml|oidc)-provider\/.+|[a-z0-9.-]+\.[a-z]+)$/.test(p)
      )
        throw invalid();
    }
  }
}

function checkTrust(statements: Obj[], resolve: PrincipalResolver): void {
  for (const s of statements) {
    if ('Resource' in s || 'NotResource' in s) throw iamError.malformed('Has prohibited field Resource.');
    if (!('Principal' in s) && !('NotPrincipal' in s)) {
      throw iamError.malformed(
        'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!',
      );
    }
    checkPrincipal(s.Principal ?? s.NotPrincipal, resolve);
    for (const action of strings(s.Action ?? s.NotAction)) {
      if (action !== '*' && !action.toLowerCase().startsWith('sts:'))
        throw iamError.malformed('AssumeRole policy may only specify STS AssumeRole actions.');
    }
  }
}

/**
 * Validates a policy document as IAM does when storing it; throws MalformedPolicyDocument.
 * `resolve` lets trust policies reject principals that name missing roles and users.
 */
export function validatePolicyDocument(
  text: string,
  kind: DocumentKind,
  resolve: PrincipalResolver = () => undefined,
): void {
  const { doc, statements } = statementsOf(text);
  if (kind === 'managed' && doc.Version !== '2012-10-17')
    throw iamError.malformed('Policy document must be version 2012-10-17 or greater.');
  const sids = new Set<string>();
  for (const s of statements) {
    if (typeof s.Sid !== 'string' || s.Sid === '') continue;
    if (sids.has(s.Sid)) throw iamError.malformed('Statement IDs (SID) in a single policy must be unique.');
    sids.add(s.Sid);
  }
  checkActions(statements);
  if (kind === 'trust') {
    checkTrust(statements, resolve);
    return;
  }
  if (statements.some((s) => 'Principal' in s || 'NotPrincipal' in s))
    throw iamError.malformed('Policy document should not specify a principal.');
  checkResources(statements);
}
