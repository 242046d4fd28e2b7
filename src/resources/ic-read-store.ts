/**
 * The Identity Store part of the Identity Center read: every user and group by the page (100 per
 * ListUsers / ListGroups call), and ListGroupMemberships for the groups that matter (owned, or
 * declared by the blueprint). Two steps, so that the caller can read assignments (sso-admin, its
 * own quota) while the memberships are read.
 */

import {
  ListGroupMembershipsCommand,
  ListGroupsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import type { AwsClients } from '../aws/clients.js';
import { mapLimit, READ_CONCURRENCY } from '../core/concurrency.js';
import type { IcScope } from './ic-read.js';
import { readDescription, readUserType } from './markers.js';
import { allPages } from './util.js';

export interface IcUser {
  id: string;
  userName: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  emails: { value: string; type: string; primary: boolean }[];
  owner?: string;
  /** Onramp has assigned this user directly (markers.ts userTypeMarker). */
  direct?: boolean;
}

export interface IcGroup {
  id: string;
  displayName: string;
  description?: string;
  owner?: string;
}

export interface IcMembership {
  id: string;
  groupId: string;
  userId: string;
}

const PAGE = 100;

const what = 'reading the Identity Store';

/** Every user and group, by the page. */
export async function readPrincipals(
  aws: AwsClients,
  IdentityStoreId: string,
  signal?: AbortSignal,
): Promise<{ users: IcUser[]; groups: IcGroup[] }> {
  const [rawUsers, rawGroups] = await Promise.all([
    allPages(async (NextToken) => {
      const r = await aws.call(
        'identitystore',
        'ListUsers',
        (c) => c.send(new ListUsersCommand({ IdentityStoreId, MaxResults: PAGE, NextToken })),
        { what, signal },
      );
      return { items: r.Users, next: r.NextToken };
    }),
    allPages(async (NextToken) => {
      const r = await aws.call(
        'identitystore',
        'ListGroups',
        (c) => c.send(new ListGroupsCommand({ IdentityStoreId, MaxResults: PAGE, NextToken })),
        { what, signal },
      );
      return { items: r.Groups, next: r.NextToken };
    }),
  ]);
  const users: IcUser[] = rawUsers.map((u) => {
    const { owner, direct } = readUserType(u.UserType);
    return {
      id: u.UserId ?? '',
      userName: u.UserName ?? '',
      ...(u.DisplayName ? { displayName: u.DisplayName } : {}),
      ...(u.Name?.GivenName ? { givenName: u.Name.GivenName } : {}),
      ...(u.Name?.FamilyName ? { familyName: u.Name.FamilyName } : {}),
      emails: (u.Emails ?? []).map((e) => ({
        value: e.Value ?? '',
        type: e.Type ?? '',
        primary: !!e.Primary,
      })),
      ...(owner ? { owner } : {}),
      ...(direct ? { direct } : {}),
    };
  });
  const groups: IcGroup[] = rawGroups.map((g) => ({
    id: g.GroupId ?? '',
    displayName: g.DisplayName ?? '',
    ...readDescription(g.Description),
  }));
  return { users, groups };
}

/** The memberships of the groups that matter: owned, or declared by the blueprint. */
export async function readMemberships(
  aws: AwsClients,
  IdentityStoreId: string,
  scope: IcScope,
  groups: readonly IcGroup[],
  signal?: AbortSignal,
): Promise<IcMembership[]> {
  const relevant = groups.filter(
    (g) => g.owner === scope.blueprint || scope.groupNames.has(g.displayName.toLowerCase()),
  );
  const lists = await mapLimit(relevant, READ_CONCURRENCY, (g) =>
    allPages(async (NextToken) => {
      const r = await aws.call(
        'identitystore',
        'ListGroupMemberships',
        (c) =>
          c.send(
            new ListGroupMembershipsCommand({
              IdentityStoreId,
              GroupId: g.id,
              MaxResults: PAGE,
              NextToken,
            }),
          ),
        { what, signal },
      );
      return { items: r.GroupMemberships, next: r.NextToken };
    }),
  );
  return lists.flat().flatMap((m) => {
    const userId = m.MemberId && 'UserId' in m.MemberId ? m.MemberId.UserId : undefined;
    return userId ? [{ id: m.MembershipId ?? '', groupId: m.GroupId ?? '', userId }] : [];
  });
}
