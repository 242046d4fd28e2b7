/**
 * UpdateUser / UpdateGroup: a list of AttributeOperations, each an AttributePath (camelCase, as in
 * SCIM: "displayName", "name.givenName", "emails") and an AttributeValue document; a missing value
 * removes the attribute.
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_UpdateUser.html
 */
import type { SandboxRequest } from '../../service.js';
import type { Checker } from '../sso-admin/validate.js';
import { invalid, RULES } from './common.js';
import type { IdsEmail, IdsGroup, IdsName, IdsUser } from './model.js';

export interface AttributeOperation {
  path: string;
  value: unknown;
}

const NAME_PARTS: Record<string, keyof IdsName> = {
  formatted: 'Formatted',
  familyname: 'FamilyName',
  givenname: 'GivenName',
  middlename: 'MiddleName',
  honorificprefix: 'HonorificPrefix',
  honorificsuffix: 'HonorificSuffix',
};

const STRING_ATTRIBUTES: Record<string, string> = {
  nickname: 'NickName',
  profileurl: 'ProfileUrl',
  usertype: 'UserType',
  title: 'Title',
  preferredlanguage: 'PreferredLanguage',
  locale: 'Locale',
  timezone: 'Timezone',
  website: 'Website',
  birthdate: 'Birthdate',
};

const LIST_ATTRIBUTES: Record<string, string> = {
  addresses: 'Addresses',
  phonenumbers: 'PhoneNumbers',
  photos: 'Photos',
  roles: 'Roles',
};

/** The table entry for a path segment; own keys only, so "constructor" is not an attribute. */
function lookup(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function readOperations(c: Checker): AttributeOperation[] {
  const list = c.list('Operations', true, { min: 1, max: 100 }) ?? [];
  return list.map((raw, i) => {
    const op = (raw ?? {}) as Record<string, unknown>;
    const path = c.checkString(
      `operations.${i + 1}.member.attributePath`,
      op.AttributePath,
      RULES.attributePath,
      true,
    );
    return { path: path ?? '', value: op.AttributeValue };
  });
}

function stringValue(req: SandboxRequest, path: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
    throw invalid(req, `The value for attribute ${path} must be a string of 1 to 1024 characters.`);
  }
  return value;
}

function unsupported(req: SandboxRequest, path: string): never {
  throw invalid(req, `Attribute path ${path} is not supported or is not mutable.`);
}

/** Returns the user with the operations applied; the stored user is left alone until it is valid. */
export function applyUserOperations(req: SandboxRequest, user: IdsUser, ops: AttributeOperation[]): IdsUser {
  const next: IdsUser = {
    ...user,
    Name: user.Name ? { ...user.Name } : undefined,
    Attributes: { ...(user.Attributes ?? {}) },
  };
  const attributes = next.Attributes as Record<string, unknown>;
  for (const { path, value } of ops) {
    const p = path.toLowerCase();
    if (p === 'username') next.UserName = stringValue(req, path, value) ?? '';
    else if (p === 'displayname') next.DisplayName = stringValue(req, path, value);
    else if (p === 'name') {
      if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
        throw invalid(req, 'The value for attribute name must be an object.');
      }
      next.Name = value ? { ...(value as IdsName) } : undefined;
    } else if (p.startsWith('name.') && lookup(NAME_PARTS, p.slice(5))) {
      next.Name = { ...(next.Name ?? {}), [NAME_PARTS[p.slice(5)]]: stringValue(req, path, value) };
    } else if (p === 'emails') {
      if (value !== undefined && value !== null && !Array.isArray(value)) {
        throw invalid(req, 'The value for attribute emails must be a list.');
      }
      next.Emails = (value as IdsEmail[] | null | undefined) ?? undefined;
    } else if (lookup(STRING_ATTRIBUTES, p)) {
      const v = stringValue(req, path, value);
      if (v === undefined) delete attributes[STRING_ATTRIBUTES[p]];
      else attributes[STRING_ATTRIBUTES[p]] = v;
    } else if (lookup(LIST_ATTRIBUTES, p)) {
      if (value === undefined || value === null) delete attributes[LIST_ATTRIBUTES[p]];
      else if (Array.isArray(value)) attributes[LIST_ATTRIBUTES[p]] = value;
      else throw invalid(req, `The value for attribute ${path} must be a list.`);
    } else unsupported(req, path);
  }
  if (Object.keys(attributes).length === 0) next.Attributes = undefined;
  return next;
}

/** UpdateGroup: displayName (required, so it can be replaced but not removed) and description. */
export function applyGroupOperations(
  req: SandboxRequest,
  group: IdsGroup,
  ops: AttributeOperation[],
): IdsGroup {
  const next: IdsGroup = { ...group };
  for (const { path, value } of ops) {
    const p = path.toLowerCase();
    if (p === 'displayname') {
      const v = stringValue(req, path, value);
      if (v === undefined) throw invalid(req, 'displayName is a required attribute and cannot be removed.');
      next.DisplayName = v;
    } else if (p === 'description') next.Description = stringValue(req, path, value);
    else unsupported(req, path);
  }
  return next;
}
