/**
 * Test helpers for the engine: blueprints from YAML text, and plan/apply against an in-process
 * sandbox with waits tuned for fast mode. Excluded from the build (test-*.ts).
 */
import { AwsClients } from '../aws/clients.js';
import { requireValid } from '../blueprint/load.js';
import type { Blueprint } from '../blueprint/types.js';
import { validateBlueprint } from '../blueprint/validate.js';
import { isEmptyPlan } from '../plan/diff.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { type ApplyOptions, applyPlan } from './apply-plan.js';
import { type BlueprintPlan, type PlanOptions, planBlueprint } from './plan-blueprint.js';

export function blueprintOf(yaml: string, vars: Record<string, unknown> = {}): Blueprint {
  const report = validateBlueprint(
    { text: yaml, file: 'test.yaml' },
    {
      vars: Object.entries(vars).map(([name, value]) => ({
        name,
        value,
        source: { kind: 'flag', flag: '--var' },
      })),
    },
  );
  return requireValid(report);
}

/** Fresh clients for the sandbox's administrator (a new run: nothing cached). */
export function clientsFor(
  sb: Sandbox,
  options: ConstructorParameters<typeof AwsClients>[1] = {},
): AwsClients {
  const { endpoint, region, credentials } = sb.clientConfig();
  return new AwsClients({ endpointUrl: endpoint, region, credentials }, { limiter: false, ...options });
}

export const FAST_WAITS: ApplyOptions['waits'] = {
  pollIntervalMs: 5,
  probeMinDelayMs: 5,
  probeMaxDelayMs: 50,
};

export async function plan(sb: Sandbox, bp: Blueprint, options: PlanOptions = {}): Promise<BlueprintPlan> {
  return planBlueprint(bp, clientsFor(sb), options);
}

/** Plans and applies; throws when a node failed. */
export async function apply(sb: Sandbox, bp: Blueprint, options: PlanOptions & ApplyOptions = {}) {
  const planned = await plan(sb, bp, options);
  const result = await applyPlan(planned, { waits: FAST_WAITS, ...options });
  if (!result.ok) {
    const failed = result.outcomes
      .filter((o) => o.state !== 'done')
      .map((o) => `${o.id}: ${o.error?.message}`);
    throw new Error(`apply failed:\n${failed.join('\n')}`);
  }
  return { planned, result };
}

/** The ops of a plan that change something, as "op key". */
export function changes(p: BlueprintPlan): string[] {
  return p.plan.actions.filter((a) => a.op !== 'noop').map((a) => `${a.op} ${a.key}`);
}

export { isEmptyPlan };
