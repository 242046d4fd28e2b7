/**
 * IAM users: create, read (GetUser without a name answers for the caller), delete, list, boundary.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUser.html
 */
import type { SandboxContext, SandboxRequest } from '../../service.js';
import { ensureAccount } from '../../world.js';
import { keysOf } from './access-keys.js';
import { touch } from './entity-params.js';
import { entityExists, iamError, quotaExceeded } from './errors.js';
import { findUser, type IamUser, iamArn, setOwn, type Tag } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { userWire } from './render.js';
import { iamOf, requireAttachable, requireUser, targetUserName } from './state.js';
import { readTags } from './tags.js';
import {
  checks,
  NAME_PATTERN,
  optional,
  PATH_PATTERN,
  PATH_PREFIX_PATTERN,
  pathOrRoot,
  required,
} from './validate.js';

export const USERS_PER_ACCOUNT = 5000;

export interface NewUser {
  UserName: string;
  Path?: string;
  PermissionsBoundary?: string;
  Tags?: Tag[];
  AttachedPolicies?: string[];
  InlinePolicies?: Record<string, string>;
}

/** Stores a new user in an account; the caller has validated the input. */
export function insertUser(ctx: SandboxContext, accountId: string, input: NewUser): IamUser {
  const iam = ensureAccount(ctx.world, accountId).iam;
  if (findUser(iam, input.UserName)) throw entityExists('user', input.UserName);
  if (Object.keys(iam.users).length >= USERS_PER_ACCOUNT)
    throw quotaExceeded('UsersPerAccount', USERS_PER_ACCOUNT);
  const path = pathOrRoot(input.Path);
  const at = ctx.clock.now();
  const user: IamUser = {
    UserName: input.UserName,
    UserId: ctx.ids.iamUniqueId('AIDA'),
    Arn: iamArn(accountId, 'user', path, input.UserName),
    Path: path,
    CreateDate: new Date(at).toISOString(),
    Tags: (input.Tags ?? []).map((t) => ({ ...t })),
    AttachedPolicies: [...(input.AttachedPolicies ?? [])],
    InlinePolicies: { ...(input.InlinePolicies ?? {}) },
    PermissionsBoundary: input.PermissionsBoundary,
    ChangedAt: at,
    AccessKeys: [],
  };
  setOwn(iam.users, input.UserName.toLowerCase(), user);
  return user;
}

export function createUser(req: SandboxRequest) {
  const p = req.params;
  const name = required(p, 'UserName');
  const path = optional(p, 'Path');
  const boundary = optional(p, 'PermissionsBoundary');
  checks()
    .string('userName', name, 1, 64, NAME_PATTERN)
    .string('path', path, 1, 512, PATH_PATTERN)
    .string('permissionsBoundary', boundary, 20, 2048)
    .done();
  const tags = readTags(p);
  if (findUser(iamOf(req), name)) throw entityExists('user', name);
  const boundaryArn = boundary === undefined ? undefined : requireAttachable(req, boundary).Arn;
  const user = insertUser(req.ctx, req.caller!.accountId, {
    UserName: name,
    Path: path,
    PermissionsBoundary: boundaryArn,
    Tags: tags,
  });
  return { User: userWire(user, true) };
}

export function getUser(req: SandboxRequest) {
  const caller = req.caller!;
  // The root user has no IAM user record; AWS answers with the account id and the root ARN.
  if (optional(req.params, 'UserName') === undefined && caller.type === 'root') {
    return { User: { UserId: caller.accountId, Arn: caller.arn } };
  }
  return { User: userWire(requireUser(iamOf(req), targetUserName(req)), true) };
}

export function deleteUser(req: SandboxRequest) {
  const name = required(req.params, 'UserName');
  checks().string('userName', name, 1, 128, NAME_PATTERN).done();
  const iam = iamOf(req);
  const user = requireUser(iam, name);
  if (keysOf(req.ctx.world, req.caller!.accountId, user).length > 0)
    throw iamError.deleteConflict('Cannot delete entity, must delete access keys first.');
  if (Object.values(iam.groups).some((g) => g.Members.some((m) => m.toLowerCase() === name.toLowerCase())))
    throw iamError.deleteConflict('Cannot delete entity, must remove users from group first.');
  if (user.AttachedPolicies.length > 0)
    throw iamError.deleteConflict('Cannot delete entity, must detach all policies first.');
  if (Object.keys(user.InlinePolicies).length > 0)
    throw iamError.deleteConflict('Cannot delete entity, must delete policies first.');
  delete iam.users[user.UserName.toLowerCase()];
  return undefined;
}

export function listUsers(req: SandboxRequest) {
  const prefix = optional(req.params, 'PathPrefix');
  checks().string('pathPrefix', prefix, 1, 512, PATH_PREFIX_PATTERN).done();
  const users = Object.values(iamOf(req).users).filter((u) => !prefix || u.Path.startsWith(prefix));
  const page = paginate(users, req.params, (u) => u.UserName.toLowerCase());
  return { Users: page.items.map((u) => userWire(u, false)), ...pageTail(page) };
}

export function putUserPermissionsBoundary(req: SandboxRequest) {
  const name = required(req.params, 'UserName');
  const arn = required(req.params, 'PermissionsBoundary');
  checks().string('userName', name, 1, 128, NAME_PATTERN).string('permissionsBoundary', arn, 20, 2048).done();
  const user = requireUser(iamOf(req), name);
  user.PermissionsBoundary = requireAttachable(req, arn).Arn;
  touch(req, user);
  return undefined;
}

export function deleteUserPermissionsBoundary(req: SandboxRequest) {
  const name = required(req.params, 'UserName');
  checks().string('userName', name, 1, 128, NAME_PATTERN).done();
  const user = requireUser(iamOf(req), name);
  user.PermissionsBoundary = undefined;
  touch(req, user);
  return undefined;
}
