/**
 * IAM groups and their members. A user belongs to at most 10 groups; an account holds 300 groups:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
import type { SandboxRequest } from '../../service.js';
import { touch } from './entity-params.js';
import { entityExists, iamError, quotaExceeded } from './errors.js';
import { findGroup, type IamAccountState, type IamGroup, iamArn, setOwn } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { groupWire, userWire } from './render.js';
import { accountOf, iamOf, now, requireGroup, requireUser } from './state.js';
import {
  checks,
  NAME_PATTERN,
  optional,
  PATH_PATTERN,
  PATH_PREFIX_PATTERN,
  pathOrRoot,
  required,
} from './validate.js';

export const GROUPS_PER_ACCOUNT = 300;
export const GROUPS_PER_USER = 10;

function groupName(req: SandboxRequest): string {
  const name = required(req.params, 'GroupName');
  checks().string('groupName', name, 1, 128, NAME_PATTERN).done();
  return name;
}

function isMember(group: IamGroup, userName: string): boolean {
  return group.Members.some((m) => m.toLowerCase() === userName.toLowerCase());
}

/** The groups a user belongs to. */
export function groupsOf(iam: IamAccountState, userName: string): IamGroup[] {
  return Object.values(iam.groups).filter((g) => isMember(g, userName));
}

export function createGroup(req: SandboxRequest) {
  const name = required(req.params, 'GroupName');
  const path = optional(req.params, 'Path');
  checks().string('groupName', name, 1, 128, NAME_PATTERN).string('path', path, 1, 512, PATH_PATTERN).done();
  const iam = iamOf(req);
  if (findGroup(iam, name)) throw entityExists('group', name);
  if (Object.keys(iam.groups).length >= GROUPS_PER_ACCOUNT)
    throw quotaExceeded('GroupsPerAccount', GROUPS_PER_ACCOUNT);
  const at = now(req);
  const group: IamGroup = {
    GroupName: name,
    GroupId: req.ctx.ids.iamUniqueId('AGPA'),
    Arn: iamArn(accountOf(req), 'group', pathOrRoot(path), name),
    Path: pathOrRoot(path),
    CreateDate: at.iso,
    AttachedPolicies: [],
    InlinePolicies: {},
    Members: [],
    ChangedAt: at.ms,
  };
  setOwn(iam.groups, name.toLowerCase(), group);
  return { Group: groupWire(group) };
}

export function getGroup(req: SandboxRequest) {
  const iam = iamOf(req);
  const group = requireGroup(iam, groupName(req));
  const users = group.Members.map((m) => requireUser(iam, m));
  const page = paginate(users, req.params, (u) => u.UserName.toLowerCase());
  return { Group: groupWire(group), Users: page.items.map((u) => userWire(u, false)), ...pageTail(page) };
}

export function deleteGroup(req: SandboxRequest) {
  const iam = iamOf(req);
  const group = requireGroup(iam, groupName(req));
  if (group.Members.length > 0)
    throw iamError.deleteConflict('Cannot delete entity, must remove users from group first.');
  if (group.AttachedPolicies.length > 0)
    throw iamError.deleteConflict('Cannot delete entity, must detach all policies first.');
  if (Object.keys(group.InlinePolicies).length > 0)
    throw iamError.deleteConflict('Cannot delete entity, must delete policies first.');
  delete iam.groups[group.GroupName.toLowerCase()];
  return undefined;
}

export function listGroups(req: SandboxRequest) {
  const prefix = optional(req.params, 'PathPrefix');
  checks().string('pathPrefix', prefix, 1, 512, PATH_PREFIX_PATTERN).done();
  const groups = Object.values(iamOf(req).groups).filter((g) => !prefix || g.Path.startsWith(prefix));
  const page = paginate(groups, req.params, (g) => g.GroupName.toLowerCase());
  return { Groups: page.items.map(groupWire), ...pageTail(page) };
}

function membership(req: SandboxRequest) {
  const name = groupName(req);
  const userName = required(req.params, 'UserName');
  checks().string('userName', userName, 1, 128, NAME_PATTERN).done();
  const iam = iamOf(req);
  return { iam, group: requireGroup(iam, name), user: requireUser(iam, userName) };
}

export function addUserToGroup(req: SandboxRequest) {
  const { iam, group, user } = membership(req);
  if (isMember(group, user.UserName)) return undefined;
  if (groupsOf(iam, user.UserName).length >= GROUPS_PER_USER)
    throw quotaExceeded('GroupsPerUser', GROUPS_PER_USER);
  group.Members.push(user.UserName);
  touch(req, group);
  touch(req, user);
  return undefined;
}

export function removeUserFromGroup(req: SandboxRequest) {
  const { group, user } = membership(req);
  if (!isMember(group, user.UserName))
    throw iamError.noSuchEntity(`The user with name ${user.UserName} cannot be found.`);
  group.Members = group.Members.filter((m) => m.toLowerCase() !== user.UserName.toLowerCase());
  touch(req, group);
  touch(req, user);
  return undefined;
}

export function listGroupsForUser(req: SandboxRequest) {
  const userName = required(req.params, 'UserName');
  checks().string('userName', userName, 1, 128, NAME_PATTERN).done();
  const iam = iamOf(req);
  const user = requireUser(iam, userName);
  const page = paginate(groupsOf(iam, user.UserName), req.params, (g) => g.GroupName.toLowerCase());
  return { Groups: page.items.map(groupWire), ...pageTail(page) };
}
