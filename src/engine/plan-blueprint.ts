/**
 * planBlueprint: a validated blueprint and a target → a Plan. Resolves what the blueprint could not
 * know by itself (the caller, ids of existing accounts it creates, OU members), reads every account
 * and Identity Center in parallel, and diffs. Nothing here changes AWS.
 */
import { ListAccountsForParentCommand } from '@aws-sdk/client-organizations';
import { AwsClients, type AwsClientsOptions, type AwsTarget, type CallerIdentity } from '../aws/clients.js';
import { toDesired } from '../blueprint/desired.js';
import { makeEvaluator } from '../blueprint/evaluate.js';
import type { Blueprint, DesiredResource, ResolvedValues } from '../blueprint/types.js';
import { OnrampError } from '../core/errors.js';
import { diffPlan } from '../plan/diff.js';
import type { Plan } from '../plan/types.js';
import { Directory } from '../resources/directory.js';
import { observeAccounts, readAccounts } from '../resources/org-account.js';
import type { ObservedResource } from '../resources/types.js';
import { allPages } from '../resources/util.js';
import { stableCallerArn } from './caller.js';
import { learntRefs, type Refresh, readState } from './read-state.js';

export interface PlanOptions {
  /** Keys to take ownership of although unowned (`--adopt`). */
  adopt?: readonly string[];
  /** Plan the removal of everything the blueprint owns (`onramp destroy`). */
  destroy?: boolean;
  /** Close owned accounts that are to be removed (otherwise they are kept). */
  closeAccounts?: boolean;
  /** How far to trust what onramp recorded at its last apply (read-state.ts). */
  refresh?: Refresh;
  /** Options for a new AwsClients when `target` is not one already. */
  clients?: AwsClientsOptions;
  signal?: AbortSignal;
}

/** A plan with what applying it needs: the run's clients, directory and what was read. */
export interface BlueprintPlan {
  plan: Plan;
  blueprint: Blueprint;
  desired: DesiredResource[];
  observed: ObservedResource[];
  aws: AwsClients;
  dir: Directory;
  caller: CallerIdentity & { stableArn?: string };
}

const refsOf = (desired: readonly DesiredResource[]) => {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (v && typeof v === 'object') {
      const d = v as { kind?: unknown; refs?: unknown };
      if (d.kind === 'deferred' && Array.isArray(d.refs)) for (const r of d.refs) out.add(String(r));
      else for (const x of Object.values(v)) walk(x);
    }
  };
  for (const d of desired) walk([d.props, d.accountId]);
  return out;
};

export async function planBlueprint(
  blueprint: Blueprint,
  target: AwsClients | AwsTarget,
  options: PlanOptions = {},
): Promise<BlueprintPlan> {
  const aws = target instanceof AwsClients ? target : new AwsClients(target, options.clients);
  const { signal } = options;
  const me = await aws.callerIdentity({ signal });
  const resolved: Record<string, string | readonly string[]> = { 'caller.account': me.account };
  const dir = new Directory();
  let desired = toDesired(blueprint, resolved);
  const known = Object.keys(resolved).length;
  let stableArn: string | undefined;
  const needed = refsOf(desired);
  if (needed.has('caller.arn')) {
    stableArn = await stableCallerArn(aws, me, signal);
    resolved['caller.arn'] = stableArn;
  }
  // Organizations: only when the blueprint creates accounts or assigns to an OU.
  const creates = desired.filter((d) => d.kind === 'AWS::Organizations::Account');
  const orgObserved: ObservedResource[] = [];
  if (creates.length > 0) {
    const byEmail = new Map(creates.map((d) => [d.props.email.toLowerCase(), d]));
    const views = await readAccounts(aws, new Set(byEmail.keys()), signal);
    for (const v of views) {
      const d = byEmail.get(v.email.toLowerCase());
      if (!d) continue;
      resolved[`${d.origin}.id`] = v.id;
      dir.accessRoles.set(v.id, d.props.accessRoleName);
    }
    const keyOf = (email: string) => byEmail.get(email.toLowerCase())?.key.slice('account/'.length);
    orgObserved.push(...observeAccounts(views, keyOf));
  }
  for (const ref of needed) {
    const m = /^organization\.ous\.([^.]+)\.accounts$/.exec(ref);
    if (!m) continue;
    const ids = await allPages(async (NextToken) => {
      const r = await aws.call(
        'organizations',
        'ListAccountsForParent',
        (c) => c.send(new ListAccountsForParentCommand({ ParentId: m[1], NextToken })),
        { what: `listing the accounts of ${m[1]}`, signal },
      );
      return {
        items: (r.Accounts ?? []).filter((a) => a.Status === 'ACTIVE').map((a) => a.Id ?? ''),
        next: r.NextToken,
      };
    });
    resolved[ref] = ids;
  }
  // Again only when Organizations taught something (a large blueprint takes a while to expand).
  if (Object.keys(resolved).length > known) desired = toDesired(blueprint, resolved);
  // Every declared account whose id is known now: its IAM is read (and labelled by its key).
  const ev = makeEvaluator(blueprint, resolved as ResolvedValues);
  const accounts = new Map<string, string>();
  for (const key of Object.keys(blueprint.accounts)) {
    const id = ev.string(`\${accounts.${key}.id}`);
    if (typeof id === 'string' && /^\d{12}$/.test(id)) accounts.set(id, key);
  }
  const state = await readState(aws, { blueprint, desired, accounts, dir, signal, refresh: options.refresh });
  for (const [k, v] of Object.entries(resolved)) if (typeof v === 'string') dir.refs.set(k, v);
  const learnt = learntRefs(blueprint, dir);
  for (const [k, v] of Object.entries(learnt)) dir.refs.set(k, v);
  // Once more only if some value waits for an id the reads learnt (a user id in a trust policy…).
  const waiting = refsOf(desired);
  if (Object.keys(learnt).some((k) => waiting.has(k)))
    desired = toDesired(blueprint, { ...resolved, ...learnt });
  if (
    !options.destroy &&
    !dir.instanceArn &&
    desired.some((d) => d.kind.startsWith('AWS::SSO::') || d.kind.startsWith('AWS::IdentityStore::'))
  ) {
    dir.instance(); // throws ONR-E211 with its hint
  }
  const observed = [...orgObserved, ...state.observed];
  const plan = diffPlan(options.destroy ? [] : desired, observed, {
    blueprint: blueprint.name,
    adopt: new Set(options.adopt ?? []),
    closeAccounts: options.closeAccounts,
    ...(options.destroy ? { deleteReason: 'destroy: owned by this blueprint' } : {}),
  });
  if (options.destroy && plan.problems.length > 0)
    throw new OnrampError(plan.problems[0].code, plan.problems[0].message);
  return {
    plan,
    blueprint,
    desired,
    observed,
    aws,
    dir,
    caller: { ...me, ...(stableArn ? { stableArn } : {}) },
  };
}
