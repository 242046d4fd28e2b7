/**
 * plan-noop-large: the large Identity Center (ic-shape.ts) already applied, planned again under
 * AWS's quotas. The plan must be empty; its calls are reported per service and operation, and the
 * floor is what the quotas allow for those reads (a no-op plan waits for no asynchronous work).
 */
import { planBlueprint } from '../../src/engine/plan-blueprint.js';
import { admitted, floorOf, quotaBindings } from '../floor.js';
import { RemoteSandbox } from '../remote-sandbox.js';
import { describeCalls, log, totalOf } from '../support.js';
import type { ScenarioResult } from '../types.js';
import { changesOf, measure } from './engine-run.js';
import { assignmentsOf, FULL_SHAPE, icBlueprint, QUICK_SHAPE } from './ic-shape.js';

/**
 * AWS's own pace: the reads' floor is ~10 s at full size (a fast plan reads groups, not the 3,000
 * users), and onramp's CPU must be measured against uncompressed time.
 */
const TIME_SCALE = 1;

export async function planNoopLarge(quick: boolean): Promise<ScenarioResult> {
  const shape = quick ? QUICK_SHAPE : FULL_SHAPE;
  const timeScale = TIME_SCALE;
  const sb = await RemoteSandbox.start({ seed: 'org', accounts: shape.accounts });
  try {
    const built = await sb.send('buildIc', { shape });
    log(`world built: ${built.resources} resources in ${(built.ms / 1000).toFixed(1)} s (sandbox process)`);
    const bp = icBlueprint(shape, sb.members);
    const config = await sb.send('realistic', { timeScale });
    const m = await measure(sb, timeScale, (aws) => planBlueprint(bp, aws));
    const changes = changesOf(m.value);
    const floor = floorOf([
      { name: 'plan reads', bindings: quotaBindings(config, admitted(m.calls, m.throttled)) },
    ]);
    log(`no-op plan: ${(m.wallMs / 1000).toFixed(2)} s, floor ${(floor.ms / 1000).toFixed(2)} s`);
    return {
      scenario: 'plan-noop-large',
      calls: m.calls,
      figures: {
        'time scale': timeScale,
        resources: m.value.plan.actions.length,
        assignments: assignmentsOf(shape),
        'calls total': totalOf(m.calls),
        'sso-admin calls': totalOf(m.calls, 'sso-admin'),
        'identitystore calls': totalOf(m.calls, 'identitystore'),
        'onramp CPU during the plan ms': m.cpuMs,
        'sandbox CPU meanwhile ms': m.sandboxCpuMs,
        'client throttles absorbed': m.clientThrottles,
      },
      ratio: m.wallMs / floor.ms,
      ratioOf: 'wall of the second plan / quota floor of its reads',
      target: 1.15,
      failures: changes.length,
      throttles: totalOf(m.throttled),
      wallMs: m.wallMs,
      floorMs: floor.ms,
      binding: floor.binding,
      notes: [
        `shape: ${shape.accounts} accounts, ${shape.permissionSets} permission sets, ${shape.groups} groups, ${shape.users} users, ${assignmentsOf(shape)} assignments; time scale ${timeScale}`,
        ...floor.lines,
        `where the time went: onramp CPU ${(m.cpuMs / 1000).toFixed(1)} s during the ${(m.wallMs / 1000).toFixed(1)} s plan ` +
          `(at AWS's own pace: nothing is time-scaled)`,
        ...describeCalls(m.calls),
        ...changes.slice(0, 5).map((c) => `not a no-op: ${c}`),
      ],
    };
  } finally {
    await sb.stop();
  }
}
