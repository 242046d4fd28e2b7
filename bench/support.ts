/**
 * What the sandbox-driven scenarios share: onramp's clients with every engine time constant scaled
 * like the sandbox's (so the run is AWS's shape, 1/timeScale times faster), and call arithmetic.
 */

import { AwsClients } from '../src/aws/clients.js';
import { RateLimiter, type RateRule } from '../src/aws/limiter.js';
import { AWS_RATE_RULES } from '../src/aws/quotas.js';
import type { ApplyOptions } from '../src/engine/apply-plan.js';
import { DEFAULT_POLL_INTERVAL_MS } from '../src/resources/waits.js';
import type { Calls } from './floor.js';

/** onramp's default rate rules with every rate divided by timeScale (bursts keep AWS's sizes). */
export function scaledRates(timeScale: number): Record<string, RateRule> {
  return Object.fromEntries(
    Object.entries(AWS_RATE_RULES).map(([k, r]) => [k, { ...r, rate: r.rate / timeScale }]),
  );
}

/** onramp's limiter defaults (AIMD 30 s recovery, 1 s cooldown), scaled. */
export function scaledLimiter(timeScale: number): RateLimiter {
  return new RateLimiter({
    rules: scaledRates(timeScale),
    aimd: { recoverMs: 30_000 * timeScale, cooldownMs: 1_000 * timeScale },
  });
}

/** onramp's retry defaults (100 ms, 500 ms after a throttle, 20 s ceiling), scaled. */
export function scaledRetry(timeScale: number) {
  return {
    baseDelayMs: 100 * timeScale,
    throttleBaseDelayMs: 500 * timeScale,
    maxDelayMs: 20_000 * timeScale,
  };
}

/** Anything that gives an endpoint and the administrator's keys (Sandbox, RemoteSandbox). */
export interface ClientTarget {
  clientConfig(): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  };
}

/** The engine's clients for the sandbox's administrator, at onramp's defaults scaled by timeScale. */
export function engineClients(sb: ClientTarget, timeScale: number, limited = true): AwsClients {
  const { endpoint, region, credentials } = sb.clientConfig();
  return new AwsClients(
    { endpointUrl: endpoint, region, credentials },
    limited
      ? { limiter: scaledLimiter(timeScale), rates: scaledRates(timeScale), retry: scaledRetry(timeScale) }
      : { limiter: false },
  );
}

/** The waiters' defaults (status rounds as in src/resources/waits.ts, probes from 1 s to 8 s), scaled. */
export function scaledWaits(timeScale: number): NonNullable<ApplyOptions['waits']> {
  return {
    pollIntervalMs: DEFAULT_POLL_INTERVAL_MS * timeScale,
    probeMinDelayMs: 1_000 * timeScale,
    probeMaxDelayMs: 8_000 * timeScale,
  };
}

export const totalOf = (calls: Calls, service?: string): number =>
  Object.entries(calls)
    .filter(([s]) => !service || s === service)
    .reduce((n, [, ops]) => n + Object.values(ops).reduce((a, b) => a + b, 0), 0);

/** a − b per service and operation (calls of one phase from two snapshots). */
export function diffCalls(a: Calls, b: Calls): Calls {
  const out: Calls = {};
  for (const [s, ops] of Object.entries(a)) {
    for (const [op, n] of Object.entries(ops)) {
      const d = n - (b[s]?.[op] ?? 0);
      if (d > 0) {
        out[s] ??= {};
        out[s][op] = d;
      }
    }
  }
  return out;
}

/** "svc:Op n" for the operations of a service, largest first, for notes. */
export function describeCalls(calls: Calls): string[] {
  return Object.entries(calls).map(
    ([s, ops]) =>
      `calls ${s}: ${Object.entries(ops)
        .sort((x, y) => y[1] - x[1])
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')}`,
  );
}

/** Logs progress to stderr (the table goes to stdout). */
export const log = (line: string): void => {
  process.stderr.write(`  ${line}\n`);
};
