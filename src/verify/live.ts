/**
 * Everything verify reads from AWS for one run, cached: member-account contexts (assumed once),
 * each account's IAM, managed policy documents, SCPs, and the actors (principals with their
 * policies and request context) whose requests are evaluated offline.
 */
import type { AwsClients, CallerIdentity } from '../aws/clients.js';
import type { Clock, Random } from '../core/clock.js';
import type { LabelledPolicy, PolicyDocument } from '../policy/types.js';
import {
  type AccountIam,
  isUnreadable,
  type PrincipalPolicies,
  type RoleView,
  readAccountIam,
  readManagedPolicy,
  rolePolicies,
  type Unreadable,
  unreadable,
  userPolicies,
} from './read-iam.js';
import { type OrgView, readScps } from './read-org.js';
import type { SsoReader } from './read-sso.js';
import {
  type Actor,
  ASSUMED_ALLOW,
  type PrincipalFacts,
  principalContext,
  requestPrincipal,
} from './request.js';

export interface LiveSettings {
  clock: Clock;
  random?: Random;
  /** Role name used to reach each member account (by account id), default OrganizationAccountAccessRole. */
  accessRoles: ReadonlyMap<string, string>;
  defaultAccessRole: string;
  sessionName: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class LiveWorld {
  readonly notes = new Set<string>();
  private readonly iamCache = new Map<string, Promise<AccountIam | Unreadable>>();
  private readonly docCache = new Map<string, Promise<PolicyDocument | undefined>>();
  private readonly scpCache = new Map<string, Promise<LabelledPolicy[][] | undefined>>();
  /** Once listing SCPs failed, the caller cannot list them for any account. */
  private scpsHidden = false;

  constructor(
    readonly clients: AwsClients,
    readonly caller: CallerIdentity,
    readonly org: OrgView | undefined,
    readonly sso: SsoReader,
    readonly settings: LiveSettings,
  ) {}

  get secureTransport(): boolean {
    return !(this.clients.target.endpointUrl ?? 'https://').startsWith('http://');
  }

  /** The caller's context in the account, through its access role; the caller's own account is this. */
  async context(accountId: string): Promise<AwsClients | Unreadable> {
    try {
      const roleName = this.settings.accessRoles.get(accountId) ?? this.settings.defaultAccessRole;
      return await this.clients.forAccount(accountId, { roleName });
    } catch (e) {
      return unreadable(e);
    }
  }

  iam(accountId: string): Promise<AccountIam | Unreadable> {
    let p = this.iamCache.get(accountId);
    if (!p) {
      p = (async () => {
        const ctx = await this.context(accountId);
        if (isUnreadable(ctx)) return ctx;
        try {
          return await readAccountIam(ctx, accountId);
        } catch (e) {
          return unreadable(e);
        }
      })();
      this.iamCache.set(accountId, p);
    }
    return p;
  }

  /** IAM snapshots already read (for "is it in another account?"). */
  async loadedIam(): Promise<AccountIam[]> {
    const all = await Promise.all(this.iamCache.values());
    return all.filter((x): x is AccountIam => !isUnreadable(x));
  }

  /** A managed policy's document: from a snapshot, else GetPolicyVersion in its account. */
  doc(arn: string, accountId: string): Promise<PolicyDocument | undefined> {
    let p = this.docCache.get(arn);
    if (!p) {
      p = (async () => {
        const own = await this.iam(accountId);
        if (!isUnreadable(own) && own.policies.has(arn)) return own.policies.get(arn);
        for (const snap of await this.loadedIam()) if (snap.policies.has(arn)) return snap.policies.get(arn);
        const home = arn.split(':')[4];
        const ctx = home === 'aws' || home === '' ? this.clients : await this.context(home);
        return isUnreadable(ctx) ? undefined : readManagedPolicy(ctx, arn);
      })();
      this.docCache.set(arn, p);
    }
    return p;
  }

  /** SCP levels for a principal's account, or undefined when they cannot be read. */
  scps(accountId: string): Promise<LabelledPolicy[][] | undefined> {
    let p = this.scpCache.get(accountId);
    if (!p) {
      p = (async () => {
        if (!this.org || this.scpsHidden) return undefined;
        const r = await readScps(this.clients, accountId, this.org);
        if ('reason' in r) {
          this.scpsHidden = true;
          const why = r.reason.replace(/ \(request id [^)]*\)$/, '');
          this.notes.add(`service control policies are not visible (${why}); evaluated without them`);
          return undefined;
        }
        return r.levels;
      })();
      this.scpCache.set(accountId, p);
    }
    return p;
  }

  orgIdFor(accountId: string): string | undefined {
    return this.org?.accounts.some((a) => a.id === accountId) ? this.org.id : undefined;
  }

  private async actor(
    kind: Actor['kind'],
    label: string,
    facts: PrincipalFacts,
    policies: PrincipalPolicies,
    assumedIdentity = false,
  ): Promise<Actor> {
    const env = { secureTransport: this.secureTransport, now: this.settings.clock.now() };
    const scps = assumedIdentity ? undefined : await this.scps(facts.accountId);
    return {
      label,
      kind,
      principal: requestPrincipal(facts),
      policies,
      ...(assumedIdentity ? { assumedIdentity } : {}),
      context: principalContext({ ...facts, orgId: this.orgIdFor(facts.accountId) }, env),
      ...(scps?.length ? { scps } : {}),
    };
  }

  private docs(accountId: string) {
    return (arn: string) => this.doc(arn, accountId);
  }

  /** A session of the role (or the caller's own), with the role's policies read live. */
  async roleActor(kind: Actor['kind'], role: RoleView, sessionName: string): Promise<Actor> {
    const account = role.arn.split(':')[4];
    const arn = `arn:aws:sts::${account}:assumed-role/${role.name}/${sessionName}`;
    const facts: PrincipalFacts = {
      arn,
      accountId: account,
      type: 'AssumedRole',
      roleArn: role.arn,
      uniqueId: role.roleId,
      sessionName,
      tags: role.tags,
    };
    return this.actor(kind, arn, facts, await rolePolicies(role, this.docs(account)));
  }

  /** The caller, with its policies read live (undefined when its IAM cannot be read). */
  async callerActor(): Promise<Actor | undefined> {
    const arn = this.caller.arn;
    const iam = await this.iam(this.caller.account);
    if (isUnreadable(iam)) {
      this.notes.add(`the caller's policies are not readable (${iam.reason})`);
      return undefined;
    }
    const session = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
    if (session) {
      const role = iam.roles.get(session[1].toLowerCase());
      if (!role) return undefined;
      const a = await this.roleActor('caller', role, session[2]);
      return { ...a, label: arn };
    }
    const user = iam.users.get(arn.slice(arn.lastIndexOf('/') + 1).toLowerCase());
    if (!user) return undefined;
    const facts: PrincipalFacts = {
      arn,
      accountId: this.caller.account,
      type: 'User',
      uniqueId: user.userId,
      userName: user.name,
      tags: user.tags,
    };
    return this.actor('caller', arn, facts, await userPolicies(iam, user, this.docs(this.caller.account)));
  }

  async userActor(arn: string): Promise<Actor | undefined> {
    const account = arn.split(':')[4];
    const iam = await this.iam(account);
    const user = isUnreadable(iam)
      ? undefined
      : iam.users.get(arn.slice(arn.lastIndexOf('/') + 1).toLowerCase());
    if (isUnreadable(iam) || !user) return undefined;
    const facts: PrincipalFacts = {
      arn,
      accountId: account,
      type: 'User',
      uniqueId: user.userId,
      userName: user.name,
      tags: user.tags,
    };
    return this.actor('user', arn, facts, await userPolicies(iam, user, this.docs(account)));
  }

  /** A principal of another account whose policies we cannot read (a vendor, a foreign account). */
  foreignActor(kind: 'vendor' | 'account', account: string): Promise<Actor> {
    const roleArn = `arn:aws:iam::${account}:role/${kind}-principal`;
    const facts: PrincipalFacts = {
      arn: `arn:aws:sts::${account}:assumed-role/${kind}-principal/${this.settings.sessionName}`,
      accountId: account,
      type: 'AssumedRole',
      roleArn,
      sessionName: this.settings.sessionName,
    };
    return this.actor(kind, `${kind} ${account}`, facts, ASSUMED_ALLOW, true);
  }

  /** The permission set's AWSReservedSSO role in the account, if provisioned there. */
  async reservedRole(permissionSet: string, accountId: string): Promise<RoleView | Unreadable | undefined> {
    const iam = await this.iam(accountId);
    if (isUnreadable(iam)) return iam;
    const name = new RegExp(`^AWSReservedSSO_${escapeRegExp(permissionSet)}_[0-9a-f]{16}$`);
    return [...iam.roles.values()].find(
      (r) => r.path.startsWith('/aws-reserved/sso.amazonaws.com/') && name.test(r.name),
    );
  }
}
