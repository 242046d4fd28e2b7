/**
 * applyPlan: a plan → the executor's DAG. Each changing action is one node that runs its kind's
 * create / update / delete (a replace deletes, then creates) with every deferred value resolved
 * from the run's Directory at the moment it starts, so ids known only after an earlier node (a new
 * account, a permission set's ARN, a user's id) flow to the nodes that depend on it. Asynchronous
 * kinds hold an in-flight cap slot (15 assignment requests, 5 account creations) for their whole
 * step; AWS calls are rate-limited per service and account and retried with jitter inside
 * AwsClients.call, and throttles it absorbs are forwarded to the progress stream.
 */
import { setMaxListeners } from 'node:events';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { ActionNode, ExecutionResult } from '../apply/action.js';
import type { ExecutorEvent, ExecutorListener } from '../apply/events.js';
import { Executor } from '../apply/executor.js';
import type { Clock, Random } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import { type PlanAction, PlanCode } from '../plan/types.js';
import { handlerFor } from '../resources/registry.js';
import type { ApplyContext, Desired, KindHandler } from '../resources/types.js';
import { type WaitOptions, Waits } from '../resources/waits.js';
import type { BlueprintPlan } from './plan-blueprint.js';

export interface ApplyOptions {
  /** Progress events (executor events plus the throttles and retries AWS calls absorbed). */
  on?: ExecutorListener;
  /** Nodes running at once (default 32). */
  concurrency?: number;
  /** In-flight caps over AWS's defaults (aws/quotas.ts). */
  caps?: Readonly<Record<string, number>>;
  waits?: Omit<WaitOptions, 'signal' | 'clock' | 'random'>;
  /**
   * After creating a role, or changing its trust, whose trust policy names the caller: wait until
   * the caller can really assume it (what `onramp verify` is about to do). IAM takes seconds to
   * propagate a new trust; other steps of apply never assume blueprint roles, so this is opt-in.
   */
  waitAssumable?: boolean;
  clock?: Clock;
  random?: Random;
  signal?: AbortSignal;
}

const VERB: Record<PlanAction['op'], string> = {
  create: 'creating',
  update: 'updating',
  replace: 'replacing',
  delete: 'deleting',
  noop: 'checking',
};

/** Applies `planned`; never rejects for a node's failure (see the result's outcomes). */
export async function applyPlan(
  planned: BlueprintPlan,
  options: ApplyOptions = {},
): Promise<ExecutionResult> {
  const { plan, aws, dir } = planned;
  if (plan.problems.length > 0) {
    const [p] = plan.problems;
    throw new OnrampError(
      PlanCode.unowned,
      `the plan has ${plan.problems.length} problem(s); first: ${p.message}`,
      {
        hint: p.hint,
        details: { problems: plan.problems },
      },
    );
  }
  const signal = options.signal ?? new AbortController().signal;
  // Every in-flight wait listens on the run's one signal; thousands are expected, not a leak.
  setMaxListeners(0, signal);
  const ctx: ApplyContext = {
    blueprint: plan.blueprint,
    aws,
    account: (id) => aws.forAccount(id, { roleName: dir.accessRoles.get(id), signal }),
    dir,
    waits: new Waits(aws, dir, { ...options.waits, clock: options.clock, random: options.random, signal }),
    signal,
  };
  const changing = plan.actions.filter((a) => a.op !== 'noop');
  const caller = planned.caller.stableArn ?? planned.caller.arn;
  const probe = options.waitAssumable ? (a: PlanAction) => probeRole(ctx, a, caller) : undefined;
  const nodes: ActionNode[] = changing.map((a) => node(a, ctx, probe));
  const executor = new Executor({
    concurrency: options.concurrency,
    caps: options.caps,
    clock: options.clock,
    random: options.random,
    signal,
  });
  const on = options.on;
  const forward = (e: ExecutorEvent) => on?.(e);
  const unsubscribe = on
    ? aws.on((e) => {
        if (e.type === 'throttled' || e.type === 'retry') forward(e);
      })
    : () => {};
  if (on) executor.on(on);
  try {
    return await executor.run(nodes);
  } finally {
    unsubscribe();
  }
}

/** Assumes the role as the caller until IAM lets it, when its (new) trust names the caller. */
async function probeRole(ctx: ApplyContext, a: PlanAction, caller: string): Promise<void> {
  if (a.kind !== 'AWS::IAM::Role' || a.op === 'delete' || !a.desired) return;
  if (a.op === 'update' && !a.changes.some((c) => c.field === 'assumeRolePolicyDocument')) return;
  const d = ctx.dir.resolve(a.desired) as Desired<'AWS::IAM::Role'>;
  if (!JSON.stringify(d.props.assumeRolePolicyDocument).includes(`"${caller}"`)) return;
  const RoleArn = `arn:aws:iam::${String(d.accountId)}:role${d.props.path}${d.props.roleName}`;
  await ctx.waits.probe(
    () =>
      ctx.aws.call('sts', 'AssumeRole', (c) =>
        c.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'onramp-probe', DurationSeconds: 900 })),
      ),
    `waiting for ${RoleArn} to be assumable`,
  );
}

/**
 * The slowest paths start first: account creation takes minutes and assignments hold one of 15
 * in-flight slots for seconds each, so starting them as soon as they are ready overlaps their
 * latency with the thousands of quick calls (users, memberships) that would otherwise fill the
 * executor's slots ahead of them.
 */
const PRIORITY: Partial<Record<PlanAction['kind'], number>> = {
  'AWS::Organizations::Account': -4,
  'AWS::SSO::Assignment': -3,
  'AWS::SSO::PermissionSet': -2,
  'AWS::IdentityStore::Group': -1,
};

function node(a: PlanAction, shared: ApplyContext, probe?: (a: PlanAction) => Promise<void>): ActionNode {
  const handler = handlerFor(a.kind) as KindHandler;
  const what = `${VERB[a.op]} ${handler.title} (${a.key})`;
  return {
    id: a.id,
    deps: a.deps,
    service: handler.service,
    operation: a.op === 'delete' ? handler.operation.replace(/^Create/, 'Delete') : handler.operation,
    phase: handler.title,
    what,
    priority: PRIORITY[a.kind] ?? 0,
    ...(handler.cap ? { async: { semaphore: handler.cap } } : {}),
    run: async (actx) => {
      const ctx = handler.cap ? { ...shared, asyncDone: actx.asyncDone } : shared;
      const desired = () => ctx.dir.require(a.desired, what) as never;
      const observed = a.observed;
      switch (a.op) {
        case 'create':
          await handler.create(ctx, desired());
          return probe?.(a);
        case 'update':
          await handler.update(ctx, desired(), observed as NonNullable<typeof observed>, a.changes);
          return probe?.(a);
        case 'replace':
          if (handler.replace)
            return handler.replace(ctx, desired(), observed as NonNullable<typeof observed>);
          await handler.remove(ctx, observed as NonNullable<typeof observed>);
          return handler.create(ctx, desired());
        case 'delete':
          return handler.remove(ctx, observed as NonNullable<typeof observed>);
      }
    },
  };
}
