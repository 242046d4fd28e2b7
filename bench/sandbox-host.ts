/**
 * The sandbox of a scenario, in a process of its own (forked by remote-sandbox.ts): AWS's side of
 * the run does not share onramp's CPU time or heap, so the scenario process's wall time, CPU and
 * peak RSS are onramp's. Commands arrive over IPC; world building (a fast-mode engine apply) runs
 * here too, so it never inflates the measured process.
 */
import { applyPlan } from '../src/engine/apply-plan.js';
import { planBlueprint } from '../src/engine/plan-blueprint.js';
import { awsRealism, mergeRealism } from '../src/sandbox/realism.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../src/sandbox/sandbox.js';
import { settleOrganization } from '../src/sandbox/services/organizations/internal.js';
import { settleSsoAdmin } from '../src/sandbox/services/sso-admin/internal.js';
import { seedWideOrg } from '../src/sso/test-user-side.js';
import type { Calls } from './floor.js';
import { type IcShape, icBlueprint } from './scenarios/ic-shape.js';
import { engineClients } from './support.js';

export interface HostCommands {
  start(o: Pick<SandboxOptions, 'seed' | 'accounts' | 'autoApprove'>): {
    url: string;
    region: string;
    admin: { accessKeyId: string; secretAccessKey: string; accountId: string };
    members: string[];
  };
  /** AWS's quotas and latencies at `timeScale`; buckets and counters start from zero. */
  realistic(o: { timeScale: number }): Sandbox['realism']['config'];
  resetCounters(): null;
  /** Calls answered and calls the quota buckets refused, by service and operation. */
  counters(): { calls: Calls; throttled: Calls };
  /** Applies the large Identity Center in fast mode (no quotas, no latencies). */
  buildIc(o: { shape: IcShape }): { resources: number; ms: number };
  seedWideOrg(o: { userName: string; roles: string[] }): { startUrl: string; assignments: number };
  /** What the world holds, settled. */
  census(): {
    users: number;
    groups: number;
    memberships: number;
    permissionSets: number;
    assignments: number;
    accounts: Array<{ id: string; roles: string[] }>;
  };
  /** This process's CPU so far (user + system), ms. */
  cpu(): number;
  stop(): null;
}

let sb: Sandbox | undefined;
let throttled: Calls = {};
const need = () => {
  if (!sb) throw new Error('the sandbox is not started');
  return sb;
};

const commands: { [K in keyof HostCommands]: (a: Parameters<HostCommands[K]>[0]) => unknown } = {
  async start(o) {
    sb = await startSandbox(o);
    const realism = sb.realism;
    const admit = realism.admit.bind(realism);
    realism.admit = (service: string, operation: string) => {
      const ok = admit(service, operation);
      if (!ok) {
        throttled[service] ??= {};
        throttled[service][operation] = (throttled[service][operation] ?? 0) + 1;
      }
      return ok;
    };
    const { accessKeyId, secretAccessKey, accountId } = sb.admin;
    const members = Object.keys(sb.world.organizations.accounts)
      .filter((id) => id !== accountId)
      .sort();
    return { url: sb.url, region: sb.region, admin: { accessKeyId, secretAccessKey, accountId }, members };
  },
  realistic({ timeScale }) {
    const s = need();
    s.realism.config = mergeRealism(awsRealism(), { timeScale });
    s.realism.reset();
    s.resetCalls();
    throttled = {};
    return s.realism.config;
  },
  resetCounters() {
    need().resetCalls();
    throttled = {};
    return null;
  },
  counters: () => ({ calls: need().calls(), throttled: structuredClone(throttled) }),
  async buildIc({ shape }) {
    const s = need();
    const t = performance.now();
    const members = Object.keys(s.world.organizations.accounts)
      .filter((id) => id !== s.admin.accountId)
      .sort();
    const aws = engineClients(s, 1, false);
    try {
      const planned = await planBlueprint(icBlueprint(shape, members), aws);
      const result = await applyPlan(planned, {
        concurrency: 64,
        waits: { pollIntervalMs: 5, probeMinDelayMs: 5, probeMaxDelayMs: 50 },
      });
      const bad = result.outcomes.filter((o) => o.state !== 'done');
      if (bad.length > 0)
        throw new Error(`building the world: ${bad.length} failed: ${bad[0].error?.message}`);
      return { resources: result.outcomes.length, ms: performance.now() - t };
    } finally {
      await aws.destroy();
    }
  },
  seedWideOrg: (o) => seedWideOrg(need(), o),
  census() {
    const s = need();
    settleSsoAdmin(s.context);
    settleOrganization(s.context);
    const w = s.world;
    return {
      users: Object.keys(w.identityStore.users).length,
      groups: Object.keys(w.identityStore.groups).length,
      memberships: Object.keys(w.identityStore.memberships).length,
      permissionSets: Object.keys(w.ssoAdmin.permissionSets).length,
      assignments: Object.keys(w.ssoAdmin.assignments).length,
      accounts: Object.keys(w.organizations.accounts).map((id) => ({
        id,
        roles: Object.values(w.accounts[id]?.iam.roles ?? {}).map((r) => r.RoleName),
      })),
    };
  },
  cpu() {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
  async stop() {
    await sb?.stop();
    sb = undefined;
    return null;
  },
};

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.on('message', async (m: { id: number; op: keyof HostCommands; arg: never }) => {
  try {
    const result = await commands[m.op](m.arg);
    process.send?.({ id: m.id, result });
    if (m.op === 'stop') process.disconnect();
  } catch (e) {
    process.send?.({ id: m.id, error: (e as Error).stack ?? String(e) });
  }
});
process.on('disconnect', () => process.exit(0));
