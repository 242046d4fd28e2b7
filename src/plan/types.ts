/**
 * The plan's data model. Resources are identified by (kind, account, key); kinds mirror AWS's own
 * resource types so a blueprint can later be exported to CloudFormation or Terraform.
 */
export type ResourceKind =
  | 'AWS::Organizations::Account'
  | 'AWS::IAM::ManagedPolicy'
  | 'AWS::IAM::Role'
  | 'AWS::IAM::Group'
  | 'AWS::IdentityStore::User'
  | 'AWS::IdentityStore::Group'
  | 'AWS::IdentityStore::GroupMembership'
  | 'AWS::SSO::PermissionSet'
  | 'AWS::SSO::Assignment';

/** A value not known until an earlier action has run (an account id, a principal id). */
export interface KnownAfterApply {
  $knownAfterApply: string;
}

export interface DesiredResource {
  kind: ResourceKind;
  /** Account id, or the account key when the account is itself created by this blueprint. */
  account: string;
  key: string;
  props: Record<string, unknown>;
  /** Ids (resourceId) of resources that must exist first. */
  deps: string[];
}

export interface ObservedResource {
  kind: ResourceKind;
  account: string;
  key: string;
  props: Record<string, unknown>;
  /** The blueprint that owns it (tag onramp:blueprint, or onramp's ownership marker); undefined if unowned. */
  owner?: string;
  /** AWS's identifier (ARN, id) for update and delete. */
  physicalId?: string;
}

export type ActionOp = 'create' | 'update' | 'replace' | 'delete' | 'noop';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface PlanAction {
  id: string;
  op: ActionOp;
  kind: ResourceKind;
  account: string;
  key: string;
  /** Why: "not found", "trust policy differs", "owned but no longer declared", … */
  reasons: string[];
  changes: FieldChange[];
  desired?: DesiredResource;
  observed?: ObservedResource;
  /** Action ids that must complete first. */
  deps: string[];
}

export interface PlanProblem {
  code: string;
  resource: string;
  message: string;
  hint: string;
}

export interface Plan {
  blueprint: string;
  actions: PlanAction[];
  /** Collisions with unowned resources and similar: a plan with problems must not be applied. */
  problems: PlanProblem[];
}

export function resourceId(r: { kind: ResourceKind; account: string; key: string }): string {
  return `${r.kind}/${r.account}/${r.key}`;
}

/** Creation order of kinds; deletion runs in reverse. */
export const KIND_ORDER: ResourceKind[] = [
  'AWS::Organizations::Account',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Role',
  'AWS::IAM::Group',
  'AWS::IdentityStore::User',
  'AWS::IdentityStore::Group',
  'AWS::IdentityStore::GroupMembership',
  'AWS::SSO::PermissionSet',
  'AWS::SSO::Assignment',
];
