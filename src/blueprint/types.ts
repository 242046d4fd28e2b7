/**
 * The blueprint room's public types: the validated model, deferred values, and the desired graph
 * that plan/ diffs against what exists.
 */
import type { OnrampError } from '../core/errors.js';
import type { PolicyDocument } from '../policy/types.js';
import type { ParamSpec, ParamValue } from './params.js';
import type { BlueprintDocument } from './schema-def.js';
import type { SourceMap } from './source-map.js';

export type { ParamSpec, ParamType, ParamValue, VarInput } from './params.js';
export type { BlueprintDocument, BlueprintInput } from './schema-def.js';
export type { DocPath, Pos } from './source-map.js';

type Accounts = BlueprintDocument['accounts'];
export type AccountSpec = Accounts[string];
export type IamSpec = NonNullable<AccountSpec['iam']>;
export type RoleSpec = IamSpec['roles'][string];
export type ManagedPolicySpec = IamSpec['policies'][string];
export type IamGroupSpec = IamSpec['groups'][string];
export type TrustSpec = RoleSpec['trust'];
export type TrustEntry = Exclude<TrustSpec, readonly unknown[]>;

type IdentityCenterDoc = NonNullable<BlueprintDocument['identityCenter']>;
/** Identity Center users with `userName` defaulted to the key. */
export type IdcUserSpec = IdentityCenterDoc['users'][string] & { userName: string };
/** Identity Center groups with `displayName` defaulted to the key. */
export type IdcGroupSpec = IdentityCenterDoc['groups'][string] & { displayName: string };
/** Permission sets with `name` defaulted to the key. */
export type PermissionSetSpec = IdentityCenterDoc['permissionSets'][string] & { name: string };
export type AssignmentSpec = IdentityCenterDoc['assignments'][number];

export interface IdentityCenterSpec {
  users: Record<string, IdcUserSpec>;
  groups: Record<string, IdcGroupSpec>;
  permissionSets: Record<string, PermissionSetSpec>;
  assignments: AssignmentSpec[];
}

/** A validated blueprint: params substituted, defaults applied, positions kept. */
export interface Blueprint {
  version: 1;
  name: string;
  description?: string;
  file: string;
  params: Record<string, ParamSpec>;
  /** Resolved param values. */
  values: Record<string, ParamValue>;
  /** Params without a value (lenient validation); references to them stay deferred. */
  unsetParams: string[];
  /** Rendered values of secret params, for redaction by renderers. */
  secrets: string[];
  accounts: Record<string, AccountSpec>;
  identityCenter: IdentityCenterSpec;
  /** Where every value came from (file:line:column by document path). */
  sourceMap: SourceMap;
  warnings: OnrampError[];
}

/**
 * Validation outcome: all errors and warnings; the blueprint when there are no errors. In lenient
 * mode a report can be ok without a blueprint, when an unset param leaves a field untyped.
 */
export interface ValidationReport {
  ok: boolean;
  errors: OnrampError[];
  warnings: OnrampError[];
  blueprint?: Blueprint;
}

/** When a deferred value becomes known. */
export type DeferredWhen = 'input' | 'plan' | 'apply';

/**
 * A value not known yet: `template` still holds `${…}` for each unresolved reference
 * (`arn:aws:iam::${accounts.member.id}:role/x`); `refs` lists them.
 */
export interface Deferred {
  kind: 'deferred';
  template: string;
  refs: string[];
  /** input: an unset param; plan: read at plan time (caller); apply: exists after apply. */
  when: DeferredWhen;
}

/** Values known from outside: `caller.arn`, `caller.account`, `accounts.<k>.id`, `identityCenter.permissionSets.<k>.arn`, `organization.ous.<id>.accounts`… */
export type ResolvedValues = Readonly<Record<string, string | readonly string[]>>;

/** T with every string possibly deferred. */
export type Resolvable<T> = T extends string
  ? string | Deferred
  : T extends readonly (infer U)[]
    ? Resolvable<U>[]
    : T extends object
      ? { [K in keyof T]: Resolvable<T[K]> }
      : T;

export type Str = string | Deferred;
export type Tags = Record<string, Str>;

export interface AccountProps {
  accountName: string;
  email: string;
  parentId?: string;
  accessRoleName: string;
  tags: Tags;
}
export interface RoleProps {
  roleName: string;
  path: string;
  description?: Str;
  maxSessionDuration: number;
  assumeRolePolicyDocument: Resolvable<PolicyDocument>;
  managedPolicyArns: Str[];
  inlinePolicies: Record<string, Resolvable<PolicyDocument>>;
  permissionsBoundary?: Str;
  tags: Tags;
}
export interface ManagedPolicyProps {
  policyName: string;
  path: string;
  description?: Str;
  policyDocument: Resolvable<PolicyDocument>;
  tags: Tags;
}
export interface GroupProps {
  groupName: string;
  path: string;
  managedPolicyArns: Str[];
  inlinePolicies: Record<string, Resolvable<PolicyDocument>>;
}
export interface UserToGroupAdditionProps {
  groupName: string;
  users: string[];
}
export interface IdStoreUserProps {
  userName: string;
  displayName: string;
  name: { givenName: string; familyName: string };
  emails: { value: string; type: 'work'; primary: boolean }[];
}
export interface IdStoreGroupProps {
  displayName: string;
  description?: string;
}
export interface GroupMembershipProps {
  groupDisplayName: string;
  userName: string;
}
export interface PermissionSetProps {
  name: string;
  description?: string;
  sessionDuration: string;
  relayState?: string;
  managedPolicyArns: string[];
  customerManagedPolicies: { name: string; path: string }[];
  inlinePolicy?: Resolvable<PolicyDocument>;
  tags: Tags;
}
export interface AssignmentProps {
  permissionSetName: string;
  principalType: 'USER' | 'GROUP';
  principalName: string;
  targetType: 'AWS_ACCOUNT';
  targetId: Str;
}

export interface ResourcePropsByKind {
  'AWS::Organizations::Account': AccountProps;
  'AWS::IAM::Role': RoleProps;
  'AWS::IAM::ManagedPolicy': ManagedPolicyProps;
  'AWS::IAM::Group': GroupProps;
  'AWS::IAM::UserToGroupAddition': UserToGroupAdditionProps;
  'AWS::IdentityStore::User': IdStoreUserProps;
  'AWS::IdentityStore::Group': IdStoreGroupProps;
  'AWS::IdentityStore::GroupMembership': GroupMembershipProps;
  'AWS::SSO::PermissionSet': PermissionSetProps;
  'AWS::SSO::Assignment': AssignmentProps;
}
export type ResourceKind = keyof ResourcePropsByKind;

/** Org-level and Identity Center resources are managed from the caller's (management) account. */
export const ORGANIZATION = '@organization';

export type DesiredResource = {
  [K in ResourceKind]: {
    kind: K;
    /** Stable identity: the same resource has the same key across runs. */
    key: string;
    /** The blueprint account key the resource lives in, or {@link ORGANIZATION}. */
    account: string;
    /** That account's id when the resource is account-scoped. */
    accountId?: Str;
    props: ResourcePropsByKind[K];
    /** Keys of resources that must exist first. */
    deps: string[];
    /** The document path the resource comes from, for messages. */
    origin: string;
  };
}[ResourceKind];
