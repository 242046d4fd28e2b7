/**
 * Identity Store state (users, groups, memberships). Shared contract: the identitystore service
 * writes it; sso-admin validates principal ids against it; the SSO portal and OIDC read users.
 */
import { deleteRecord, lookup } from '../../record-index.js';

export interface IdsEmail {
  Value?: string;
  Type?: string;
  Primary?: boolean;
}

export interface IdsName {
  Formatted?: string;
  FamilyName?: string;
  GivenName?: string;
  MiddleName?: string;
  HonorificPrefix?: string;
  HonorificSuffix?: string;
}

export interface IdsUser {
  IdentityStoreId: string;
  /** <10 hex>-<uuid> */
  UserId: string;
  UserName: string;
  DisplayName?: string;
  Name?: IdsName;
  Emails?: IdsEmail[];
  /** Other optional attributes AWS stores (NickName, Title, Locale, Timezone, UserType, …). */
  Attributes?: Record<string, unknown>;
  /** Identifiers issued by an external identity provider (SCIM); GetUserId can look them up. */
  ExternalIds?: IdsExternalId[];
  CreatedAt?: string; // ISO-8601
  UpdatedAt?: string; // ISO-8601
}

export interface IdsExternalId {
  Issuer: string;
  Id: string;
}

export interface IdsGroup {
  IdentityStoreId: string;
  GroupId: string;
  DisplayName: string;
  Description?: string;
  ExternalIds?: IdsExternalId[];
  CreatedAt?: string; // ISO-8601
  UpdatedAt?: string; // ISO-8601
}

export interface IdsMembership {
  IdentityStoreId: string;
  MembershipId: string;
  GroupId: string;
  MemberId: { UserId: string };
  CreatedAt?: string; // ISO-8601
}

/** Each record keyed by its id (UserId, GroupId, MembershipId); ids are unique across stores. */
export interface IdentityStoreState {
  users: Record<string, IdsUser>;
  groups: Record<string, IdsGroup>;
  memberships: Record<string, IdsMembership>;
}

export function emptyIdentityStoreState(): IdentityStoreState {
  return { users: {}, groups: {}, memberships: {} };
}

/** The group ids a user belongs to (direct membership; Identity Store has no nesting). */
export function groupsOfUser(state: IdentityStoreState, identityStoreId: string, userId: string): string[] {
  return lookup(state.memberships, 'byUser', (m) => m.MemberId.UserId, userId)
    .filter((m) => m.IdentityStoreId === identityStoreId)
    .map((m) => m.GroupId);
}

/** Deletes the memberships of a user or a group that is being deleted. */
export function dropMemberships(state: IdentityStoreState, of: (m: IdsMembership) => boolean): void {
  for (const [id, m] of Object.entries(state.memberships)) if (of(m)) deleteRecord(state.memberships, id);
}

/** A group's memberships, in the order they were made. */
export function membersOf(state: IdentityStoreState, groupId: string): readonly IdsMembership[] {
  return lookup(state.memberships, 'byGroup', (m) => m.GroupId, groupId);
}
