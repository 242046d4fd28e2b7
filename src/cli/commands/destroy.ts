/**
 * `onramp destroy FILE`: remove everything the blueprint owns (nothing else), in reverse dependency
 * order. Accounts are closed only with --close-accounts.
 */
import type { Command } from 'commander';
import { confirmAndRun } from '../apply-run.js';
import { addBlueprintOptions, type BlueprintFlags, requireBlueprint } from '../blueprint-input.js';
import { globalOptions, outputFor } from '../global-options.js';
import { engineTarget } from '../target.js';

export function registerDestroy(program: Command): void {
  addBlueprintOptions(program.command('destroy'))
    .description('remove what the blueprint owns (asks first unless --yes)')
    .option('--yes', 'destroy without asking')
    .option('--close-accounts', 'also close member accounts the blueprint created (final for 90 days)')
    .action(
      async (
        file: string,
        flags: BlueprintFlags & { yes?: boolean; closeAccounts?: boolean },
        cmd: Command,
      ) => {
        const out = outputFor(cmd);
        const blueprint = await requireBlueprint(file, flags, out);
        if (!blueprint) return;
        const { applyPlan, planDestroy } = await import('../../engine/index.js');
        const target = await engineTarget(globalOptions(cmd));
        try {
          const planned = await planDestroy(blueprint, target.clients, {
            closeAccounts: flags.closeAccounts,
          });
          process.exitCode = await confirmAndRun(
            planned,
            out,
            { yes: flags.yes, verb: 'destroy' },
            applyPlan,
          );
        } finally {
          await target.close();
        }
      },
    );
}
