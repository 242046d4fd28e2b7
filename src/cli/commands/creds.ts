/**
 * `onramp creds --profile P`: credentials for credential_process (or `eval`, or scripts). The warm
 * path is answered by bin/onramp.js before this file loads (src/sso/creds-fast.ts); this is the
 * path for misses: fetch, cache, print the same bytes.
 */
import type { Command } from 'commander';
import { OnrampError } from '../../core/errors.js';
import { getProfileCredentials } from '../../sso/creds.js';
import { CREDS_FORMATS, type CredsFormat, formatCredentials } from '../../sso/creds-format.js';
import { SsoUserError } from '../../sso/user-errors.js';
import { globalOptions, outputFor } from '../global-options.js';
import { userContext } from './sso.js';

export function registerCreds(program: Command): void {
  program
    .command('creds')
    .description('print credentials of an SSO profile (for credential_process = onramp creds --profile P)')
    .option('--format <format>', 'process (credential_process JSON), env (export lines) or json', 'process')
    .action(async (flags: { format: string }, cmd: Command) => {
      const out = outputFor(cmd);
      if (!(CREDS_FORMATS as readonly string[]).includes(flags.format)) {
        throw new OnrampError(SsoUserError.badFlags, `--format ${flags.format} is not a credentials format`, {
          source: { kind: 'flag', flag: '--format' },
          hint: `use one of ${CREDS_FORMATS.join(', ')}`,
        });
      }
      const ctx = userContext(cmd, out);
      const profile = globalOptions(cmd).profile ?? ctx.env.AWS_PROFILE ?? 'default';
      const got = await getProfileCredentials(ctx, profile);
      // Secrets go to stdout only, and only in the requested format (never through --json's renderer).
      process.stdout.write(
        formatCredentials(got.credentials, flags.format as CredsFormat, got.profile.region),
      );
    });
}
