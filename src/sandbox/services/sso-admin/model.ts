/**
 * IAM Identity Center (sso-admin) state. Shared contract: the sso-admin service writes it; the SSO
 * portal reads assignments and provisioned roles from it.
 */
import type { Tag } from '../iam/model.js';

export interface SsoInstance {
  /** arn:aws:sso:::instance/ssoins-<16 hex> */
  InstanceArn: string;
  /** d-<10 hex>; the access portal is https://<IdentityStoreId>.awsapps.com/start */
  IdentityStoreId: string;
  OwnerAccountId: string;
  Name?: string;
  CreatedDate: string; // ISO-8601
  Status: 'ACTIVE' | 'CREATE_IN_PROGRESS' | 'DELETE_IN_PROGRESS';
  Tags: Tag[];
}

export interface CustomerManagedPolicyReference {
  Name: string;
  Path: string;
}

export interface PermissionsBoundary {
  CustomerManagedPolicyReference?: CustomerManagedPolicyReference;
  ManagedPolicyArn?: string;
}

export interface PermissionSet {
  /** arn:aws:sso:::permissionSet/ssoins-…/ps-<16 hex> */
  PermissionSetArn: string;
  InstanceArn: string;
  Name: string;
  Description?: string;
  /** ISO-8601 duration, PT1H to PT12H. */
  SessionDuration: string;
  RelayState?: string;
  CreatedDate: string;
  Tags: Tag[];
  ManagedPolicies: string[];
  CustomerManagedPolicyReferences: CustomerManagedPolicyReference[];
  InlinePolicy?: string;
  PermissionsBoundary?: PermissionsBoundary;
  /** Bumped on every edit; a provisioned copy older than this is out of date ("not re-provisioned"). */
  Revision: number;
}

export interface AccountAssignment {
  InstanceArn: string;
  AccountId: string;
  PermissionSetArn: string;
  PrincipalType: 'USER' | 'GROUP';
  PrincipalId: string;
}

/** A permission set as provisioned into one account: the AWSReservedSSO role and the revision it carries. */
export interface ProvisionedPermissionSet {
  InstanceArn: string;
  PermissionSetArn: string;
  AccountId: string;
  /** AWSReservedSSO_<permission set name>_<16 hex>, under /aws-reserved/sso.amazonaws.com/ */
  RoleName: string;
  Revision: number;
}

export type AsyncKind = 'assignment-create' | 'assignment-delete' | 'provision';

/** An asynchronous request's status; it becomes SUCCEEDED (or FAILED) once the clock passes CompleteAt. */
export interface AsyncStatus {
  RequestId: string;
  Kind: AsyncKind;
  Status: 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED';
  FailureReason?: string;
  CreatedDate: string;
  /** Epoch ms when the work completes. */
  CompleteAt: number;
  InstanceArn: string;
  PermissionSetArn: string;
  /** Assignments: the account; provisioning: the target account or undefined for ALL_PROVISIONED_ACCOUNTS. */
  TargetId?: string;
  PrincipalType?: 'USER' | 'GROUP';
  PrincipalId?: string;
}

export interface SsoAdminState {
  instances: Record<string, SsoInstance>;
  permissionSets: Record<string, PermissionSet>;
  /** Keyed by `${PermissionSetArn}|${AccountId}|${PrincipalType}|${PrincipalId}`. */
  assignments: Record<string, AccountAssignment>;
  /** Keyed by `${PermissionSetArn}|${AccountId}`. */
  provisioned: Record<string, ProvisionedPermissionSet>;
  statuses: Record<string, AsyncStatus>;
  /**
   * The 16-hex suffix of each AWSReservedSSO role, keyed like `provisioned`. Kept after the role is
   * removed so that re-provisioning recreates the same role name (stable per permission set and
   * account). Optional: worlds
   * saved before it existed have none.
   */
  roleSuffixes?: Record<string, string>;
}

export function emptySsoAdminState(): SsoAdminState {
  return { instances: {}, permissionSets: {}, assignments: {}, provisioned: {}, statuses: {} };
}

export function assignmentKey(
  a: Pick<AccountAssignment, 'PermissionSetArn' | 'AccountId' | 'PrincipalType' | 'PrincipalId'>,
): string {
  return `${a.PermissionSetArn}|${a.AccountId}|${a.PrincipalType}|${a.PrincipalId}`;
}

export function provisionedKey(permissionSetArn: string, accountId: string): string {
  return `${permissionSetArn}|${accountId}`;
}
