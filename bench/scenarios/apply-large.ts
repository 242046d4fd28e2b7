/**
 * apply-large: `onramp apply` of the large Identity Center (ic-shape.ts) into an organization of
 * existing accounts with an empty Identity Center, under AWS's quotas and latencies compressed by
 * a time scale: the plan, then the apply, timed together as a user runs them. Afterwards the
 * sandbox's world is counted against the blueprint (users, groups, memberships, permission sets,
 * assignments), so a run that "succeeded" without converging still fails.
 */

import { applyPlan } from '../../src/engine/apply-plan.js';
import { planBlueprint } from '../../src/engine/plan-blueprint.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../../src/resources/waits.js';
import { admitted, asyncBinding, type Calls, floorOf, quotaBindings } from '../floor.js';
import { RemoteSandbox } from '../remote-sandbox.js';
import { median } from '../stats.js';
import { describeCalls, diffCalls, log, totalOf } from '../support.js';
import type { ScenarioResult } from '../types.js';
import { failuresOf, measure } from './engine-run.js';
import { assignmentsOf, FULL_SHAPE, type IcShape, icBlueprint, QUICK_SHAPE } from './ic-shape.js';

/** Full: the floor is ~20 min of AWS time, so 0.1 runs it in ~2 min. */
const TIME_SCALE = { quick: 0.1, full: 0.1 };

/** What the world holds against what the blueprint declares; one line per mismatch. */
async function convergence(sb: RemoteSandbox, shape: IcShape): Promise<string[]> {
  const want = {
    users: shape.users,
    groups: shape.groups,
    memberships: shape.users,
    permissionSets: shape.permissionSets,
    assignments: assignmentsOf(shape),
  };
  const got = await sb.send('census');
  return Object.entries(want)
    .filter(([k, n]) => got[k as keyof typeof want] !== n)
    .map(([k, n]) => `world has ${got[k as keyof typeof want]} ${k}, the blueprint ${n}`);
}

export async function applyLarge(quick: boolean): Promise<ScenarioResult> {
  const shape = quick ? QUICK_SHAPE : FULL_SHAPE;
  const timeScale = quick ? TIME_SCALE.quick : TIME_SCALE.full;
  const sb = await RemoteSandbox.start({ seed: 'org', accounts: shape.accounts });
  try {
    const bp = icBlueprint(shape, sb.members);
    const config = await sb.send('realistic', { timeScale });
    let planCalls: Calls = {};
    let planThrottled: Calls = {};
    let planMs = 0;
    let applyStart = 0;
    const m = await measure(sb, timeScale, async (aws, waits, mark) => {
      const t = performance.now();
      const planned = await planBlueprint(bp, aws);
      planMs = performance.now() - t;
      ({ calls: planCalls, throttled: planThrottled } = await mark());
      log(`planned ${planned.plan.actions.length} actions in ${(planMs / 1000).toFixed(1)} s; applying…`);
      applyStart = Date.now(); // the executor's clock
      return applyPlan(planned, { waits });
    });
    const failed = failuresOf(m.value);
    // How long each assignment held its in-flight slot, from submit to the round that saw it done.
    const assignments = m.value.outcomes.filter(
      (o) => o.id.startsWith('sso/assignment/') && o.startedAt !== undefined && o.endedAt !== undefined,
    );
    const holds = assignments.map((o) => (o.endedAt ?? 0) - (o.startedAt ?? 0));
    const firstStart = Math.min(...assignments.map((o) => o.startedAt ?? 0));
    const lastEnd = Math.max(...assignments.map((o) => o.endedAt ?? 0));
    const unconverged = await convergence(sb, shape);
    const applyCalls = diffCalls(m.calls, planCalls);
    const floor = floorOf([
      { name: 'plan', bindings: quotaBindings(config, admitted(planCalls, planThrottled)) },
      {
        name: 'apply',
        bindings: [
          ...quotaBindings(config, admitted(applyCalls, diffCalls(m.throttled, planThrottled))),
          asyncBinding(
            config,
            'sso-admin assignment completion',
            assignmentsOf(shape),
            config.maxOutstandingAssignmentCreations,
            'createAccountAssignment',
            'sso-admin',
          ),
        ],
      },
    ]);
    log(`apply: ${(m.wallMs / 1000).toFixed(2)} s, floor ${(floor.ms / 1000).toFixed(2)} s`);
    return {
      scenario: 'apply-large',
      calls: m.calls,
      figures: {
        'time scale': timeScale,
        resources: m.value.outcomes.length,
        'plan wall ms': planMs,
        'calls total': totalOf(m.calls),
        'sso-admin calls': totalOf(m.calls, 'sso-admin'),
        'identitystore calls': totalOf(m.calls, 'identitystore'),
        'onramp CPU during plan+apply ms': m.cpuMs,
        'sandbox CPU meanwhile ms': m.sandboxCpuMs,
        'client throttles absorbed': m.clientThrottles,
        'client retries': m.retries,
        'assignment completion latency ms (scaled)': config.latencyMs.createAccountAssignment * timeScale,
        'assignment slot hold p50 ms': median(holds),
        'apply wall ms': m.wallMs - planMs,
        'first assignment submitted, ms into the apply': firstStart - applyStart,
        'assignments in flight, mean (cap 15)': holds.reduce((a, b) => a + b, 0) / (lastEnd - firstStart),
        'status round interval ms (scaled)': DEFAULT_POLL_INTERVAL_MS * timeScale,
      },
      ratio: m.wallMs / floor.ms,
      ratioOf: 'wall of plan + apply / quota floor (plan reads, then the largest apply binding)',
      target: 1.15,
      failures: failed.count + unconverged.length,
      throttles: totalOf(m.throttled),
      wallMs: m.wallMs,
      floorMs: floor.ms,
      binding: floor.binding,
      notes: [
        `shape: ${shape.accounts} accounts, ${shape.permissionSets} permission sets, ${shape.groups} groups, ${shape.users} users, ${assignmentsOf(shape)} assignments; time scale ${timeScale}`,
        ...floor.lines,
        `where the time went: plan ${(planMs / 1000).toFixed(1)} s (onramp CPU ${(m.cpuMs / 1000).toFixed(1)} s over plan + apply); ` +
          `first assignment submitted ${((firstStart - applyStart) / 1000).toFixed(1)} s into the apply; ` +
          `slot held p50 ${median(holds).toFixed(0)} ms per assignment against ${config.latencyMs.createAccountAssignment * timeScale} ms completion ` +
          `(the engine learns of a completion at its next status round, every ${DEFAULT_POLL_INTERVAL_MS * timeScale} ms)`,
        ...describeCalls(m.calls),
        ...failed.first.map((f) => `failed: ${f}`),
        ...unconverged,
      ],
    };
  } finally {
    await sb.stop();
  }
}
