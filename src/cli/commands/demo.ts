/**
 * `onramp demo` (behind `npm start`): a fresh embedded sandbox, a short scripted tour driven with
 * the unmodified AWS SDK, a summary, and nothing left running.
 */
import type { Command } from 'commander';
import { runDemo } from '../demo/tour.js';
import { outputFor } from '../global-options.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('rehearse onramp on a fresh embedded sandbox and print what it did')
    .action(async (_flags: unknown, cmd: Command) => {
      const out = outputFor(cmd);
      const report = await runDemo((line) => out.log(line));
      out.result(report, report.summary.join('\n'));
      process.exitCode = report.ok ? 0 : 1;
    });
}
