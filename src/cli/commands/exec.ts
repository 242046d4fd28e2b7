/**
 * `onramp exec --profile P -- CMD …`: run CMD with the profile's credentials in its environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION,
 * AWS_REGION), forward signals, and exit as it exits.
 */
import type { Command } from 'commander';
import { getAnyCredentials } from '../../sso/creds.js';
import { childEnvironment, exitCodeOf, runChild } from '../../sso/run-with-credentials.js';
import { globalOptions, outputFor } from '../global-options.js';
import { userContext } from './sso.js';

export function registerExec(program: Command): void {
  program
    .command('exec')
    .description(
      'run a command with a profile’s credentials in its environment: onramp exec --profile P -- CMD …',
    )
    .argument('<command...>', 'the command and its arguments (after --)')
    .action(async (command: string[], _flags: unknown, cmd: Command) => {
      const out = outputFor(cmd);
      const g = globalOptions(cmd);
      const ctx = userContext(cmd, out);
      const got = await getAnyCredentials(ctx, g.profile);
      const env = childEnvironment(ctx.env, got.credentials, {
        region: g.region ?? got.region,
        profile: g.profile ?? ctx.env.AWS_PROFILE ?? 'default',
      });
      const exit = await runChild(command, env);
      process.exitCode = exitCodeOf(exit);
    });
}
