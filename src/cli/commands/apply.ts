/**
 * `onramp apply FILE`: plan, confirm, apply. Safe to run again at any point: it reads what exists
 * and converges (no local state file).
 */
import type { Command } from 'commander';
import { confirmAndRun } from '../apply-run.js';
import { addPlanOptions, type PlanFlags, planOptionsOf, requireBlueprint } from '../blueprint-input.js';
import { globalOptions, outputFor } from '../global-options.js';
import { engineTarget } from '../target.js';

export function registerApply(program: Command): void {
  addPlanOptions(program.command('apply'))
    .description('make AWS match the blueprint (asks first unless --yes)')
    .option('--yes', 'apply without asking')
    .action(async (file: string, flags: PlanFlags & { yes?: boolean }, cmd: Command) => {
      const out = outputFor(cmd);
      const blueprint = await requireBlueprint(file, flags, out);
      if (!blueprint) return;
      const { applyPlan, planBlueprint } = await import('../../engine/index.js');
      const target = await engineTarget(globalOptions(cmd));
      try {
        const planned = await planBlueprint(blueprint, target.clients, planOptionsOf(flags));
        process.exitCode = await confirmAndRun(planned, out, { yes: flags.yes, verb: 'apply' }, applyPlan);
      } finally {
        await target.close();
      }
    });
}
