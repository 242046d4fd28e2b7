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

/** A long-term access key. Active keys are also in `world.credentials`; inactive ones only here. */
export interface IamAccessKey {
  AccessKeyId: string;
  SecretAccessKey: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
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
  /**
   * Keys issued through CreateAccessKey. Keys that exist only in `world.credentials` (the seeded
   * administrator's) are adopted here the first time an access-key operation looks at the user.
   */
  AccessKeys?: IamAccessKey[];
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
  /** Epoch ms of the last change to the group's policies or members (absent: never changed). */
  ChangedAt?: number;
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
  /** The account alias (IAM allows at most one); absent when none was created. */
  aliases?: string[];
}

export function emptyIamState(): IamAccountState {
  return { roles: {}, users: {}, groups: {}, policies: {} };
}

/**
 * Reads an own property only: IAM names may be "__proto__" or "constructor" ([\w+=,.@-]+ allows
 * them), which plain indexing would resolve to Object.prototype members.
 */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets an own property, even for keys such as "__proto__". */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

export function findRole(iam: IamAccountState, name: string): IamRole | undefined {
  return ownValue(iam.roles, name.toLowerCase());
}

export function findUser(iam: IamAccountState, name: string): IamUser | undefined {
  return ownValue(iam.users, name.toLowerCase());
}

export function findGroup(iam: IamAccountState, name: string): IamGroup | undefined {
  return ownValue(iam.groups, name.toLowerCase());
}

/** The ARN of an IAM role, user or group: arn:aws:iam::ACCOUNT:KIND/PATH/NAME (path starts and ends with /). */
export function iamArn(
  accountId: string,
  kind: 'role' | 'user' | 'group' | 'policy',
  path: string,
  name: string,
): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

/** Parses arn:aws:iam::ACCOUNT:role/path/NAME into its parts; undefined if it is not a role ARN. */
export function parseRoleArn(arn: string): { accountId: string; path: string; name: string } | undefined {
  const m = /^arn:aws:iam::(\d{12}):role(\/(?:[^/]+\/)*)?([\w+=,.@-]+)$/.exec(arn);
  if (!m) return undefined;
  return { accountId: m[1], path: m[2] ?? '/', name: m[3] };
}
