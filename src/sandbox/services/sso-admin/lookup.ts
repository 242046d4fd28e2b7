/**
 * Finding the instance and permission set a request names, with AWS's answers when they are not
 * there. An organization instance is visible only to the account that owns it (the management
 * account): AWS requires these calls from there, so another account sees ResourceNotFound.
 */
import { AwsError } from '../../aws-error.js';
import type { SandboxContext, SandboxRequest } from '../../service.js';
import type { PermissionSet, SsoAdminState, SsoInstance } from './model.js';

export function ssoState(ctx: SandboxContext): SsoAdminState {
  return ctx.world.ssoAdmin;
}

export function nowIso(ctx: SandboxContext): string {
  return new Date(ctx.clock.now()).toISOString();
}

export function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message, 400);
}

export function conflict(message: string): AwsError {
  return new AwsError('ConflictException', message, 400);
}

export function quotaExceeded(message: string): AwsError {
  return new AwsError('ServiceQuotaExceededException', message, 400);
}

/** The last path segment of an ARN: ssoins-… or ps-…. */
export function arnId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function requireInstance(req: SandboxRequest, instanceArn: string): SsoInstance {
  const instance = ssoState(req.ctx).instances[instanceArn];
  if (!instance || (req.caller && instance.OwnerAccountId !== req.caller.accountId)) {
    throw notFound(`Instance ${arnId(instanceArn)} does not exist.`);
  }
  return instance;
}

export function requirePermissionSet(
  req: SandboxRequest,
  instanceArn: string,
  permissionSetArn: string,
): PermissionSet {
  requireInstance(req, instanceArn);
  const ps = ssoState(req.ctx).permissionSets[permissionSetArn];
  if (!ps || ps.InstanceArn !== instanceArn) {
    throw notFound(
      `PermissionSet ${arnId(permissionSetArn)} does not exist in instance ${arnId(instanceArn)}.`,
    );
  }
  return ps;
}

/** Every edit that changes what a provisioned role carries bumps the revision. */
export function touch(ps: PermissionSet): void {
  ps.Revision += 1;
}

/** The permission set as DescribePermissionSet and CreatePermissionSet return it. */
export function permissionSetView(ps: PermissionSet): Record<string, unknown> {
  return {
    Name: ps.Name,
    PermissionSetArn: ps.PermissionSetArn,
    Description: ps.Description,
    CreatedDate: new Date(ps.CreatedDate),
    SessionDuration: ps.SessionDuration,
    RelayState: ps.RelayState,
  };
}
