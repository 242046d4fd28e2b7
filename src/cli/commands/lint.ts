/**
 * `onramp lint FILE…`: lints IAM policy JSON files and the policies inside blueprints. Exit 1 when a
 * finding is at or above --fail-on (default error), 2 for input errors (docs/errors.md).
 */
import type { Command } from 'commander';
import { OnrampError } from '../../core/errors.js';
import {
  countBySeverity,
  LINT_ERRORS,
  type LintOptions,
  lintFiles,
  renderText,
  SEVERITIES,
  type Severity,
  shouldFail,
  toSarif,
} from '../../lint/index.js';
import { globalOptions, outputFor } from '../global-options.js';
import { Output } from '../output.js';

interface LintFlags {
  format?: string;
  failOn: string;
  account?: string;
  kind: string;
  thirdParty?: boolean;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
const KINDS = ['auto', 'identity', 'trust', 'resource', 'boundary', 'session', 'scp'] as const;

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[], code: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new OnrampError(code, `${value} is not one of ${allowed.join(', ')}`, {
    source: { kind: 'flag', flag },
    hint: `Use ${flag} ${allowed.join('|')}.`,
  });
}

export function registerLint(program: Command, version = '0.0.0'): void {
  program
    .command('lint')
    .description('check IAM policies (JSON files, or the policies in blueprints) for errors and risky grants')
    .argument('<files...>', 'policy JSON files or blueprint YAML files')
    .option('--format <format>', 'text, json or sarif (default text; json with --json)')
    .option(
      '--fail-on <severity>',
      'exit 1 on a finding at or above: error, security, warning, suggestion',
      'error',
    )
    .option('--account <id>', 'the 12-digit account the policies live in (principals elsewhere are foreign)')
    .option('--kind <kind>', `policy kind of JSON files: ${KINDS.join(', ')}`, 'auto')
    .option('--third-party', 'JSON identity policies belong to a role that another company assumes')
    .action(async (files: string[], flags: LintFlags, cmd: Command) => {
      const g = globalOptions(cmd);
      const format = oneOf(
        '--format',
        flags.format ?? (g.json ? 'json' : 'text'),
        FORMATS,
        LINT_ERRORS.badFormat,
      );
      const failOn = oneOf<Severity>('--fail-on', flags.failOn, SEVERITIES, LINT_ERRORS.badFailOn);
      const kind = oneOf('--kind', flags.kind, KINDS, LINT_ERRORS.badKind);
      if (flags.account !== undefined && !/^\d{12}$/.test(flags.account)) {
        throw new OnrampError(LINT_ERRORS.badAccount, `${flags.account} is not a 12-digit account id`, {
          source: { kind: 'flag', flag: '--account' },
          hint: 'Give the 12-digit id of the account the policies live in, e.g. --account 123456789012.',
        });
      }
      const options: LintOptions = { kind, account: flags.account, thirdParty: !!flags.thirdParty };
      const report = await lintFiles(files, options);
      const failed = shouldFail(report.findings, failOn);
      const out = outputFor(cmd);
      for (const note of report.notes) out.log(`note: ${note}`);
      if (format === 'sarif') {
        out.line(JSON.stringify(toSarif(report.findings, { version }), null, 2));
      } else if (format === 'json') {
        const summary = countBySeverity(report.findings);
        out.line(
          JSON.stringify(
            { files: report.files, failOn, failed, summary, findings: report.findings, notes: report.notes },
            null,
            2,
          ),
        );
      } else {
        // Findings go to stdout, so colour only when stdout itself is a terminal.
        const tty = new Output({ ...out.options, color: out.options.color && !!process.stdout.isTTY });
        out.line(renderText(report.findings, report.files.length, (c, t) => tty.paint(c, t)));
      }
      if (failed) process.exitCode = 1;
    });
}
