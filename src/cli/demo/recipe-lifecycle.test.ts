/**
 * Every recipe, end to end against the sandbox, the way a platform's admin runs it:
 * init --example → validate → plan → apply → every access path verified → a second plan is empty
 * and makes no write call → destroy → nothing the blueprint owned is left.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsClients } from '../../aws/index.js';
import { loadBlueprint, requireValid } from '../../blueprint/index.js';
import { applyPlan, destroyBlueprint, planBlueprint, planDestroy } from '../../engine/index.js';
import { isEmptyPlan } from '../../plan/index.js';
import { initRecipe, RECIPES } from '../../recipes/index.js';
import { startSandbox } from '../../sandbox/index.js';
import { verifyBlueprint } from '../../verify/index.js';
import { readTargetFacts } from '../commands/init.js';

const WAITS = { pollIntervalMs: 10, probeMinDelayMs: 5, probeMaxDelayMs: 50 };
const READ = /^(Get|List|Describe|Is)/;

describe('recipe lifecycle on the sandbox', () => {
  for (const recipe of RECIPES.filter((r) => r.kind === 'blueprint')) {
    it(`${recipe.name}: init → validate → plan → apply → verify → empty re-plan without writes → destroy`, async () => {
      const sb = await startSandbox({ seed: 'org', accounts: 3 });
      try {
        const { endpoint, region, credentials } = sb.clientConfig();
        const clients = () =>
          new AwsClients(
            { endpointUrl: endpoint, region, credentials },
            { limiter: false, retry: { maxAttempts: 3, baseDelayMs: 5 } },
          );
        const facts = await readTargetFacts(clients());
        const init = await initRecipe({ recipe, example: true, facts });
        const report = await loadBlueprint({ text: init.text, file: `${recipe.name}.yaml` });
        assert.deepEqual(
          report.errors.map((e) => e.message),
          [],
        );
        const bp = requireValid(report);

        const first = await planBlueprint(bp, clients());
        assert.equal(first.plan.problems.length, 0, JSON.stringify(first.plan.problems));
        assert.ok(
          first.plan.actions.some((a) => a.op === 'create'),
          'a fresh organization needs changes',
        );
        const applied = await applyPlan(first, { waits: WAITS });
        assert.ok(applied.ok, JSON.stringify(applied.outcomes.filter((o) => o.state !== 'done')));

        if (recipe.name === 'workbench') {
          // The permission set points at Workbench's own roles, which its CDK stack creates in each
          // account; the workbench-roles recipe stands in for that stack, as its README says.
          const accounts = bp.values.workbenchAccounts as string[];
          for (const account of accounts) {
            const roles = await initRecipe({
              recipe: RECIPES.find((r) => r.name === 'workbench-roles')!,
              varFlags: [`account=${account}`, `ssoAccounts=${accounts.join(',')}`],
              example: true,
              facts,
            });
            const rolesBp = requireValid(
              await loadBlueprint({ text: roles.text, file: `roles-${account}.yaml` }),
            );
            const done = await applyPlan(await planBlueprint(rolesBp, clients()), { waits: WAITS });
            assert.ok(done.ok);
          }
        }
        const verified = await verifyBlueprint(bp, {
          clients: clients(),
          probeTimeoutMs: 5_000,
          userSide: false,
        });
        assert.equal(verified.summary.failed, 0, JSON.stringify(verified.findings, null, 1));
        assert.ok(verified.summary.ok > 0, 'at least one access path proved');

        sb.resetCalls();
        const again = await planBlueprint(bp, clients());
        assert.ok(isEmptyPlan(again.plan), 'the second plan is empty');
        const writes = Object.entries(sb.calls()).flatMap(([service, ops]) =>
          Object.keys(ops)
            .filter((op) => !READ.test(op) && op !== 'AssumeRole')
            .map((op) => `${service}:${op}`),
        );
        assert.deepEqual(writes, [], 'planning makes no write call');

        const destroyed = await destroyBlueprint(bp, clients(), { waits: WAITS });
        assert.ok(destroyed.result.ok);
        const after = await planDestroy(bp, clients());
        assert.deepEqual(
          after.plan.actions.filter((a) => a.op !== 'noop').map((a) => a.id),
          [],
          'nothing the blueprint owned is left',
        );
      } finally {
        await sb.stop();
      }
    });
  }
});
