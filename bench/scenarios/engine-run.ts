/**
 * Driving onramp against a sandbox process for the large scenarios: one measured step (a plan, or
 * a plan and its apply) with onramp's clients at the sandbox's time scale, and what the sandbox
 * answered meanwhile.
 */
import type { ExecutionResult } from '../../src/apply/action.js';
import type { BlueprintPlan } from '../../src/engine/plan-blueprint.js';
import type { Calls } from '../floor.js';
import type { RemoteSandbox } from '../remote-sandbox.js';
import { engineClients, scaledWaits } from '../support.js';

/** Node outcomes that did not end done, as "id: message" (at most `max`). */
export function failuresOf(result: ExecutionResult, max = 5): { count: number; first: string[] } {
  const bad = result.outcomes.filter((o) => o.state !== 'done');
  return { count: bad.length, first: bad.slice(0, max).map((o) => `${o.id}: ${o.error?.message}`) };
}

/** Non-noop actions and problems of a plan that should be empty. */
export function changesOf(p: BlueprintPlan): string[] {
  return [
    ...p.plan.problems.map((x) => `problem ${x.message}`),
    ...p.plan.actions.filter((a) => a.op !== 'noop').map((a) => `${a.op} ${a.key}`),
  ];
}

/** What one measured step saw. */
export interface Measured<T> {
  value: T;
  wallMs: number;
  /** CPU of this (onramp's) process during the step, ms; the sandbox runs in another process. */
  cpuMs: number;
  /** CPU of the sandbox's process during the step, ms. */
  sandboxCpuMs: number;
  calls: Calls;
  throttled: Calls;
  /** Throttles onramp's clients absorbed (quota throttles and the in-flight cap's refusals). */
  clientThrottles: number;
  retries: number;
}

/** A marker inside a step: the sandbox's counters at that moment. */
export type Mark = () => Promise<{ calls: Calls; throttled: Calls }>;

/**
 * Runs `step` with onramp's scaled clients, the sandbox's counters from zero. Calls and throttles
 * are the sandbox's own counts of what it answered.
 */
export async function measure<T>(
  sb: RemoteSandbox,
  timeScale: number,
  step: (
    aws: ReturnType<typeof engineClients>,
    waits: ReturnType<typeof scaledWaits>,
    mark: Mark,
  ) => Promise<T>,
): Promise<Measured<T>> {
  await sb.send('resetCounters');
  const aws = engineClients(sb, timeScale);
  let clientThrottles = 0;
  let retries = 0;
  aws.on((e) => {
    if (e.type === 'throttled') clientThrottles++;
    if (e.type === 'retry') retries++;
  });
  const sandboxCpu = await sb.send('cpu');
  const cpu = process.cpuUsage();
  const t = performance.now();
  try {
    const value = await step(aws, scaledWaits(timeScale), () => sb.send('counters'));
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const sandboxCpuMs = (await sb.send('cpu')) - sandboxCpu;
    const { calls, throttled } = await sb.send('counters');
    return {
      value,
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      sandboxCpuMs,
      calls,
      throttled,
      clientThrottles,
      retries,
    };
  } finally {
    await aws.destroy();
  }
}
