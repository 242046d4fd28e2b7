/**
 * Group memberships: a user in a group, at most once (a second CreateGroupMembership for the same
 * pair is a ConflictException with Reason UNIQUENESS_CONSTRAINT_VIOLATION).
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateGroupMembership.html
 */

import { deleteRecord, putRecord } from '../../record-index.js';
import type { SandboxRequest } from '../../service.js';
import { paginate } from '../sso-admin/paginate.js';
import {
  dates,
  idsState,
  notFound,
  nowIso,
  RULES,
  readMemberId,
  readPage,
  readStore,
  readStoreAndId,
  uniqueness,
} from './common.js';
import { requireGroup } from './groups.js';
import { type IdsMembership, membersOf } from './model.js';
import { requireUser } from './users.js';

function membershipView(m: IdsMembership): Record<string, unknown> {
  return {
    IdentityStoreId: m.IdentityStoreId,
    MembershipId: m.MembershipId,
    GroupId: m.GroupId,
    MemberId: { UserId: m.MemberId.UserId },
    ...dates(m),
  };
}

function find(
  req: SandboxRequest,
  storeId: string,
  groupId: string,
  userId: string,
): IdsMembership | undefined {
  return membersOf(idsState(req), groupId).find(
    (m) => m.IdentityStoreId === storeId && m.MemberId.UserId === userId,
  );
}

function requireMembership(req: SandboxRequest, storeId: string, membershipId: string): IdsMembership {
  const m = idsState(req).memberships[membershipId];
  if (!m || m.IdentityStoreId !== storeId) {
    throw notFound(req, 'GROUP_MEMBERSHIP', membershipId, `Group membership ${membershipId} not found.`);
  }
  return m;
}

export const membershipOperations = {
  CreateGroupMembership(req: SandboxRequest) {
    let groupId = '';
    let userId = '';
    const storeId = readStore(req, (c) => {
      groupId = c.req('GroupId', RULES.resourceId);
      userId = readMemberId(c, req.params.MemberId);
    });
    requireGroup(req, storeId, groupId);
    requireUser(req, storeId, userId);
    if (find(req, storeId, groupId, userId)) {
      throw uniqueness(req, `User ${userId} is already a member of group ${groupId}.`);
    }
    const m: IdsMembership = {
      IdentityStoreId: storeId,
      MembershipId: req.ctx.ids.identityStoreMemberId(),
      GroupId: groupId,
      MemberId: { UserId: userId },
      CreatedAt: nowIso(req),
    };
    putRecord(idsState(req).memberships, m.MembershipId, m);
    return { MembershipId: m.MembershipId, IdentityStoreId: storeId };
  },

  DescribeGroupMembership(req: SandboxRequest) {
    const { storeId, id: membershipId } = readStoreAndId(req, 'MembershipId');
    return membershipView(requireMembership(req, storeId, membershipId));
  },

  DeleteGroupMembership(req: SandboxRequest) {
    const { storeId, id: membershipId } = readStoreAndId(req, 'MembershipId');
    requireMembership(req, storeId, membershipId);
    deleteRecord(idsState(req).memberships, membershipId);
    return {};
  },

  ListGroupMemberships(req: SandboxRequest) {
    let groupId = '';
    let page: { max?: number; token?: string } = {};
    const storeId = readStore(req, (c) => {
      groupId = c.req('GroupId', RULES.resourceId);
      page = readPage(c);
    });
    requireGroup(req, storeId, groupId);
    const all = membersOf(idsState(req), groupId).filter((m) => m.IdentityStoreId === storeId);
    const result = paginate(all, `ListGroupMemberships|${groupId}`, page.token, page.max, 100, {
      RequestId: req.requestId,
    });
    return { GroupMemberships: result.items.map(membershipView), NextToken: result.nextToken };
  },

  ListGroupMembershipsForMember(req: SandboxRequest) {
    let userId = '';
    let page: { max?: number; token?: string } = {};
    const storeId = readStore(req, (c) => {
      userId = readMemberId(c, req.params.MemberId);
      page = readPage(c);
    });
    requireUser(req, storeId, userId);
    const all = Object.values(idsState(req).memberships).filter(
      (m) => m.IdentityStoreId === storeId && m.MemberId.UserId === userId,
    );
    const result = paginate(all, `ListGroupMembershipsForMember|${userId}`, page.token, page.max, 100, {
      RequestId: req.requestId,
    });
    return { GroupMemberships: result.items.map(membershipView), NextToken: result.nextToken };
  },

  IsMemberInGroups(req: SandboxRequest) {
    let userId = '';
    let groupIds: string[] = [];
    const storeId = readStore(req, (c) => {
      userId = readMemberId(c, req.params.MemberId);
      const list = c.list('GroupIds', true, { min: 1, max: 100 }) ?? [];
      groupIds = list.map(
        (g, i) => c.checkString(`groupIds.${i + 1}.member`, g, RULES.resourceId, true) ?? '',
      );
    });
    requireUser(req, storeId, userId);
    return {
      Results: groupIds.map((groupId) => ({
        GroupId: groupId,
        MemberId: { UserId: userId },
        MembershipExists: !!find(req, storeId, groupId, userId),
      })),
    };
  },

  GetGroupMembershipId(req: SandboxRequest) {
    let groupId = '';
    let userId = '';
    const storeId = readStore(req, (c) => {
      groupId = c.req('GroupId', RULES.resourceId);
      userId = readMemberId(c, req.params.MemberId);
    });
    const m = find(req, storeId, groupId, userId);
    if (!m) {
      throw notFound(req, 'GROUP_MEMBERSHIP', groupId, `User ${userId} is not a member of group ${groupId}.`);
    }
    return { MembershipId: m.MembershipId, IdentityStoreId: storeId };
  },
};
