/**
 * GetUserId and GetGroupId: look a user or group up by a unique attribute (userName or
 * emails.value for users, displayName for groups) or by an external identifier.
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetUserId.html
 */
import type { SandboxRequest } from '../../service.js';
import type { Checker } from '../sso-admin/validate.js';
import { idsState, invalid, notFound, RULES, readStore } from './common.js';
import type { IdsExternalId } from './model.js';

type Identifier =
  | { kind: 'attribute'; path: string; value: unknown }
  | { kind: 'external'; id: IdsExternalId };

function readIdentifier(c: Checker, raw: unknown): Identifier | undefined {
  if (!raw || typeof raw !== 'object') {
    c.problem('AlternateIdentifier', undefined, 'Member must not be null');
    return undefined;
  }
  const v = raw as { UniqueAttribute?: Record<string, unknown>; ExternalId?: Record<string, unknown> };
  if (!!v.UniqueAttribute === !!v.ExternalId) {
    c.problem(
      'AlternateIdentifier',
      '[union]',
      'Member must set exactly one of UniqueAttribute or ExternalId',
    );
    return undefined;
  }
  if (v.ExternalId) {
    const issuer = c.checkString(
      'alternateIdentifier.externalId.issuer',
      v.ExternalId.Issuer,
      RULES.externalIdPart,
      true,
    );
    const id = c.checkString(
      'alternateIdentifier.externalId.id',
      v.ExternalId.Id,
      RULES.externalIdPart,
      true,
    );
    return { kind: 'external', id: { Issuer: issuer ?? '', Id: id ?? '' } };
  }
  const u = v.UniqueAttribute ?? {};
  const path = c.checkString(
    'alternateIdentifier.uniqueAttribute.attributePath',
    u.AttributePath,
    RULES.attributePath,
    true,
  );
  if (u.AttributeValue === undefined || u.AttributeValue === null) {
    c.problem('alternateIdentifier.uniqueAttribute.attributeValue', undefined, 'Member must not be null');
  }
  return { kind: 'attribute', path: path ?? '', value: u.AttributeValue };
}

function hasExternalId(list: IdsExternalId[] | undefined, id: IdsExternalId): boolean {
  return (list ?? []).some((e) => e.Issuer === id.Issuer && e.Id === id.Id);
}

function attributeValue(req: SandboxRequest, ident: { path: string; value: unknown }): string {
  if (typeof ident.value !== 'string' || ident.value.length === 0) {
    throw invalid(req, `The value for unique attribute ${ident.path} must be a non-empty string.`);
  }
  return ident.value.toLowerCase();
}

export const alternateIdOperations = {
  GetUserId(req: SandboxRequest) {
    let ident: Identifier | undefined;
    const storeId = readStore(req, (c) => {
      ident = readIdentifier(c, req.params.AlternateIdentifier);
    });
    const id = ident as Identifier;
    const users = Object.values(idsState(req).users).filter((u) => u.IdentityStoreId === storeId);
    let found: (typeof users)[number] | undefined;
    if (id.kind === 'external') found = users.find((u) => hasExternalId(u.ExternalIds, id.id));
    else {
      const path = id.path.toLowerCase();
      if (path !== 'username' && path !== 'emails.value') {
        throw invalid(req, `${id.path} is not a unique attribute of users; use userName or emails.value.`);
      }
      const value = attributeValue(req, id);
      found = users.find((u) =>
        path === 'username'
          ? u.UserName.toLowerCase() === value
          : (u.Emails ?? []).some((e) => e.Value?.toLowerCase() === value),
      );
    }
    if (!found) throw notFound(req, 'USER', undefined, 'No user matches the alternate identifier.');
    return { IdentityStoreId: storeId, UserId: found.UserId };
  },

  GetGroupId(req: SandboxRequest) {
    let ident: Identifier | undefined;
    const storeId = readStore(req, (c) => {
      ident = readIdentifier(c, req.params.AlternateIdentifier);
    });
    const id = ident as Identifier;
    const groups = Object.values(idsState(req).groups).filter((g) => g.IdentityStoreId === storeId);
    let found: (typeof groups)[number] | undefined;
    if (id.kind === 'external') found = groups.find((g) => hasExternalId(g.ExternalIds, id.id));
    else {
      if (id.path.toLowerCase() !== 'displayname') {
        throw invalid(req, `${id.path} is not a unique attribute of groups; use displayName.`);
      }
      const value = attributeValue(req, id);
      found = groups.find((g) => g.DisplayName.toLowerCase() === value);
    }
    if (!found) throw notFound(req, 'GROUP', undefined, 'No group matches the alternate identifier.');
    return { IdentityStoreId: storeId, GroupId: found.GroupId };
  },
};
