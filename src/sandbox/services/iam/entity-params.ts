/**
 * The name parameter of each entity kind and its model constraints (IAM API reference: RoleName is
 * 1–64, UserName 1–64 on create and 1–128 elsewhere, GroupName 1–128; all [\w+=,.@-]+).
 */
import type { SandboxRequest } from '../../service.js';
import type { EntityKind } from './errors.js';
import { findUser, type IamAccountState } from './model.js';
import { NAME_PATTERN } from './validate.js';

export const NAME_PARAM: Record<EntityKind, 'RoleName' | 'UserName' | 'GroupName'> = {
  role: 'RoleName',
  user: 'UserName',
  group: 'GroupName',
};

/** The wire field name for the parameter (lower camel case, as AWS's messages print it). */
export function fieldOf(param: string): string {
  return param.charAt(0).toLowerCase() + param.slice(1);
}

export const NAME_MAX: Record<EntityKind, number> = { role: 64, user: 128, group: 128 };

export { NAME_PATTERN };

/**
 * Marks an entity changed now: STS's propagation delay starts again from here. A group's change
 * changes what its members may do, so they are marked too.
 */
export function touch(
  req: SandboxRequest,
  entity: { ChangedAt?: number; Members?: string[] },
  iam?: IamAccountState,
): void {
  const at = req.ctx.clock.now();
  entity.ChangedAt = at;
  for (const member of (iam && entity.Members) || []) {
    const user = findUser(iam!, member);
    if (user) user.ChangedAt = at;
  }
}

/** Marks every entity that uses a managed policy (attached or as boundary) changed now. */
export function touchUsersOf(req: SandboxRequest, iam: IamAccountState, arn: string): void {
  for (const entity of [
    ...Object.values(iam.roles),
    ...Object.values(iam.users),
    ...Object.values(iam.groups),
  ]) {
    const bounded = 'PermissionsBoundary' in entity && entity.PermissionsBoundary === arn;
    if (entity.AttachedPolicies.includes(arn) || bounded) touch(req, entity, iam);
  }
}
