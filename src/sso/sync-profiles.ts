/**
 * The pure half of `onramp sso sync`: from the portal's accounts and roles to the desired
 * `[profile …]` sections, named by the template, never taking a name that belongs to someone else
 * (a section onramp does not own, or one another session of onramp's owns).
 */
import { IniDocument } from './ini/document.js';
import type { DesiredConfig, DesiredProfile, DesiredSsoSession } from './managed/desired.js';
import { ownedBlocks } from './managed/marker.js';
import { type ConfigPlan, planConfigChanges } from './managed/plan.js';
import type { PortalAccount } from './portal.js';
import { profileNames } from './profile-names.js';
import type { SsoSessionConfig } from './session-config.js';

export interface AccountRoles {
  account: PortalAccount;
  roles: string[];
}

export interface SyncPlanInput {
  session: SsoSessionConfig & { name: string };
  entitlements: readonly AccountRoles[];
  /** Profile name template (default `{account}/{role}`). */
  template?: string;
  /** `region` of every profile (default: the session's sso_region). */
  region?: string;
  prune?: boolean;
  path?: string;
}

export interface SyncPlan extends ConfigPlan {
  profiles: DesiredProfile[];
}

/** Names botocore files as profiles that this session's sync must leave alone. */
function reservedNames(doc: IniDocument, session: string): Set<string> {
  const mine = new Set(
    ownedBlocks(doc)
      .filter((b) => b.session === session && b.section.identity.kind === 'profile')
      .map((b) => b.section.identity.name),
  );
  const reserved = new Set<string>();
  for (const s of doc.sections()) {
    if (s.identity.kind === 'profile' && !mine.has(s.identity.name)) reserved.add(s.identity.name);
  }
  return reserved;
}

/** The session section itself, when onramp owns it, must stay wanted or pruning would remove it. */
function ownedSession(doc: IniDocument, session: SyncPlanInput['session']): DesiredSsoSession[] {
  const owned = ownedBlocks(doc).some(
    (b) =>
      b.section.identity.kind === 'sso-session' &&
      b.section.identity.name === session.name &&
      b.session === session.name,
  );
  if (!owned) return [];
  return [
    {
      name: session.name,
      startUrl: session.startUrl,
      region: session.region,
      registrationScopes: session.scopes,
    },
  ];
}

/** Plans the sync against the config text as it is now (call it under the file's lock). */
export function planSync(text: string, input: SyncPlanInput): SyncPlan {
  const doc = IniDocument.parse(text);
  const entries = input.entitlements.flatMap(({ account, roles }) =>
    [...roles].sort().map((roleName) => ({ account, roleName })),
  );
  const names = profileNames(
    entries.map((e) => ({
      session: input.session.name,
      accountName: e.account.accountName,
      accountId: e.account.accountId,
      roleName: e.roleName,
    })),
    { template: input.template, reserved: reservedNames(doc, input.session.name) },
  );
  const profiles: DesiredProfile[] = entries.map((e, i) => ({
    name: names[i],
    ssoSession: input.session.name,
    accountId: e.account.accountId,
    roleName: e.roleName,
    region: input.region ?? input.session.region,
  }));
  const desired: DesiredConfig = { ssoSessions: ownedSession(doc, input.session), profiles };
  const plan = planConfigChanges(text, desired, {
    prune: input.prune,
    pruneSessions: [input.session.name],
    path: input.path,
  });
  return { ...plan, profiles };
}
