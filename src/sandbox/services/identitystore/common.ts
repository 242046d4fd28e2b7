/**
 * What every Identity Store operation shares: the store lookup (an identity store exists only as
 * part of an IAM Identity Center instance), AWS's error shapes (each carries RequestId;
 * ResourceNotFound names ResourceType and ResourceId; Conflict names its Reason) and the
 * member constraints from the API reference.
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/CommonErrors.html
 */
import { AwsError } from '../../aws-error.js';
import type { SandboxRequest } from '../../service.js';
import { Checker, type StringRule } from '../sso-admin/validate.js';
import type { IdentityStoreState, IdsExternalId } from './model.js';

export type ResourceType = 'GROUP' | 'USER' | 'IDENTITY_STORE' | 'GROUP_MEMBERSHIP';

export const RULES = {
  storeId: {
    pattern: 'd-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    min: 1,
    max: 36,
  },
  resourceId: {
    pattern: '([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}',
    min: 1,
    max: 47,
  },
  userName: { pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+', min: 1, max: 128 },
  text: { pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00A0\\u3000]+', min: 1, max: 1024 },
  groupName: { pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00A0]+', min: 1, max: 1024 },
  attributePath: {
    pattern: '(?:\\p{L}+:\\p{L}+:\\p{L}+(?:\\.\\p{L}+){0,3}|\\p{L}+(?:\\.\\p{L}+){0,2})',
    min: 1,
    max: 255,
  },
  token: { pattern: '[-a-zA-Z0-9+=/:_]*', min: 1, max: 65535 },
  externalIdPart: { pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+', min: 1, max: 256 },
} satisfies Record<string, StringRule>;

/** "Administrator and AWSAdministrators are reserved names and can't be used for users or groups." */
export const RESERVED_NAMES = ['administrator', 'awsadministrators'];

export function idsState(req: SandboxRequest): IdentityStoreState {
  return req.ctx.world.identityStore;
}

export function nowIso(req: SandboxRequest): string {
  return new Date(req.ctx.clock.now()).toISOString();
}

export function checker(req: SandboxRequest): Checker {
  return new Checker(req.params, { RequestId: req.requestId });
}

export function notFound(
  req: SandboxRequest,
  type: ResourceType,
  id: string | undefined,
  message: string,
): AwsError {
  return new AwsError('ResourceNotFoundException', message, 400, {
    ResourceType: type,
    ResourceId: id,
    RequestId: req.requestId,
  });
}

export function uniqueness(req: SandboxRequest, message: string): AwsError {
  return new AwsError('ConflictException', message, 400, {
    Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
    RequestId: req.requestId,
  });
}

export function invalid(req: SandboxRequest, message: string): AwsError {
  return new AwsError('ValidationException', message, 400, { RequestId: req.requestId });
}

/** The store must belong to an existing IAM Identity Center instance. */
export function requireStore(req: SandboxRequest, identityStoreId: string): void {
  const exists = Object.values(req.ctx.world.ssoAdmin.instances).some(
    (i) => i.IdentityStoreId === identityStoreId,
  );
  if (!exists) {
    throw notFound(
      req,
      'IDENTITY_STORE',
      identityStoreId,
      `Identity store ${identityStoreId} does not exist.`,
    );
  }
}

/** Reads the IdentityStoreId member, checks the other members via `more`, then the store. */
export function readStore(req: SandboxRequest, more: (c: Checker) => void = () => {}): string {
  const c = checker(req);
  const id = c.req('IdentityStoreId', RULES.storeId);
  more(c);
  c.done();
  requireStore(req, id);
  return id;
}

/** Reads the store id and one resource id (UserId, GroupId, MembershipId), as every by-id call does. */
export function readStoreAndId(req: SandboxRequest, idName: string): { storeId: string; id: string } {
  let id = '';
  const storeId = readStore(req, (c) => {
    id = c.req(idName, RULES.resourceId);
  });
  return { storeId, id };
}

/** Reads an ExternalIds list (Issuer and Id each 1..256 characters). */
export function readExternalIds(c: Checker, value: unknown): IdsExternalId[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    c.problem('ExternalIds', '[list]', 'Member must be a list');
    return undefined;
  }
  return value.map((raw, i) => {
    const v = (raw ?? {}) as Record<string, unknown>;
    return {
      Issuer: c.checkString(`externalIds.${i + 1}.member.issuer`, v.Issuer, RULES.externalIdPart, true) ?? '',
      Id: c.checkString(`externalIds.${i + 1}.member.id`, v.Id, RULES.externalIdPart, true) ?? '',
    };
  });
}

/** Reads a MemberId union ({ UserId }). */
export function readMemberId(c: Checker, value: unknown): string {
  const v = value as { UserId?: unknown } | undefined;
  if (!v || typeof v !== 'object') {
    c.problem('MemberId', undefined, 'Member must not be null');
    return '';
  }
  return c.checkString('MemberId.UserId', v.UserId, RULES.resourceId, true) ?? '';
}

/** MaxResults (1..100) and NextToken, shared by the List operations. */
export function readPage(c: Checker): { max?: number; token?: string } {
  return { max: c.int('MaxResults', { min: 1, max: 100 }), token: c.opt('NextToken', RULES.token) };
}

/** The single Filter a List operation accepts (Filters has at most one element). */
export function readFilter(c: Checker, value: unknown): { path: string; value: string } | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    c.problem('Filters', '[list]', 'Member must be a list');
    return undefined;
  }
  if (value.length > 1) c.problem('Filters', '[list]', 'Member must have length less than or equal to 1');
  if (value.length === 0) return undefined;
  const f = (value[0] ?? {}) as Record<string, unknown>;
  const path = c.checkString('filters.1.member.attributePath', f.AttributePath, RULES.attributePath, true);
  const val = c.checkString('filters.1.member.attributeValue', f.AttributeValue, RULES.text, true);
  return path !== undefined && val !== undefined ? { path, value: val } : undefined;
}

export function dates(rec: { CreatedAt?: string; UpdatedAt?: string }): Record<string, Date | undefined> {
  return {
    CreatedAt: rec.CreatedAt ? new Date(rec.CreatedAt) : undefined,
    UpdatedAt: rec.UpdatedAt ? new Date(rec.UpdatedAt) : undefined,
  };
}
