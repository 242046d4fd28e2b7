/**
 * onramp verify: every access path the blueprint implies, checked against what is live (whether
 * onramp or a person applied it), evaluated offline with the shared policy evaluator, proven live
 * where the caller's credentials allow, and every failure explained by a catalog entry.
 */
import { describeAwsError } from '../aws/classify.js';
import type { AwsClients } from '../aws/clients.js';
import { toDesired } from '../blueprint/desired.js';
import { suggest } from '../blueprint/edit-distance.js';
import { makeEvaluator } from '../blueprint/evaluate.js';
import { callerPrincipal } from '../blueprint/trust.js';
import type { Blueprint } from '../blueprint/types.js';
import { type Clock, type Random, realClock } from '../core/clock.js';
import type { Env } from '../sso/paths.js';
import {
  CATALOG,
  declaredResourceMissing,
  findingOf,
  identityCenterNotEnabled,
  ssoTokenExpired,
} from './catalog/index.js';
import type { Finding } from './catalog/types.js';
import { checkRolePath } from './check-role.js';
import { checkAssignmentPath, deniedFinding } from './check-sso.js';
import { LiveWorld } from './live.js';
import { accessPaths } from './paths.js';
import { isUnreadable } from './read-iam.js';
import { type OrgView, readOrganization } from './read-org.js';
import { AccessDeniedRead, SsoReader } from './read-sso.js';
import { addFinding, newResult, type RunState } from './run-state.js';
import { TokenPool } from './tokens.js';
import type { PathResult, VerifyReport } from './types.js';
import { checkUserSide } from './user-side.js';

export interface VerifyOptions {
  /** The caller's context (credentials, region, endpoint). */
  clients: AwsClients;
  /** The role that reaches member accounts whose blueprint entry does not say (default OrganizationAccountAccessRole). */
  accessRoleName?: string;
  /** False: configuration and offline evaluation only, no live AssumeRole or GetRoleCredentials. */
  live?: boolean;
  /** False: do not read the person's ~/.aws files and token cache. */
  userSide?: boolean;
  env?: Env;
  /** Overrides $HOME for the user-side checks (tests). */
  home?: string;
  clock?: Clock;
  random?: Random;
  /** How long a live probe expected to succeed keeps retrying while IAM propagates (default 30 s). */
  probeTimeoutMs?: number;
  /** RoleSessionName of verify's own AssumeRole calls (default onramp-verify). */
  sessionName?: string;
}

async function resolveValues(bp: Blueprint, live: LiveWorld, org: OrgView | undefined, findings: Finding[]) {
  const caller = live.caller;
  const stable = callerPrincipal(caller.arn);
  let callerArn = stable.arn;
  if (stable.needsPath) {
    const iam = await live.iam(caller.account);
    const name = stable.arn.slice(stable.arn.lastIndexOf('/') + 1);
    if (!isUnreadable(iam)) callerArn = iam.roles.get(name.toLowerCase())?.arn ?? callerArn;
  }
  const resolved: Record<string, string> = { 'caller.arn': callerArn, 'caller.account': caller.account };
  const accessRoles = new Map<string, string>();
  for (const [key, spec] of Object.entries(bp.accounts)) {
    if (!spec.create) continue;
    const found = org?.accounts.find((a) => a.name === spec.create?.name || a.email === spec.create?.email);
    if (found) {
      resolved[`accounts.${key}.id`] = found.id;
      accessRoles.set(found.id, spec.create.accessRole);
    } else if (org) {
      const nearest = suggest(
        spec.create.name,
        org.accounts.map((a) => a.name),
      );
      findings.push(
        findingOf(
          declaredResourceMissing,
          `account ${spec.create.name}`,
          `account ${spec.create.name} does not exist`,
          {
            kind: 'account',
            name: spec.create.name,
            nearest,
          },
        ),
      );
    }
  }
  const ev = makeEvaluator(bp, resolved);
  const accountIds: Record<string, string> = {};
  for (const key of Object.keys(bp.accounts)) {
    const id = ev.string(`\${accounts.${key}.id}`);
    if (typeof id === 'string') accountIds[key] = id;
  }
  return { callerArn, resolved, accountIds, accessRoles };
}

/** Drops generic findings about a subject that a specific finding already explains. */
function suppressGeneric(findings: Finding[], paths: PathResult[]): Finding[] {
  const generic = new Set<string>(CATALOG.filter((e) => e.generic).map((e) => e.code));
  const specific = new Set(findings.filter((f) => !generic.has(f.code)).map((f) => f.subject));
  const kept = findings.filter((f) => !generic.has(f.code) || !specific.has(f.subject));
  const live = new Set<string>(kept.map((f) => f.code));
  for (const p of paths) p.codes = p.codes.filter((c) => live.has(c));
  return kept.sort((a, b) => a.code.localeCompare(b.code) || a.subject.localeCompare(b.subject));
}

/** Verifies a validated blueprint against the live account(s) the clients reach. */
export async function verifyBlueprint(blueprint: Blueprint, opts: VerifyOptions): Promise<VerifyReport> {
  const clock = opts.clock ?? realClock;
  const clients = opts.clients;
  const caller = await clients.callerIdentity();
  const orgRead = await readOrganization(clients);
  const org = 'reason' in orgRead ? undefined : orgRead;
  const findings: Finding[] = [];
  const sso = new SsoReader(clients);
  const sessionName = opts.sessionName ?? 'onramp-verify';
  const probe = { timeoutMs: opts.probeTimeoutMs ?? 30_000, clock, random: opts.random, sessionName };
  const accessRoles = new Map<string, string>();
  const defaultAccessRole = opts.accessRoleName ?? 'OrganizationAccountAccessRole';
  const live = new LiveWorld(clients, caller, org, sso, {
    clock,
    random: opts.random,
    accessRoles,
    defaultAccessRole,
    sessionName,
  });
  if ('reason' in orgRead) live.notes.add(`the organization is not readable (${orgRead.reason})`);
  const r = await resolveValues(blueprint, live, org, findings);
  for (const [id, role] of r.accessRoles) accessRoles.set(id, role);
  const desired = toDesired(blueprint, r.resolved);
  const paths = accessPaths({
    blueprint,
    desired,
    caller: { arn: r.callerArn, account: caller.account },
    managementAccount: org?.managementAccount,
    accountIds: r.accountIds,
  });
  const state: RunState = {
    live,
    desired: new Map(desired.map((d) => [d.key, d])),
    probe,
    liveProbes: opts.live !== false,
    tokens: new TokenPool([], clients, probe, () => {}),
    findings,
    done: new Set(),
  };
  const ic = blueprint.identityCenter;
  const needsIc =
    paths.some((p) => p.kind.startsWith('sso')) ||
    Object.keys(ic.users).length + Object.keys(ic.groups).length > 0;
  if (needsIc) {
    try {
      const instance = await sso.instance();
      if (!instance) {
        addFinding(
          state,
          findingOf(
            identityCenterNotEnabled,
            `region ${clients.region}`,
            `no IAM Identity Center instance in ${clients.region}`,
            {
              region: clients.region,
              callerAccount: caller.account,
            },
          ),
        );
      } else {
        if (Object.keys(ic.users).length > 0) await sso.users();
        if (opts.userSide !== false) {
          const user = checkUserSide({
            instance,
            env: opts.env ?? process.env,
            home: opts.home,
            now: clock.now(),
          });
          for (const f of user.findings) addFinding(state, f);
          for (const n of user.notes) live.notes.add(n);
          state.tokens = new TokenPool(user.tokens, clients, probe, (token, error) =>
            addFinding(
              state,
              findingOf(
                ssoTokenExpired,
                `sso-session ${token.session}`,
                `the portal rejected the token of ${token.session}: ${error}`,
                {
                  session: token.session,
                  tokenFile: token.file,
                  expiresAt: token.expiresAt,
                  state: 'rejected',
                },
              ),
            ),
          );
        }
      }
    } catch (e) {
      if (!(e instanceof AccessDeniedRead)) throw e;
      addFinding(state, deniedFinding(state, e));
    }
  }
  const results: PathResult[] = [];
  for (const path of paths) {
    try {
      results.push(
        path.kind === 'sso-assignment'
          ? await checkAssignmentPath(state, path)
          : await checkRolePath(state, path),
      );
    } catch (e) {
      // One path AWS would not let us check (throttled to the end, a service down) fails alone.
      const failed = newResult(path, caller.arn);
      failed.status = 'failed';
      failed.notes.push(`could not be checked: ${describeAwsError(e)}`);
      results.push(failed);
    }
  }
  const kept = suppressGeneric(state.findings, results);
  // The ExternalId is a shared secret: the report says whether one is declared, never which.
  for (const r of results)
    if (r.path.externalId !== undefined) r.path = { ...r.path, externalId: '(secret)' };
  const count = (s: PathResult['status']) => results.filter((p) => p.status === s).length;
  const failed = count('failed');
  return {
    blueprint: blueprint.name,
    caller: { arn: caller.arn, account: caller.account },
    region: clients.region,
    paths: results,
    findings: kept,
    notes: [...live.notes],
    ok: failed === 0 && !kept.some((f) => f.severity === 'error'),
    summary: {
      paths: results.length,
      ok: count('ok'),
      failed,
      unknown: count('unknown'),
      findings: kept.length,
    },
  };
}
