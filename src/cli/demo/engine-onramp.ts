/**
 * The demo's engine when src/engine is available: `planBlueprint` + `applyPlan`, exactly what
 * `onramp plan` / `onramp apply` run. Destroying part of a blueprint is done the way the recipes'
 * READMEs tell people to: drop the entries from the blueprint and apply again, so the engine deletes
 * what it owns and no longer declares.
 */
import type { AwsClients } from '../../aws/index.js';
import { type Blueprint, makeEvaluator } from '../../blueprint/index.js';
import { applyPlan, planBlueprint } from '../../engine/index.js';
import type { AppliedBlueprint, CreatedResource, DemoEngine } from './engine.js';

/** Fast-mode sandbox waits: status rounds and propagation probes in milliseconds, not seconds. */
const WAITS = { pollIntervalMs: 20, probeMinDelayMs: 10, probeMaxDelayMs: 100 };

export class OnrampEngine implements DemoEngine {
  readonly label = 'onramp engine (planBlueprint + applyPlan)';
  private readonly blueprints = new Map<string, Blueprint>();

  constructor(private readonly clients: AwsClients) {}

  private async run(bp: Blueprint): Promise<{ values: Record<string, string>; created: CreatedResource[] }> {
    const planned = await planBlueprint(bp, this.clients);
    const result = await applyPlan(planned, { waits: WAITS });
    if (!result.ok) {
      const failed = result.outcomes.filter((o) => o.state !== 'done');
      throw new Error(failed.map((o) => `${o.id}: ${o.error?.message ?? o.state}`).join('; '));
    }
    const values: Record<string, string> = { 'caller.account': planned.caller.account };
    if (planned.caller.stableArn) values['caller.arn'] = planned.caller.stableArn;
    for (const [k, v] of planned.dir.refs) values[k] = v;
    const ev = makeEvaluator(bp, values);
    for (const [key, account] of Object.entries(bp.accounts)) {
      const id = account.id === undefined ? undefined : ev.string(account.id);
      if (typeof id === 'string') values[`accounts.${key}.id`] = id;
    }
    // The engine's plan names what it created; physical ids stay in AWS (the steps derive ARNs).
    const created = planned.plan.actions
      .filter((a) => a.op === 'create')
      .map((a) => ({ kind: a.kind, key: a.key, account: a.account, id: a.key }));
    return { values, created };
  }

  async apply(bp: Blueprint): Promise<AppliedBlueprint> {
    this.blueprints.set(bp.name, bp);
    const { values, created } = await this.run(bp);
    return { blueprint: bp.name, values, created };
  }

  async destroy(applied: AppliedBlueprint, keys?: readonly string[]): Promise<string[]> {
    const bp = this.blueprints.get(applied.blueprint);
    if (!bp) throw new Error(`blueprint ${applied.blueprint} was not applied by this engine`);
    const doomed = applied.created.filter((c) => !keys || keys.includes(c.key));
    // Only IAM entries can be dropped from a copy without touching references to them.
    const copy = structuredClone({ accounts: bp.accounts });
    for (const c of doomed) {
      const m = /^iam\/([^/]+)\/(role|policy)\/(.+)$/.exec(c.key);
      if (!m) throw new Error(`the demo removes only IAM roles and policies, not ${c.kind}`);
      const iam = copy.accounts[m[1]]?.iam;
      if (m[2] === 'role') delete iam?.roles[m[3]];
      else delete iam?.policies[m[3]];
    }
    await this.run({ ...bp, accounts: copy.accounts });
    return doomed.map((c) => c.key);
  }
}
