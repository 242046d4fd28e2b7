/**
 * `onramp verify FILE`: proves every access path the blueprint implies — configuration, offline
 * evaluation, live AssumeRole / SSO probes — and explains each failure with a catalog code. Exit 0
 * when every path passes, 1 on any failure, 2 for a bad blueprint or flag.
 */
import type { Command } from 'commander';
import { ExitCode } from '../../core/errors.js';
import { addBlueprintOptions, type BlueprintFlags, requireBlueprint } from '../blueprint-input.js';
import { parseNumberFlag } from '../flags.js';
import { globalOptions, outputFor } from '../global-options.js';
import { engineTarget } from '../target.js';

interface VerifyFlags extends BlueprintFlags {
  offline?: boolean;
  userFiles: boolean;
  roleName?: string;
  probeTimeout: string;
}

export function registerVerify(program: Command): void {
  addBlueprintOptions(program.command('verify'))
    .description('prove every access path the blueprint implies works, and explain what does not')
    .option('--offline', 'check configuration and evaluate policies only; no live AssumeRole or SSO calls')
    .option('--no-user-files', 'do not read ~/.aws (profiles, SSO token cache) for user-side checks')
    .option('--role-name <name>', 'role that reaches member accounts (default OrganizationAccountAccessRole)')
    .option('--probe-timeout <seconds>', 'how long a live probe retries while IAM propagates', '30')
    .action(async (file: string, flags: VerifyFlags, cmd: Command) => {
      const out = outputFor(cmd);
      const probeTimeoutMs =
        parseNumberFlag('--probe-timeout', flags.probeTimeout, { min: 0, max: 3600 }) * 1000;
      const blueprint = await requireBlueprint(file, flags, out);
      if (!blueprint) return;
      const { renderReport, verifyBlueprint } = await import('../../verify/index.js');
      const target = await engineTarget(globalOptions(cmd));
      try {
        const report = await verifyBlueprint(blueprint, {
          clients: target.clients,
          live: !flags.offline,
          userSide: flags.userFiles,
          probeTimeoutMs,
          ...(flags.roleName ? { accessRoleName: flags.roleName } : {}),
        });
        out.result(
          report,
          renderReport(report, (c, s) => out.paint(c, s)),
        );
        process.exitCode = report.ok ? ExitCode.ok : ExitCode.failure;
      } finally {
        await target.close();
      }
    });
}
