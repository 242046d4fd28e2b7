/**
 * desired × observed → Plan. Pure: no AWS, no clock. Resources pair up by identity (one rule per
 * kind, src/resources/identity.ts). Onramp changes only what its blueprint owns; a declared
 * resource that exists unowned is a problem to resolve (rename, drop, or adopt), never silently
 * taken over.
 */
import { identityOf } from '../resources/identity.js';
import { compareProps } from './fields.js';
import { orderActions } from './order.js';
import {
  type DesiredResource,
  type ObservedResource,
  type Plan,
  type PlanAction,
  PlanCode,
  type PlanProblem,
} from './types.js';

export interface DiffOptions {
  blueprint: string;
  /** Keys the user asked to adopt (take ownership of) although unowned (`--adopt`). */
  adopt?: ReadonlySet<string>;
  /** Close owned accounts the blueprint no longer declares (otherwise they are kept). */
  closeAccounts?: boolean;
  /** Why owned, undeclared resources are deleted (destroy says so). */
  deleteReason?: string;
}

/** The identity of a desired resource. */
export function desiredIdentity(d: DesiredResource): string {
  return identityOf(d.kind, d.props as never, d.accountId);
}

export function diffPlan(
  desired: readonly DesiredResource[],
  observed: readonly ObservedResource[],
  options: DiffOptions,
): Plan {
  const bp = options.blueprint;
  const adopt = options.adopt ?? new Set<string>();
  const seen = new Map<string, ObservedResource>();
  for (const o of observed) seen.set(o.identity, o);
  const actions: PlanAction[] = [];
  const problems: PlanProblem[] = [];
  const kept: string[] = [];
  const matched = new Set<ObservedResource>();
  const adopted = (o: ObservedResource, key: string) =>
    adopt.has(key) || adopt.has(o.key) || (o.ownerVia !== undefined && adopt.has(o.ownerVia));

  for (const d of desired) {
    const base = { id: d.key, kind: d.kind, account: d.account, key: d.key, desired: d, deps: [...d.deps] };
    const o = seen.get(desiredIdentity(d));
    if (!o) {
      actions.push({ ...base, op: 'create', reasons: ['does not exist'], changes: [] });
      continue;
    }
    matched.add(o);
    const taken = o.owner !== bp && (adopted(o, d.key) || (o.claimable && o.owner === undefined));
    if (o.owner !== bp && !taken) {
      problems.push(collision(d, o, bp));
      continue;
    }
    const { changes, replace } = compareProps(d.kind, d.props as never, o.props);
    const reasons = !taken
      ? []
      : o.claimable && !adopted(o, d.key)
        ? ['claimed: exists empty and unowned, as an interrupted apply leaves it']
        : ['adopted: will be marked as owned by this blueprint'];
    reasons.push(...changes.map((c) => `${c.field} differs`));
    if (o.stale) reasons.push(o.stale);
    const op = replace ? 'replace' : changes.length > 0 || taken || o.stale ? 'update' : 'noop';
    actions.push({ ...base, observed: o, op, reasons, changes });
  }

  for (const o of observed) {
    if (matched.has(o) || o.owner !== bp) continue;
    if (o.kind === 'AWS::Organizations::Account' && !options.closeAccounts) {
      kept.push(o.key);
      continue;
    }
    actions.push({
      id: o.key,
      op: 'delete',
      kind: o.kind,
      account: o.account,
      key: o.key,
      observed: o,
      reasons: [options.deleteReason ?? 'owned by this blueprint but no longer declared'],
      changes: [],
      deps: [],
    });
  }
  const known = new Set([...desired.map((d) => d.key), ...observed.map((o) => o.key)]);
  for (const a of adopt) {
    if (known.has(a)) continue;
    problems.push({
      code: PlanCode.unknownAdopt,
      resource: a,
      message: `--adopt ${a}: no resource with this key is declared or exists`,
      hint: 'Use a key as `onramp plan` prints it, e.g. iam/prod/role/deploy or sso/permission-set/Admin.',
    });
  }
  return { blueprint: bp, actions: orderActions(actions), problems, ...(kept.length ? { kept } : {}) };
}

function collision(d: DesiredResource, o: ObservedResource, bp: string): PlanProblem {
  const what = `${d.kind} ${d.key}${o.accountId ? ` in account ${o.accountId}` : ''}`;
  const via = o.ownerVia && o.owner === undefined ? ` (it follows ${o.ownerVia}, which is not owned)` : '';
  return {
    code: PlanCode.unowned,
    resource: d.key,
    message:
      o.owner === undefined
        ? `${what} already exists and blueprint ${bp} does not own it${via}`
        : `${what} is owned by blueprint ${o.owner}`,
    hint: `Rename it in the blueprint, remove it from the blueprint, or take it over with --adopt ${o.ownerVia && o.owner === undefined ? o.ownerVia : d.key}.`,
  };
}

/** True when applying would change nothing. */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.problems.length === 0 && plan.actions.every((a) => a.op === 'noop');
}

export function planCounts(plan: Plan): Record<string, number> {
  const counts: Record<string, number> = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const a of plan.actions) counts[a.op]++;
  return counts;
}
