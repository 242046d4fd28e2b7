/**
 * Access to the OIDC slot of the world, its purge of expired entries, and the lookups every flow
 * shares: which instance a start URL names, and which Identity Center user a sign-in is for.
 */

import type { World } from '../../world.js';
import type { IdsUser } from '../identitystore/model.js';
import type { SsoInstance } from '../sso-admin/model.js';
import { emptyOidcState, type OidcSettings, type OidcState } from './model.js';

/** Ceiling per map, so a runaway script cannot grow the state file without end. */
const MAX_ENTRIES = 10_000;

/** The world's OIDC state, with any map an older state file lacks filled in. */
export function oidcState(world: World): OidcState {
  const fresh = emptyOidcState();
  world.oidc ??= fresh;
  const state = world.oidc;
  state.clients ??= fresh.clients;
  state.devices ??= fresh.devices;
  state.codes ??= fresh.codes;
  state.tokens ??= fresh.tokens;
  return state;
}

/**
 * Changes how long tokens issued from now on live (tests use seconds; AWS's defaults are hours).
 * Pass undefined to go back to the default.
 */
export function setTokenLifetimes(world: World, settings: Partial<OidcSettings> | undefined): void {
  oidcState(world).settings = settings ? { ...settings } : undefined;
}

/** Drops everything that has expired, then the oldest entries of any map over its ceiling. */
export function purgeExpired(world: World, now: number): void {
  const state = oidcState(world);
  for (const map of [state.clients, state.devices, state.codes, state.tokens] as Record<
    string,
    { expiresAt: number }
  >[]) {
    for (const [k, v] of Object.entries(map)) if (v.expiresAt <= now) delete map[k];
    const keys = Object.keys(map);
    if (keys.length <= MAX_ENTRIES) continue;
    keys.sort((a, b) => map[a].expiresAt - map[b].expiresAt);
    for (const k of keys.slice(0, keys.length - MAX_ENTRIES)) delete map[k];
  }
}

/**
 * The active instance an access-portal URL belongs to. AWS's classic portal URL is
 * https://<identity store id or alias>.awsapps.com/start (the CLI also accepts a trailing "/" or
 * "#/"); newer instances also answer at https://<instance id>.portal.<region>.app.aws.
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/howtochangeURL.html
 */
export function instanceForStartUrl(world: World, startUrl: string): SsoInstance | undefined {
  const classic = /^https:\/\/(d-[0-9a-f]{10})\.awsapps\.com\/start\/?(?:#\/?)?$/i.exec(startUrl);
  const modern = /^https:\/\/(ssoins-[0-9a-f]{16})\.portal\.[a-z0-9-]+\.app\.aws\/?(?:#\/?)?$/i.exec(
    startUrl,
  );
  const active = Object.values(world.ssoAdmin.instances).filter((i) => i.Status === 'ACTIVE');
  if (classic) return active.find((i) => i.IdentityStoreId.toLowerCase() === classic[1].toLowerCase());
  if (modern) return active.find((i) => i.InstanceArn.endsWith(`/${modern[1].toLowerCase()}`));
  return undefined;
}

/** The instance with this ARN, whatever key the sso-admin state files it under. */
export function findInstance(world: World, instanceArn: string): SsoInstance | undefined {
  return (
    world.ssoAdmin.instances[instanceArn] ??
    Object.values(world.ssoAdmin.instances).find((i) => i.InstanceArn === instanceArn)
  );
}

/** The access-portal URL of an instance, as AWS shows it on the Identity Center dashboard. */
export function startUrlOf(instance: SsoInstance): string {
  return `https://${instance.IdentityStoreId}.awsapps.com/start`;
}

/** The instance's user with this UserName; Identity Center sign-in ignores case. */
export function findUserByName(world: World, identityStoreId: string, userName: string): IdsUser | undefined {
  const wanted = userName.trim().toLowerCase();
  return Object.values(world.identityStore.users).find(
    (u) => u.IdentityStoreId === identityStoreId && u.UserName.toLowerCase() === wanted,
  );
}

export function findUserById(world: World, identityStoreId: string, userId: string): IdsUser | undefined {
  const u = world.identityStore.users[userId];
  if (u?.IdentityStoreId === identityStoreId) return u;
  return Object.values(world.identityStore.users).find(
    (x) => x.IdentityStoreId === identityStoreId && x.UserId === userId,
  );
}
