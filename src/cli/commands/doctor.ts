/**
 * `onramp doctor [--profile P]`: what is wrong with this machine's AWS setup for SSO, each finding
 * with its code, place and fix. Exits 1 when it finds anything.
 */
import type { Command } from 'commander';
import { formatSource } from '../../core/errors.js';
import { runDoctor } from '../../sso/doctor.js';
import { globalOptions, outputFor } from '../global-options.js';
import { userContext } from './sso.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check ~/.aws and the environment for what breaks SSO profiles, with fixes')
    .action(async (_flags: unknown, cmd: Command) => {
      const out = outputFor(cmd);
      const report = runDoctor(userContext(cmd, out), { profile: globalOptions(cmd).profile });
      const lines = report.findings.map((f) => {
        const where = f.source ? `${formatSource(f.source)}: ` : '';
        return `${out.paint('yellow', f.code)} ${where}${f.message}\n  fix: ${f.fix}`;
      });
      const summary = report.ok
        ? `No problems found (${report.profiles} profiles, ${report.sessions} sso-sessions in ${report.configPath}).`
        : `${report.findings.length} problem(s) found.`;
      out.result(report, [...lines, summary].join('\n'));
      process.exitCode = report.ok ? 0 : 1;
    });
}
