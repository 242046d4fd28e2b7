/**
 * The engine's target from the global flags: `--endpoint-url` sends every service to that URL,
 * `--sandbox` starts an embedded sandbox whose world persists in $ONRAMP_HOME/sandbox.json
 * (default ~/.onramp; seeded `org` on first use), and otherwise the SDK's default chain with
 * `--profile` / `--region`. The sandbox is loaded only when asked for.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AwsClients, type AwsClientsOptions } from '../aws/clients.js';
import type { GlobalOptions } from './global-options.js';

export interface EngineTarget {
  clients: AwsClients;
  close(): Promise<void>;
}

export async function engineTarget(g: GlobalOptions, options: AwsClientsOptions = {}): Promise<EngineTarget> {
  if (!g.sandbox) {
    const clients = new AwsClients(
      { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl },
      options,
    );
    return { clients, close: () => clients.destroy() };
  }
  const home = process.env.ONRAMP_HOME || join(homedir(), '.onramp');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const { startSandbox } = await import('../sandbox/index.js');
  const sb = await startSandbox({ statePath: join(home, 'sandbox.json'), seed: 'org', region: g.region });
  const clients = new AwsClients({ region: sb.region, endpointUrl: sb.url, credentials: sb.admin }, options);
  return {
    clients,
    close: async () => {
      await clients.destroy();
      await sb.stop();
    },
  };
}

/** Poll interval for asynchronous AWS work: $ONRAMP_POLL_INTERVAL_MS, default 1 s (src/resources/waits.ts). */
export function pollIntervalMs(): number | undefined {
  const v = Number(process.env.ONRAMP_POLL_INTERVAL_MS);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}
