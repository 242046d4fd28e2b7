/**
 * Long-term access keys. A key created here is a real sandbox credential: while Active it is in
 * `world.credentials` and signs requests as the user; Inactive keys are taken out of it (AWS then
 * answers InvalidClientTokenId). At most two keys per user:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
 */
import type { Credential } from '../../principal.js';
import type { SandboxContext, SandboxRequest } from '../../service.js';
import type { World } from '../../world.js';
import { iamError, quotaExceeded } from './errors.js';
import type { IamAccessKey, IamUser } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { accountOf, iamOf, requireUser, targetUserName } from './state.js';
import { checks, required } from './validate.js';

export const ACCESS_KEYS_PER_USER = 2;

function isUsersKey(c: Credential, accountId: string, user: IamUser): boolean {
  return (
    c.sessionToken === undefined &&
    c.principal.type === 'user' &&
    c.principal.accountId === accountId &&
    c.principal.userName.toLowerCase() === user.UserName.toLowerCase()
  );
}

/**
 * The user's keys. Keys that exist only as credentials (the seed writes the administrator's key
 * straight into the world) are adopted into the user's record, so they count and can be managed.
 */
export function keysOf(world: World, accountId: string, user: IamUser): IamAccessKey[] {
  user.AccessKeys ??= [];
  for (const c of Object.values(world.credentials)) {
    if (!isUsersKey(c, accountId, user)) continue;
    if (user.AccessKeys.some((k) => k.AccessKeyId === c.accessKeyId)) continue;
    user.AccessKeys.push({
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      Status: 'Active',
      CreateDate: user.CreateDate,
    });
  }
  return user.AccessKeys;
}

function credentialFor(accountId: string, user: IamUser, key: IamAccessKey): Credential {
  return {
    accessKeyId: key.AccessKeyId,
    secretAccessKey: key.SecretAccessKey,
    principal: { type: 'user', accountId, arn: user.Arn, userName: user.UserName, userId: user.UserId },
  };
}

/** Issues a key for a user and registers it as a credential that can sign requests at once. */
export function issueAccessKey(ctx: SandboxContext, accountId: string, user: IamUser): IamAccessKey {
  const keys = keysOf(ctx.world, accountId, user);
  if (keys.length >= ACCESS_KEYS_PER_USER) throw quotaExceeded('AccessKeysPerUser', ACCESS_KEYS_PER_USER);
  const key: IamAccessKey = {
    AccessKeyId: ctx.ids.accessKeyId(false),
    SecretAccessKey: ctx.ids.secretAccessKey(),
    Status: 'Active',
    CreateDate: new Date(ctx.clock.now()).toISOString(),
  };
  keys.push(key);
  ctx.world.credentials[key.AccessKeyId] = credentialFor(accountId, user, key);
  return key;
}

function requireKey(req: SandboxRequest, user: IamUser, id: string): IamAccessKey {
  checks().string('accessKeyId', id, 16, 128, { re: /^\w+$/, text: '[\\w]+' }).done();
  const key = keysOf(req.ctx.world, accountOf(req), user).find((k) => k.AccessKeyId === id);
  if (!key) throw iamError.noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  return key;
}

export function createAccessKey(req: SandboxRequest) {
  const user = requireUser(iamOf(req), targetUserName(req));
  const key = issueAccessKey(req.ctx, accountOf(req), user);
  return {
    AccessKey: {
      UserName: user.UserName,
      AccessKeyId: key.AccessKeyId,
      Status: key.Status,
      SecretAccessKey: key.SecretAccessKey,
      CreateDate: new Date(key.CreateDate),
    },
  };
}

export function listAccessKeys(req: SandboxRequest) {
  const user = requireUser(iamOf(req), targetUserName(req));
  const keys = keysOf(req.ctx.world, accountOf(req), user);
  const page = paginate(keys, req.params, (k) => `${k.CreateDate}\u0000${k.AccessKeyId}`);
  return {
    AccessKeyMetadata: page.items.map((k) => ({
      UserName: user.UserName,
      AccessKeyId: k.AccessKeyId,
      Status: k.Status,
      CreateDate: new Date(k.CreateDate),
    })),
    ...pageTail(page),
  };
}

export function updateAccessKey(req: SandboxRequest) {
  const id = required(req.params, 'AccessKeyId');
  const status = required(req.params, 'Status');
  checks().oneOf('status', status, ['Active', 'Inactive']).done();
  const accountId = accountOf(req);
  const user = requireUser(iamOf(req), targetUserName(req));
  const key = requireKey(req, user, id);
  key.Status = status as IamAccessKey['Status'];
  if (key.Status === 'Active')
    req.ctx.world.credentials[key.AccessKeyId] = credentialFor(accountId, user, key);
  else delete req.ctx.world.credentials[key.AccessKeyId];
  return undefined;
}

export function deleteAccessKey(req: SandboxRequest) {
  const id = required(req.params, 'AccessKeyId');
  const user = requireUser(iamOf(req), targetUserName(req));
  requireKey(req, user, id);
  user.AccessKeys = (user.AccessKeys ?? []).filter((k) => k.AccessKeyId !== id);
  delete req.ctx.world.credentials[id];
  return undefined;
}

/** The sandbox does not track key use; AWS reports never-used keys with "N/A". */
export function getAccessKeyLastUsed(req: SandboxRequest) {
  const id = required(req.params, 'AccessKeyId');
  const accountId = accountOf(req);
  for (const user of Object.values(iamOf(req).users)) {
    if (keysOf(req.ctx.world, accountId, user).some((k) => k.AccessKeyId === id)) {
      return { UserName: user.UserName, AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } };
    }
  }
  throw iamError.noSuchEntity(`The Access Key with id ${id} cannot be found.`);
}
