/**
 * Every scenario, in the order the bench runs them. Each is imported only when it runs, so a
 * scenario process loads only what its scenario needs (its peak RSS is then its own).
 */
import type { ScenarioResult } from '../types.js';

type Run = (quick: boolean) => Promise<ScenarioResult>;

export const SCENARIOS: ReadonlyArray<[string, () => Promise<Run>]> = [
  ['sandbox-latency', async () => (await import('./sandbox.js')).sandboxLatency],
  ['sandbox-startup', async () => (await import('./sandbox.js')).sandboxStartup],
  ['creds-warm', async () => (await import('./creds.js')).credsWarm],
  ['plan-noop-large', async () => (await import('./plan-noop.js')).planNoopLarge],
  ['apply-large', async () => (await import('./apply-large.js')).applyLarge],
  ['sync-large', async () => (await import('./sync-large.js')).syncLarge],
  ['create-accounts', async () => (await import('./create-accounts.js')).createAccounts],
];
