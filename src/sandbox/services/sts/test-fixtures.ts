/**
 * Test fixtures for STS and Organizations tests: IAM users, roles and keys written straight into the
 * world, so these tests exercise STS and Organizations and nothing else. Excluded from the build.
 */
import type { Sandbox } from '../../sandbox.js';
import { ensureAccount } from '../../world.js';
import type { IamRole } from '../iam/model.js';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What SDK answers carry, as client credentials. */
export function keysOf(
  c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined,
): Keys {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('no credentials in the answer');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

export const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

export const allow = (action: string | string[], resource: string | string[] = '*') => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});

/** A trust policy statement allowing `principal` (an ARN or account id) the actions. */
export const trust = (
  principal: string | string[],
  action: string | string[] = 'sts:AssumeRole',
  extra = {},
) => ({
  Effect: 'Allow',
  Principal: { AWS: principal },
  Action: action,
  ...extra,
});

/** An IAM user with an access key; inline policies are JSON texts. */
export function addUser(
  sb: Sandbox,
  name: string,
  opts: { accountId?: string; inline?: Record<string, string>; attached?: string[] } = {},
): Keys & { arn: string; accountId: string } {
  const ctx = sb.context;
  const accountId = opts.accountId ?? sb.admin.accountId;
  const account = ensureAccount(sb.world, accountId);
  const arn = `arn:aws:iam::${accountId}:user/${name}`;
  const userId = ctx.ids.iamUniqueId('AIDA');
  account.iam.users[name.toLowerCase()] = {
    UserName: name,
    UserId: userId,
    Arn: arn,
    Path: '/',
    CreateDate: new Date(ctx.clock.now()).toISOString(),
    Tags: [],
    AttachedPolicies: opts.attached ?? [],
    InlinePolicies: opts.inline ?? {},
    ChangedAt: 0,
  };
  const keys = { accessKeyId: ctx.ids.accessKeyId(false), secretAccessKey: ctx.ids.secretAccessKey() };
  sb.world.credentials[keys.accessKeyId] = {
    ...keys,
    principal: { type: 'user', accountId, arn, userName: name, userId },
  };
  return { ...keys, arn, accountId };
}

/** Long-term keys of an account's root user. */
export function addRootKeys(sb: Sandbox, accountId = sb.admin.accountId): Keys {
  const ctx = sb.context;
  ensureAccount(sb.world, accountId);
  const keys = { accessKeyId: ctx.ids.accessKeyId(false), secretAccessKey: ctx.ids.secretAccessKey() };
  sb.world.credentials[keys.accessKeyId] = {
    ...keys,
    principal: { type: 'root', accountId, arn: `arn:aws:iam::${accountId}:root` },
  };
  return keys;
}

/** An IAM role; ChangedAt 0 (long-standing) unless given. */
export function addRole(
  sb: Sandbox,
  name: string,
  trustPolicy: string,
  opts: {
    accountId?: string;
    path?: string;
    attached?: string[];
    inline?: Record<string, string>;
    maxSessionDuration?: number;
    changedAt?: number;
  } = {},
): IamRole {
  const ctx = sb.context;
  const accountId = opts.accountId ?? sb.admin.accountId;
  const path = opts.path ?? '/';
  const role: IamRole = {
    RoleName: name,
    RoleId: ctx.ids.iamUniqueId('AROA'),
    Arn: `arn:aws:iam::${accountId}:role${path}${name}`,
    Path: path,
    CreateDate: new Date(ctx.clock.now()).toISOString(),
    AssumeRolePolicyDocument: trustPolicy,
    MaxSessionDuration: opts.maxSessionDuration ?? 3600,
    Tags: [],
    AttachedPolicies: opts.attached ?? [],
    InlinePolicies: opts.inline ?? {},
    ChangedAt: opts.changedAt ?? 0,
  };
  ensureAccount(sb.world, accountId).iam.roles[name.toLowerCase()] = role;
  return role;
}
