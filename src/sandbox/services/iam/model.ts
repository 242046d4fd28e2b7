/**
 * IAM's state in one account, as plain JSON-serialisable data. Other services (STS, Organizations,
 * sso-admin, the SSO portal) read and write it through the functions here, never through the wire.
 */
export interface Tag {
  Key: string;
  Value: string;
}

export interface IamRole {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: string; // ISO-8601
  /** The trust policy as the JSON text the caller sent (URL-decoded). */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  Tags: Tag[];
  /** ARNs of attached managed policies (AWS-managed or customer-managed). */
  AttachedPolicies: string[];
  InlinePolicies: Record<string, string>;
  PermissionsBoundary?: string;
  /** Epoch ms of the last change to the role or its trust; drives the propagation delay. */
  ChangedAt: number;
}

export interface IamUser {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  Tags: Tag[];
  AttachedPolicies: string[];
  InlinePolicies: Record<string, string>;
  PermissionsBoundary?: string;
  ChangedAt: number;
}

export interface IamGroup {
  GroupName: string;
  GroupId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  AttachedPolicies: string[];
  InlinePolicies: Record<string, string>;
  /** Member user names. */
  Members: string[];
}

export interface IamPolicyVersion {
  VersionId: string;
  Document: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
}

export interface IamManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  DefaultVersionId: string;
  Versions: IamPolicyVersion[];
  /** Next version number to hand out (v1, v2, …); AWS never reuses a version id. */
  NextVersion: number;
  Tags: Tag[];
  CreateDate: string;
  UpdateDate: string;
}

export interface IamAccountState {
  /** Keyed by lower-cased name: IAM names are unique case-insensitively. */
  roles: Record<string, IamRole>;
  users: Record<string, IamUser>;
  groups: Record<string, IamGroup>;
  /** Customer-managed policies keyed by ARN. */
  policies: Record<string, IamManagedPolicy>;
}

export function emptyIamState(): IamAccountState {
  return { roles: {}, users: {}, groups: {}, policies: {} };
}

export function findRole(iam: IamAccountState, name: string): IamRole | undefined {
  return iam.roles[name.toLowerCase()];
}

export function findUser(iam: IamAccountState, name: string): IamUser | undefined {
  return iam.users[name.toLowerCase()];
}

export function findGroup(iam: IamAccountState, name: string): IamGroup | undefined {
  return iam.groups[name.toLowerCase()];
}

/** Parses arn:aws:iam::ACCOUNT:role/path/NAME into its parts; undefined if it is not a role ARN. */
export function parseRoleArn(arn: string): { accountId: string; path: string; name: string } | undefined {
  const m = /^arn:aws:iam::(\d{12}):role(\/(?:[^/]+\/)*)?([\w+=,.@-]+)$/.exec(arn);
  if (!m) return undefined;
  return { accountId: m[1], path: m[2] ?? '/', name: m[3] };
}
