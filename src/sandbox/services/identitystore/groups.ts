/**
 * Identity Store groups. DisplayName is unique per store (case-insensitively) and required in IAM
 * Identity Center; deleting a group deletes its memberships. Groups do not nest.
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateGroup.html
 */

import type { SandboxRequest } from '../../service.js';
import { paginate } from '../sso-admin/paginate.js';
import {
  checker,
  dates,
  idsState,
  invalid,
  notFound,
  nowIso,
  RESERVED_NAMES,
  RULES,
  readExternalIds,
  readFilter,
  readPage,
  readStore,
  readStoreAndId,
  requireStore,
  uniqueness,
} from './common.js';
import { dropMemberships, type IdsGroup } from './model.js';
import { applyGroupOperations, readOperations } from './user-attributes.js';

function checkDisplayName(req: SandboxRequest, storeId: string, name: string, self?: string): void {
  if (RESERVED_NAMES.includes(name.toLowerCase())) {
    throw invalid(req, `${name} is a reserved name and can't be used for users or groups.`);
  }
  const taken = Object.values(idsState(req).groups).some(
    (g) =>
      g.IdentityStoreId === storeId &&
      g.GroupId !== self &&
      g.DisplayName.toLowerCase() === name.toLowerCase(),
  );
  if (taken)
    throw uniqueness(req, `A group with DisplayName ${name} already exists in identity store ${storeId}.`);
}

export function requireGroup(req: SandboxRequest, storeId: string, groupId: string): IdsGroup {
  const group = idsState(req).groups[groupId];
  if (!group || group.IdentityStoreId !== storeId) {
    throw notFound(req, 'GROUP', groupId, `Group ${groupId} not found.`);
  }
  return group;
}

export function groupView(g: IdsGroup): Record<string, unknown> {
  return {
    IdentityStoreId: g.IdentityStoreId,
    GroupId: g.GroupId,
    DisplayName: g.DisplayName,
    Description: g.Description,
    ExternalIds: g.ExternalIds,
    ...dates(g),
  };
}

export const groupOperations = {
  CreateGroup(req: SandboxRequest) {
    let fields: Pick<IdsGroup, 'DisplayName' | 'Description' | 'ExternalIds'> = { DisplayName: '' };
    const storeId = readStore(req, (c) => {
      fields = {
        DisplayName: c.req('DisplayName', RULES.groupName),
        Description: c.opt('Description', RULES.text),
        ExternalIds: readExternalIds(c, req.params.ExternalIds),
      };
    });
    checkDisplayName(req, storeId, fields.DisplayName);
    const now = nowIso(req);
    const group: IdsGroup = {
      ...fields,
      IdentityStoreId: storeId,
      GroupId: req.ctx.ids.identityStoreMemberId(),
      CreatedAt: now,
      UpdatedAt: now,
    };
    idsState(req).groups[group.GroupId] = group;
    return { IdentityStoreId: storeId, GroupId: group.GroupId };
  },

  DescribeGroup(req: SandboxRequest) {
    const { storeId, id: groupId } = readStoreAndId(req, 'GroupId');
    return groupView(requireGroup(req, storeId, groupId));
  },

  UpdateGroup(req: SandboxRequest) {
    const c = checker(req);
    const storeId = c.req('IdentityStoreId', RULES.storeId);
    const groupId = c.req('GroupId', RULES.resourceId);
    const operations = readOperations(c);
    c.done();
    requireStore(req, storeId);
    const group = requireGroup(req, storeId, groupId);
    const updated = applyGroupOperations(req, group, operations);
    if (updated.DisplayName !== group.DisplayName)
      checkDisplayName(req, storeId, updated.DisplayName, groupId);
    idsState(req).groups[groupId] = { ...updated, UpdatedAt: nowIso(req) };
    return {};
  },

  DeleteGroup(req: SandboxRequest) {
    const { storeId, id: groupId } = readStoreAndId(req, 'GroupId');
    requireGroup(req, storeId, groupId);
    const state = idsState(req);
    delete state.groups[groupId];
    dropMemberships(state, (m) => m.GroupId === groupId);
    return {};
  },

  ListGroups(req: SandboxRequest) {
    let page: { max?: number; token?: string } = {};
    let filter: { path: string; value: string } | undefined;
    const storeId = readStore(req, (c) => {
      page = readPage(c);
      filter = readFilter(c, req.params.Filters);
    });
    const f = filter as { path: string; value: string } | undefined;
    if (f && f.path.toLowerCase() !== 'displayname') {
      throw invalid(req, `Filtering groups by ${f.path} is not supported; use DisplayName.`);
    }
    const groups = Object.values(idsState(req).groups).filter(
      (g) => g.IdentityStoreId === storeId && (!f || g.DisplayName.toLowerCase() === f.value.toLowerCase()),
    );
    const scope = `ListGroups|${storeId}|${f?.value}`;
    const result = paginate(groups, scope, page.token, page.max, 100, { RequestId: req.requestId });
    return { Groups: result.items.map(groupView), NextToken: result.nextToken };
  },
};
