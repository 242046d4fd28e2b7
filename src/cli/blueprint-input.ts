/**
 * The blueprint argument and its `--var` / `--var-file` flags, shared by validate, plan, apply and
 * destroy. A blueprint with errors is reported (every error positioned) and the command exits 2
 * before anything talks to AWS.
 */
import { type Command, Option } from 'commander';
import { formatReport } from '../blueprint/format.js';
import { loadBlueprint } from '../blueprint/load.js';
import type { Blueprint, ValidationReport } from '../blueprint/types.js';
import { ExitCode } from '../core/errors.js';
import type { Output } from './output.js';

export interface BlueprintFlags {
  var: string[];
  varFile: string[];
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function addBlueprintOptions(cmd: Command): Command {
  return cmd
    .argument('<file>', 'blueprint (YAML or JSON)')
    .option('--var <name=value>', 'a param value (repeatable; wins over --var-file)', collect, [])
    .option('--var-file <file>', 'a YAML/JSON map of param values (repeatable)', collect, []);
}

/** What plan and apply add: `--adopt` and `--refresh`. */
export interface PlanFlags extends BlueprintFlags {
  adopt: string[];
  refresh: 'fast' | 'full';
}

export function addPlanOptions(cmd: Command): Command {
  return addBlueprintOptions(cmd)
    .option('--adopt <key>', 'take ownership of this existing resource (repeatable)', collect, [])
    .addOption(
      new Option(
        '--refresh <mode>',
        'fast: trust what onramp recorded at its last apply (permission set fingerprints, users ' +
          'marked as assigned directly); full: read everything the blueprint owns (finds edits made by hand)',
      )
        .choices(['fast', 'full'])
        .default('fast'),
    );
}

/** The plan options the flags ask for. */
export const planOptionsOf = (flags: PlanFlags) => ({ adopt: flags.adopt, refresh: flags.refresh });

export function loadFor(file: string, flags: BlueprintFlags, lenient = false): Promise<ValidationReport> {
  return loadBlueprint(file, { varFiles: flags.varFile, varFlags: flags.var, lenient });
}

/** The blueprint, or undefined after printing its errors (the exit code is then set to 2). */
export async function requireBlueprint(
  file: string,
  flags: BlueprintFlags,
  out: Output,
): Promise<Blueprint | undefined> {
  const report = await loadFor(file, flags);
  if (report.ok && report.blueprint) {
    for (const w of report.warnings) out.log(`warning ${w.code} ${w.message}`);
    return report.blueprint;
  }
  if (out.options.json) {
    out.result({
      ok: false,
      errors: report.errors.map((e) => e.toJSON()),
      warnings: report.warnings.map((w) => w.toJSON()),
    });
  } else {
    out.log(formatReport(report));
  }
  process.exitCode = ExitCode.input;
  return undefined;
}
