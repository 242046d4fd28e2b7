/**
 * The whole simulated AWS: every account, credential and service's state, as one plain object that
 * persists as JSON. Each service owns its slot and declares its type in its own model.ts.
 */
import type { Credential } from './principal.js';
import { emptyIamState, type IamAccountState } from './services/iam/model.js';
import { emptyIdentityStoreState, type IdentityStoreState } from './services/identitystore/model.js';
import { emptyOrgState, type OrgState } from './services/organizations/model.js';
import { emptySsoAdminState, type SsoAdminState } from './services/sso-admin/model.js';
import { emptyOidcState, type OidcState } from './services/sso-oidc/model.js';

export interface AccountState {
  id: string;
  /** Set for accounts created through Organizations (and the seeded management account). */
  name?: string;
  email?: string;
  iam: IamAccountState;
}

export interface World {
  version: 1;
  region: string;
  /** The seeded administrator's account: the management account once an organization exists. */
  primaryAccountId: string;
  accounts: Record<string, AccountState>;
  /** Every access key the sandbox has issued, long-term and temporary. */
  credentials: Record<string, Credential>;
  organizations: OrgState;
  ssoAdmin: SsoAdminState;
  identityStore: IdentityStoreState;
  oidc: OidcState;
}

export function emptyWorld(region: string, primaryAccountId: string): World {
  return {
    version: 1,
    region,
    primaryAccountId,
    accounts: {},
    credentials: {},
    organizations: emptyOrgState(),
    ssoAdmin: emptySsoAdminState(),
    identityStore: emptyIdentityStoreState(),
    oidc: emptyOidcState(),
  };
}

/** Adds an account with empty IAM if it is not there yet, and returns it. */
export function ensureAccount(world: World, id: string, extra: Partial<AccountState> = {}): AccountState {
  let account = world.accounts[id];
  if (!account) {
    account = { id, iam: emptyIamState(), ...extra };
    world.accounts[id] = account;
  }
  return account;
}
