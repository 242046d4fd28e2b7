/**
 * GetRoleCredentials: the portal federates the user into the permission set's AWSReservedSSO role in
 * the account (AWS does it with AssumeRoleWithSAML) and returns the session's keys. The session is
 * named after the user's UserName and lasts the permission set's SessionDuration.
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html
 */
import { AwsError } from '../../aws-error.js';
import type { Credential } from '../../principal.js';
import type { SandboxContext } from '../../service.js';
import { findRole } from '../iam/model.js';
import type { IdsUser } from '../identitystore/model.js';
import type { Entitlement } from './entitlements.js';

const DEFAULT_SESSION_SECONDS = 3600;

/** Seconds in the ISO-8601 durations permission sets use (PT1H, PT2H30M, PT900S). */
export function sessionSeconds(duration: string | undefined): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration ?? '');
  if (!m || duration === 'PT') return DEFAULT_SESSION_SECONDS;
  const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return seconds > 0 ? seconds : DEFAULT_SESSION_SECONDS;
}

/** Role session names allow [\w+=,.@-] and at most 64 characters; Identity Center user names may not fit. */
function sessionName(user: IdsUser): string {
  const cleaned = user.UserName.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : `${cleaned}--`.slice(0, 2);
}

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds, unlike every other timestamp in REST-JSON. */
  expiration: number;
}

/** Registers a temporary credential acting as the user's session of the reserved role. */
export function mintRoleCredentials(
  ctx: SandboxContext,
  entitlement: Entitlement,
  user: IdsUser,
): RoleCredentials {
  const { accountId, reservedRoleName } = entitlement;
  const role = findRole(ctx.world.accounts[accountId].iam, reservedRoleName);
  // The role was deleted behind Identity Center's back: federation into it fails as "No access".
  if (!role) throw new AwsError('ForbiddenException', 'No access', 403);
  const name = sessionName(user);
  const credential: Credential = {
    accessKeyId: ctx.ids.accessKeyId(true),
    secretAccessKey: ctx.ids.secretAccessKey(),
    sessionToken: ctx.ids.sessionToken(),
    expiration: ctx.clock.now() + sessionSeconds(entitlement.permissionSet.SessionDuration) * 1000,
    principal: {
      type: 'assumed-role',
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${role.RoleName}/${name}`,
      roleArn: role.Arn,
      roleName: role.RoleName,
      roleId: role.RoleId,
      sessionName: name,
      chained: false,
    },
  };
  ctx.world.credentials[credential.accessKeyId] = credential;
  return {
    accessKeyId: credential.accessKeyId,
    secretAccessKey: credential.secretAccessKey,
    sessionToken: credential.sessionToken ?? '',
    expiration: credential.expiration ?? 0,
  };
}

/** Forgets portal-issued credentials that have expired, so the credential table stays bounded. */
export function purgeExpiredPortalCredentials(ctx: SandboxContext): void {
  const now = ctx.clock.now();
  for (const [key, c] of Object.entries(ctx.world.credentials)) {
    const p = c.principal;
    if (
      c.expiration !== undefined &&
      c.expiration <= now &&
      p.type === 'assumed-role' &&
      p.roleName.startsWith('AWSReservedSSO_')
    ) {
      delete ctx.world.credentials[key];
    }
  }
}
