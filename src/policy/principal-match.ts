/**
 * Matching the Principal / NotPrincipal element of resource-based policies against the caller.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 *
 * The kind of match matters to evaluation: within one account, a policy naming the user or the
 * session grants directly, one naming the role is still limited by boundaries and session policies,
 * and one naming the account only delegates to the account's identity-based policies.
 */
import { normaliseList } from './normalise.js';
import type { PrincipalBlock, RequestPrincipal } from './types.js';

/** How a statement's Principal named the caller. */
export type PrincipalMatchKind = 'session' | 'user' | 'federated' | 'service' | 'any' | 'role' | 'account';

const RANK: Record<PrincipalMatchKind, number> = {
  session: 7,
  user: 6,
  federated: 5,
  service: 5,
  any: 4,
  role: 2,
  account: 1,
};

/** The stronger of two matches (a statement may name the caller more than one way). */
export function strongerMatch(
  a: PrincipalMatchKind | undefined,
  b: PrincipalMatchKind | undefined,
): PrincipalMatchKind | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[b] > RANK[a] ? b : a;
}

/** True when the kind grants on its own within the same account (no identity policy needed). */
export function grantsDirectly(kind: PrincipalMatchKind): boolean {
  return RANK[kind] >= RANK.any;
}

const ACCOUNT_ID = /^\d{12}$/;
const ARN = /^arn:[^:]+:(iam|sts)::(\d{12}):(.+)$/;

function matchAwsEntry(entry: string, p: RequestPrincipal): PrincipalMatchKind | undefined {
  if (entry === '*') return 'any';
  if (p.service || p.federated) return undefined;
  if (ACCOUNT_ID.test(entry)) return entry === p.accountId ? 'account' : undefined;
  const m = ARN.exec(entry);
  if (!m) {
    // Unique ids (AIDA…/AROA…) are what IAM stores for users and roles named in trust policies.
    if (p.userId && entry === p.userId) return entry.startsWith('AROA') ? 'role' : 'user';
    return undefined;
  }
  const [, service, account, rest] = m;
  if (service === 'iam' && rest === 'root') return account === p.accountId ? 'account' : undefined;
  if (service === 'iam' && rest.startsWith('user/')) return entry === p.arn ? 'user' : undefined;
  if (service === 'iam' && rest.startsWith('role/')) return entry === p.roleArn ? 'role' : undefined;
  if (service === 'sts' && (rest.startsWith('assumed-role/') || rest.startsWith('federated-user/'))) {
    return entry === p.arn ? 'session' : undefined;
  }
  return undefined;
}

/** The strongest way the Principal element names the caller, or undefined when it does not. */
export function principalMatch(
  block: PrincipalBlock | undefined,
  p: RequestPrincipal,
): PrincipalMatchKind | undefined {
  if (block === undefined) return undefined;
  if (block === '*') return 'any';
  let best: PrincipalMatchKind | undefined;
  for (const [type, value] of Object.entries(block)) {
    const entries = normaliseList(value);
    if (type === 'AWS') {
      for (const e of entries) best = strongerMatch(best, matchAwsEntry(e, p));
    } else if (type === 'Service') {
      if (p.service && entries.some((e) => e === '*' || e.toLowerCase() === p.service?.toLowerCase())) {
        best = strongerMatch(best, 'service');
      }
    } else if (type === 'Federated') {
      if (p.federated && entries.some((e) => e === '*' || e.toLowerCase() === p.federated?.toLowerCase())) {
        best = strongerMatch(best, 'federated');
      }
    }
  }
  return best;
}

/**
 * True when NotPrincipal names the caller itself, exempting it from the statement. Only the exact
 * identity counts (the session ARN for a role session, the user ARN, the account for the root
 * user): AWS documents that naming just the role or account of a session does not reliably exempt it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function notPrincipalExempts(block: PrincipalBlock | undefined, p: RequestPrincipal): boolean {
  if (block === undefined) return false;
  if (block === '*') return true;
  for (const [type, value] of Object.entries(block)) {
    const entries = normaliseList(value);
    if (entries.includes('*')) return true;
    if (type === 'AWS' && !p.service && !p.federated) {
      if (entries.includes(p.arn)) return true;
      if (p.isRoot && entries.includes(p.accountId)) return true;
      if (p.userId && entries.includes(p.userId) && !p.roleArn) return true;
    } else if (type === 'Service' && p.service) {
      if (entries.some((e) => e.toLowerCase() === p.service?.toLowerCase())) return true;
    } else if (type === 'Federated' && p.federated) {
      if (entries.some((e) => e.toLowerCase() === p.federated?.toLowerCase())) return true;
    }
  }
  return false;
}
