/**
 * Identity Store users. In IAM Identity Center a user needs UserName, DisplayName and a Name with
 * GivenName and FamilyName ("When used in IAM Identity Center, this parameter is required",
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateUser.html).
 * User names are unique per store, compared case-insensitively as Identity Center sign-in does.
 */

import type { SandboxRequest } from '../../service.js';
import { paginate } from '../sso-admin/paginate.js';
import type { Checker } from '../sso-admin/validate.js';
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
import { dropMemberships, type IdsEmail, type IdsName, type IdsUser } from './model.js';
import { applyUserOperations, readOperations } from './user-attributes.js';

const NAME_PARTS = [
  'Formatted',
  'FamilyName',
  'GivenName',
  'MiddleName',
  'HonorificPrefix',
  'HonorificSuffix',
];
const SIMPLE = [
  'NickName',
  'ProfileUrl',
  'UserType',
  'Title',
  'PreferredLanguage',
  'Locale',
  'Timezone',
  'Website',
  'Birthdate',
];
const LISTS = ['Addresses', 'PhoneNumbers', 'Photos', 'Roles'];

function readName(c: Checker, value: unknown): IdsName | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const name: IdsName = {};
  for (const part of NAME_PARTS) {
    const s = c.checkString(`name.${part}`, v[part], RULES.text, false);
    if (s !== undefined) name[part as keyof IdsName] = s;
  }
  return name;
}

function readEmails(c: Checker, value: unknown): IdsEmail[] | undefined {
  const list = value === undefined || value === null ? undefined : value;
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length !== 1) {
    c.problem('emails', '[list]', 'Member must have length less than or equal to 1');
    return undefined;
  }
  const e = (list[0] ?? {}) as Record<string, unknown>;
  return [
    {
      Value: c.checkString('emails.1.member.value', e.Value, RULES.text, false),
      Type: c.checkString('emails.1.member.type', e.Type, RULES.text, false),
      Primary: typeof e.Primary === 'boolean' ? e.Primary : undefined,
    },
  ];
}

/** Problems that make a user unusable in IAM Identity Center, named as AWS names attributes. */
export function requiredProblems(u: Pick<IdsUser, 'UserName' | 'DisplayName' | 'Name'>): string[] {
  const missing: string[] = [];
  if (!u.UserName) missing.push('userName');
  if (!u.DisplayName) missing.push('displayName');
  if (!u.Name?.GivenName) missing.push('name.givenName');
  if (!u.Name?.FamilyName) missing.push('name.familyName');
  return missing;
}

export function checkUserName(req: SandboxRequest, storeId: string, userName: string, self?: string): void {
  if (RESERVED_NAMES.includes(userName.toLowerCase())) {
    throw invalid(req, `${userName} is a reserved name and can't be used for users or groups.`);
  }
  const taken = Object.values(idsState(req).users).some(
    (u) =>
      u.IdentityStoreId === storeId &&
      u.UserId !== self &&
      u.UserName.toLowerCase() === userName.toLowerCase(),
  );
  if (taken)
    throw uniqueness(req, `A user with UserName ${userName} already exists in identity store ${storeId}.`);
}

export function requireUser(req: SandboxRequest, storeId: string, userId: string): IdsUser {
  const user = idsState(req).users[userId];
  if (!user || user.IdentityStoreId !== storeId)
    throw notFound(req, 'USER', userId, `User ${userId} not found.`);
  return user;
}

export function userView(u: IdsUser): Record<string, unknown> {
  return {
    IdentityStoreId: u.IdentityStoreId,
    UserId: u.UserId,
    UserName: u.UserName,
    DisplayName: u.DisplayName,
    Name: u.Name,
    Emails: u.Emails,
    ExternalIds: u.ExternalIds,
    ...(u.Attributes ?? {}),
    UserStatus: 'ENABLED',
    ...dates(u),
  };
}

export const userOperations = {
  CreateUser(req: SandboxRequest) {
    let fields: Partial<IdsUser> = {};
    const storeId = readStore(req, (c) => {
      const attributes: Record<string, unknown> = {};
      for (const a of SIMPLE) {
        const s = c.opt(a, RULES.text);
        if (s !== undefined) attributes[a] = s;
      }
      for (const a of LISTS) if (Array.isArray(req.params[a])) attributes[a] = req.params[a];
      fields = {
        UserName: c.opt('UserName', RULES.userName) ?? '',
        DisplayName: c.opt('DisplayName', RULES.text),
        Name: readName(c, req.params.Name),
        Emails: readEmails(c, req.params.Emails),
        ExternalIds: readExternalIds(c, req.params.ExternalIds),
        Attributes: Object.keys(attributes).length ? attributes : undefined,
      };
    });
    const missing = requiredProblems({
      UserName: fields.UserName ?? '',
      DisplayName: fields.DisplayName,
      Name: fields.Name,
    });
    if (missing.length) throw invalid(req, `Missing required attributes: ${missing.join(', ')}`);
    checkUserName(req, storeId, fields.UserName ?? '');
    const now = nowIso(req);
    const user: IdsUser = {
      ...fields,
      IdentityStoreId: storeId,
      UserId: req.ctx.ids.identityStoreMemberId(),
      UserName: fields.UserName ?? '',
      CreatedAt: now,
      UpdatedAt: now,
    };
    idsState(req).users[user.UserId] = user;
    return { IdentityStoreId: storeId, UserId: user.UserId };
  },

  DescribeUser(req: SandboxRequest) {
    const { storeId, id: userId } = readStoreAndId(req, 'UserId');
    return userView(requireUser(req, storeId, userId));
  },

  UpdateUser(req: SandboxRequest) {
    const c = checker(req);
    const storeId = c.req('IdentityStoreId', RULES.storeId);
    const userId = c.req('UserId', RULES.resourceId);
    const operations = readOperations(c);
    c.done();
    requireStore(req, storeId);
    const user = requireUser(req, storeId, userId);
    const updated = applyUserOperations(req, user, operations);
    const missing = requiredProblems(updated);
    if (missing.length) throw invalid(req, `Missing required attributes: ${missing.join(', ')}`);
    if (updated.UserName !== user.UserName) checkUserName(req, storeId, updated.UserName, userId);
    idsState(req).users[userId] = { ...updated, UpdatedAt: nowIso(req) };
    return {};
  },

  DeleteUser(req: SandboxRequest) {
    const { storeId, id: userId } = readStoreAndId(req, 'UserId');
    requireUser(req, storeId, userId);
    const state = idsState(req);
    delete state.users[userId];
    dropMemberships(state, (m) => m.MemberId.UserId === userId);
    return {};
  },

  ListUsers(req: SandboxRequest) {
    let page: { max?: number; token?: string } = {};
    let filter: { path: string; value: string } | undefined;
    const storeId = readStore(req, (c) => {
      page = readPage(c);
      filter = readFilter(c, req.params.Filters);
    });
    const f = filter as { path: string; value: string } | undefined;
    const path = f?.path.toLowerCase();
    if (path && !['username', 'displayname', 'emails.value'].includes(path)) {
      throw invalid(
        req,
        `Filtering users by ${f?.path} is not supported; use UserName, DisplayName or emails.value.`,
      );
    }
    const users = Object.values(idsState(req).users).filter((u) => {
      if (u.IdentityStoreId !== storeId) return false;
      if (!f) return true;
      if (path === 'username') return u.UserName.toLowerCase() === f.value.toLowerCase();
      if (path === 'displayname') return u.DisplayName === f.value;
      return (u.Emails ?? []).some((e) => e.Value?.toLowerCase() === f.value.toLowerCase());
    });
    const scope = `ListUsers|${storeId}|${path}|${f?.value}`;
    const result = paginate(users, scope, page.token, page.max, 100, { RequestId: req.requestId });
    return { Users: result.items.map(userView), NextToken: result.nextToken };
  },
};
