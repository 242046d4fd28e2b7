/**
 * `onramp plan FILE`: what apply would change, and why. Exit 0 with no changes, 3 with changes,
 * 2 for a bad blueprint or a plan problem (a collision with something onramp does not own), 1 when
 * AWS could not be read.
 */
import type { Command } from 'commander';
import { ExitCode } from '../../core/errors.js';
import { addPlanOptions, type PlanFlags, planOptionsOf, requireBlueprint } from '../blueprint-input.js';
import { globalOptions, outputFor } from '../global-options.js';
import { planJson, renderPlanFor } from '../plan-output.js';
import { engineTarget } from '../target.js';

export function registerPlan(program: Command): void {
  addPlanOptions(program.command('plan'))
    .description('show what apply would change (exit 0: none, 3: changes, 2: problems)')
    .action(async (file: string, flags: PlanFlags, cmd: Command) => {
      const out = outputFor(cmd);
      const blueprint = await requireBlueprint(file, flags, out);
      if (!blueprint) return;
      const { planBlueprint } = await import('../../engine/index.js');
      const target = await engineTarget(globalOptions(cmd));
      try {
        const planned = await planBlueprint(blueprint, target.clients, planOptionsOf(flags));
        out.result(planJson(planned.plan), renderPlanFor(planned.plan, out));
        const { plan } = planned;
        process.exitCode = plan.problems.length
          ? ExitCode.input
          : plan.actions.some((a) => a.op !== 'noop')
            ? ExitCode.changes
            : ExitCode.ok;
      } finally {
        await target.close();
      }
    });
}
