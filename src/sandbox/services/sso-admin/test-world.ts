/**
 * Test fixture for the sso-admin and identitystore tests: an organization instance of IAM Identity
 * Center and member accounts. Uses what the `org` seed made when it is there; with the `fresh` seed
 * it adds accounts with ensureAccount and enables the instance with createInstanceInternal.
 * Excluded from the build (test-*.ts).
 */

import { IAMClient } from '@aws-sdk/client-iam';
import { CreateGroupCommand, CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Sandbox } from '../../sandbox.js';
import { ensureAccount } from '../../world.js';
import { createInstanceInternal } from './internal.js';

export interface SsoTestWorld {
  instanceArn: string;
  identityStoreId: string;
  /** Member account ids (never the management account). */
  members: string[];
  sso: SSOAdminClient;
  ids: IdentitystoreClient;
}

/** The instance and at least `accounts` member accounts, and clients that do not retry. */
export function ssoTestWorld(sb: Sandbox, accounts = 3): SsoTestWorld {
  const world = sb.world;
  let instance = Object.values(world.ssoAdmin.instances).find(
    (i) => i.OwnerAccountId === world.primaryAccountId,
  );
  if (!instance) {
    const made = createInstanceInternal(sb.context, { name: 'test' });
    instance = world.ssoAdmin.instances[made.instanceArn];
  }
  const members = Object.keys(world.accounts).filter((id) => id !== world.primaryAccountId);
  while (members.length < accounts) {
    const id = sb.context.ids.accountId();
    if (world.accounts[id]) continue;
    ensureAccount(world, id, {
      name: `member-${members.length + 1}`,
      email: `m${members.length + 1}@example.com`,
    });
    members.push(id);
  }
  // One attempt per call: the tests assert exactly which call got which error.
  const config = { ...sb.clientConfig(), maxAttempts: 1 };
  return {
    instanceArn: instance.InstanceArn,
    identityStoreId: instance.IdentityStoreId,
    members,
    sso: new SSOAdminClient(config),
    ids: new IdentitystoreClient(config),
  };
}

/** Creates an Identity Center user the way an administrator would, returning its id. */
export async function createTestUser(w: SsoTestWorld, userName: string): Promise<string> {
  const out = await w.ids.send(
    new CreateUserCommand({
      IdentityStoreId: w.identityStoreId,
      UserName: userName,
      DisplayName: `${userName} Example`,
      Name: { GivenName: userName, FamilyName: 'Example' },
      Emails: [{ Value: `${userName}@example.com`, Type: 'work', Primary: true }],
    }),
  );
  return out.UserId ?? '';
}

export async function createTestGroup(w: SsoTestWorld, displayName: string): Promise<string> {
  const out = await w.ids.send(
    new CreateGroupCommand({ IdentityStoreId: w.identityStoreId, DisplayName: displayName }),
  );
  return out.GroupId ?? '';
}

/**
 * Temporary credentials in a member account, the way an administrator reaches one: AssumeRole into
 * OrganizationAccountAccessRole from the management account (needs the `org` seed).
 */
export async function memberCredentials(
  sb: Sandbox,
  accountId: string,
): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }> {
  const sts = new STSClient({ ...sb.clientConfig(), maxAttempts: 1 });
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'sso-admin-test',
    }),
  );
  const c = out.Credentials;
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken,
  };
}

/** An IAMClient acting in a member account (see memberCredentials). */
export async function memberIam(sb: Sandbox, accountId: string): Promise<IAMClient> {
  return new IAMClient({ ...sb.clientConfig(await memberCredentials(sb, accountId)), maxAttempts: 1 });
}
