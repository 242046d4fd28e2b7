/**
 * The lifecycle every resource kind is tested for (STYLE 9), against a rig (the in-process
 * sandbox, or moto): create and a re-plan that is empty, update, replace where AWS needs it,
 * "disappears" (deleted behind onramp's back, so the plan recreates it), destroy, and adopt (an
 * unowned resource is a plan problem; with --adopt it becomes owned). Every check is a plan, so
 * the production readers are what decide. Excluded from the build (test-*.ts).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AwsClients } from '../aws/clients.js';
import type { Blueprint } from '../blueprint/types.js';
import { applyPlan } from '../engine/apply-plan.js';
import { type PlanOptions, planBlueprint } from '../engine/plan-blueprint.js';
import { blueprintOf, FAST_WAITS } from '../engine/test-engine.js';

export interface RigConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** Where a lifecycle runs. */
export interface Rig {
  config(): RigConfig;
}

export function clientsOf(rig: Rig): AwsClients {
  const { endpoint, region, credentials } = rig.config();
  return new AwsClients({ endpointUrl: endpoint, region, credentials }, { limiter: false });
}

export async function planOn(rig: Rig, bp: Blueprint, options: PlanOptions = {}) {
  return planBlueprint(bp, clientsOf(rig), options);
}

/** Ops that change something, as "op key". */
export async function opsOn(rig: Rig, bp: Blueprint, options: PlanOptions = {}): Promise<string[]> {
  const p = await planOn(rig, bp, options);
  assert.deepEqual(p.plan.problems, [], 'the plan has problems');
  return p.plan.actions.filter((a) => a.op !== 'noop').map((a) => `${a.op} ${a.key}`);
}

export async function applyOn(rig: Rig, bp: Blueprint, options: PlanOptions = {}) {
  const planned = await planOn(rig, bp, options);
  assert.deepEqual(planned.plan.problems, [], 'the plan has problems');
  const result = await applyPlan(planned, { waits: FAST_WAITS });
  const failed = result.outcomes.filter((o) => o.state !== 'done').map((o) => `${o.id}: ${o.error?.message}`);
  assert.deepEqual(failed, [], 'apply failed');
  return planned;
}

export interface LifecycleCase {
  /** The key of the resource under test. */
  key: string;
  /** Blueprint YAML: v1 creates it, v2 updates it in place, v3 forces a replacement. */
  yaml(version: 1 | 2 | 3): string;
  /** Expect v2 to update the resource (false when the kind has nothing to update). */
  update: boolean;
  replace: boolean;
  /** Deletes the resource behind onramp's back. */
  disappear(rig: Rig): Promise<void>;
  /** Creates the resource as v1 declares it but unowned (after destroy). */
  createUnowned(rig: Rig): Promise<void>;
  /** The key to pass to --adopt (the resource's own, or the one its ownership follows). */
  adoptKey?: string;
  /** Steps a peer cannot run, with the reason (e.g. moto lacks identitystore UpdateUser). */
  unsupported?: { update?: string; adopt?: string };
  /** Extra checks after each step. */
  afterUpdate?(rig: Rig): Promise<void>;
  afterDestroy?(rig: Rig): Promise<void>;
}

/** Registers the lifecycle tests of `c` (run in order). */
export function lifecycle(rig: () => Rig, c: LifecycleCase): void {
  const bp = (v: 1 | 2 | 3) => blueprintOf(c.yaml(v));
  it('creates, and then the plan is empty', async () => {
    assert.ok((await opsOn(rig(), bp(1))).includes(`create ${c.key}`));
    await applyOn(rig(), bp(1));
    assert.deepEqual(await opsOn(rig(), bp(1)), []);
  });
  it('updates in place', async (t) => {
    if (!c.update) return t.skip('nothing of this kind changes in place');
    if (c.unsupported?.update) return t.skip(c.unsupported.update);
    assert.ok((await opsOn(rig(), bp(2))).includes(`update ${c.key}`));
    await applyOn(rig(), bp(2));
    assert.deepEqual(await opsOn(rig(), bp(2)), []);
    await c.afterUpdate?.(rig());
  });
  it('replaces when AWS cannot change a field in place', async (t) => {
    if (!c.replace) return t.skip('AWS changes every field of this kind in place (or it is the identity)');
    assert.ok((await opsOn(rig(), bp(3))).includes(`replace ${c.key}`));
    await applyOn(rig(), bp(3));
    assert.deepEqual(await opsOn(rig(), bp(3)), []);
  });
  it('recreates it when it disappears behind onramp’s back', async () => {
    await applyOn(rig(), bp(1));
    await c.disappear(rig());
    assert.ok((await opsOn(rig(), bp(1))).includes(`create ${c.key}`));
    await applyOn(rig(), bp(1));
    assert.deepEqual(await opsOn(rig(), bp(1)), []);
  });
  it('destroys what it owns', async () => {
    const d = await planOn(rig(), bp(1), { destroy: true });
    assert.ok(d.plan.actions.some((a) => a.op === 'delete' && a.key === c.key));
    const result = await applyPlan(d, { waits: FAST_WAITS });
    assert.equal(result.ok, true, JSON.stringify(result.outcomes.filter((o) => o.state !== 'done')));
    assert.deepEqual((await planOn(rig(), bp(1), { destroy: true })).plan.actions, []);
    assert.ok((await opsOn(rig(), bp(1))).includes(`create ${c.key}`));
    await c.afterDestroy?.(rig());
  });
  it('refuses an unowned resource, and adopts it with --adopt', async (t) => {
    if (c.unsupported?.adopt) return t.skip(c.unsupported.adopt);
    await c.createUnowned(rig());
    const refused = await planOn(rig(), bp(1));
    const problem = refused.plan.problems.find((p) => p.resource === c.key);
    assert.equal(problem?.code, 'ONR-E160', JSON.stringify(refused.plan.problems));
    const adopt = [c.adoptKey ?? c.key];
    const adopted = await planOn(rig(), bp(1), { adopt });
    assert.deepEqual(adopted.plan.problems, []);
    assert.ok(adopted.plan.actions.some((a) => a.op === 'update' && a.key === (c.adoptKey ?? c.key)));
    await applyOn(rig(), bp(1), { adopt });
    assert.deepEqual(await opsOn(rig(), bp(1)), []);
    // Owned now: destroy removes it.
    const d = await planOn(rig(), bp(1), { destroy: true });
    assert.ok(d.plan.actions.some((a) => a.op === 'delete' && a.key === c.key));
    assert.equal((await applyPlan(d, { waits: FAST_WAITS })).ok, true);
  });
}
