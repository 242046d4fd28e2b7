/**
 * The worlds a sandbox can start from. `fresh`: one standalone account with an administrator.
 * `org`: that account as the management account of an organization with N member accounts and
 * an enabled organization instance of IAM Identity Center.
 */
import type { Credential } from './principal.js';
import type { SandboxContext } from './service.js';
import {
  createMemberAccountInternal,
  createOrganizationInternal,
} from './services/organizations/internal.js';
import { createInstanceInternal } from './services/sso-admin/internal.js';
import { ensureAccount } from './world.js';

export type SeedName = 'fresh' | 'org';

export interface SeedOptions {
  seed: SeedName;
  /** Member accounts to create with `org`. */
  accounts: number;
}

export const ADMIN_USER = 'onramp-admin';

/** Seeds the primary account and its administrator; returns the administrator's key. */
export function seedWorld(ctx: SandboxContext, opts: SeedOptions): Credential {
  const world = ctx.world;
  const accountId = world.primaryAccountId;
  const account = ensureAccount(world, accountId, { name: 'management', email: 'management@example.com' });
  const now = new Date(ctx.clock.now()).toISOString();
  const userId = ctx.ids.iamUniqueId('AIDA');
  const arn = `arn:aws:iam::${accountId}:user/${ADMIN_USER}`;
  account.iam.users[ADMIN_USER] = {
    UserName: ADMIN_USER,
    UserId: userId,
    Arn: arn,
    Path: '/',
    CreateDate: now,
    Tags: [],
    AttachedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    InlinePolicies: {},
    ChangedAt: 0,
  };
  const credential: Credential = {
    accessKeyId: ctx.ids.accessKeyId(false),
    secretAccessKey: ctx.ids.secretAccessKey(),
    principal: { type: 'user', accountId, arn, userName: ADMIN_USER, userId },
  };
  world.credentials[credential.accessKeyId] = credential;

  if (opts.seed === 'org') {
    createOrganizationInternal(ctx);
    for (let i = 1; i <= opts.accounts; i++) {
      const n = String(i).padStart(3, '0');
      createMemberAccountInternal(ctx, { name: `member-${n}`, email: `member-${n}@example.com` });
    }
    createInstanceInternal(ctx);
  }
  return credential;
}
