/**
 * AWS Organizations' state in the sandbox world: one organization (the sandbox models a single
 * organization per world), its root, OUs, member accounts, CreateAccount requests, tags and trusted
 * services. Timestamps are epoch milliseconds so the state stays plain JSON; handlers render Dates.
 *
 * Shared contract: src/sandbox/authz.ts reads `organization.Id` and `accounts[accountId]` to set
 * aws:PrincipalOrgID; sso-admin and the SSO portal read `accounts`.
 */
import type { Tag } from '../iam/model.js';

export interface Organization {
  /** o-<10 lower-case alphanumerics> */
  Id: string;
  /** arn:aws:organizations::MGMT:organization/o-… */
  Arn: string;
  FeatureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  MasterAccountId: string;
  MasterAccountArn: string;
  MasterAccountEmail: string;
  AvailablePolicyTypes: Array<{ Type: string; Status: 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE' }>;
}

export interface OrgRoot {
  /** r-<4 lower-case alphanumerics> */
  Id: string;
  Arn: string;
  Name: string;
  PolicyTypes: Array<{ Type: string; Status: string }>;
}

export interface OrgUnit {
  /** ou-<root suffix>-<8 lower-case alphanumerics> */
  Id: string;
  Arn: string;
  Name: string;
  /** A root id (r-…) or another OU's id. */
  ParentId: string;
}

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

export interface OrgAccount {
  Id: string;
  /** arn:aws:organizations::MGMT:account/o-…/ID */
  Arn: string;
  Email: string;
  Name: string;
  Status: AccountStatus;
  JoinedMethod: 'CREATED' | 'INVITED';
  JoinedTimestamp: number;
  ParentId: string;
  /** Set by CloseAccount: the account is SUSPENDED once the clock passes this. */
  ClosingAt?: number;
}

export interface CreateAccountRequest {
  /** car-<32 hex> */
  Id: string;
  AccountName: string;
  Email: string;
  RoleName: string;
  IamUserAccessToBilling: 'ALLOW' | 'DENY';
  Tags: Tag[];
  State: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  RequestedTimestamp: number;
  /** When the asynchronous work finishes (RequestedTimestamp + the realism latency). */
  CompleteAt: number;
  CompletedTimestamp?: number;
  AccountId?: string;
  FailureReason?: string;
}

export interface OrgState {
  /** Absent until CreateOrganization. */
  organization?: Organization;
  roots: Record<string, OrgRoot>;
  ous: Record<string, OrgUnit>;
  /** Every account in the organization, the management account included, keyed by account id. */
  accounts: Record<string, OrgAccount>;
  /** CreateAccount requests keyed by request id, in the order they were made. */
  createAccountRequests: Record<string, CreateAccountRequest>;
  /** Tags of accounts, OUs and roots keyed by their id. */
  tags: Record<string, Tag[]>;
  /** Trusted AWS services (EnableAWSServiceAccess): service principal → epoch ms enabled. */
  serviceAccess: Record<string, number>;
}

export function emptyOrgState(): OrgState {
  return { roots: {}, ous: {}, accounts: {}, createAccountRequests: {}, tags: {}, serviceAccess: {} };
}

/** The single root of the organization, if there is an organization. */
export function rootOf(state: OrgState): OrgRoot | undefined {
  return Object.values(state.roots)[0];
}

/** True for the id of the root or of an existing OU. */
export function parentExists(state: OrgState, id: string): boolean {
  return Boolean(state.roots[id] ?? state.ous[id]);
}

/** The ids from the root down to (and including) `id`: r-…, ou-…, ou-…. */
export function ancestry(state: OrgState, id: string): string[] {
  const chain: string[] = [];
  let cursor: string | undefined = id;
  while (cursor) {
    chain.unshift(cursor);
    cursor = state.ous[cursor]?.ParentId;
  }
  return chain;
}

/** Organization-level ARN of an account, OU or root of this organization. */
export function orgArn(org: Organization, kind: 'account' | 'ou' | 'root', id: string): string {
  return `arn:aws:organizations::${org.MasterAccountId}:${kind}/${org.Id}/${id}`;
}
