/**
 * `onramp validate FILE`: every error and warning of a blueprint, each with file:line:column, the
 * document path and a hint. No AWS call. Exit 0 when valid, 2 otherwise. A required param without
 * a value is an error, as `plan` would find it; `--allow-missing-params` checks a blueprint whose
 * values come later (references to those params stay unresolved).
 */
import type { Command } from 'commander';
import { formatReport } from '../../blueprint/format.js';
import { ExitCode } from '../../core/errors.js';
import { addBlueprintOptions, type BlueprintFlags, loadFor } from '../blueprint-input.js';
import { outputFor } from '../global-options.js';

export function registerValidate(program: Command): void {
  addBlueprintOptions(program.command('validate'))
    .description('check a blueprint without calling AWS')
    .option('--allow-missing-params', 'a required param without a value is a warning, not an error')
    .action(async (file: string, flags: BlueprintFlags & { allowMissingParams?: boolean }, cmd: Command) => {
      const out = outputFor(cmd);
      const report = await loadFor(file, flags, !!flags.allowMissingParams);
      out.result(
        {
          ok: report.ok,
          errors: report.errors.map((e) => e.toJSON()),
          warnings: report.warnings.map((w) => w.toJSON()),
        },
        formatReport(report),
      );
      process.exitCode = report.ok ? ExitCode.ok : ExitCode.input;
    });
}
