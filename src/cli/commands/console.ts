/**
 * `onramp console [--profile P] [--print]`: sign in to the AWS Management Console with a profile's
 * credentials. Opens the browser; --print prints the sign-in URL instead (it signs in whoever has
 * it for 15 minutes, so it is never printed otherwise).
 */
import type { Command } from 'commander';
import { consoleSignInUrl } from '../../sso/console-url.js';
import { getAnyCredentials } from '../../sso/creds.js';
import { endpointFor } from '../../sso/sso-context.js';
import { globalOptions, outputFor } from '../global-options.js';
import { userContext } from './sso.js';

export function registerConsole(program: Command): void {
  program
    .command('console')
    .description('open the AWS Management Console signed in as a profile (--print: print the URL)')
    .option('--print', 'print the sign-in URL instead of opening a browser')
    .option('--destination <url>', 'the console page to open')
    .action(async (flags: { print?: boolean; destination?: string }, cmd: Command) => {
      const out = outputFor(cmd);
      const g = globalOptions(cmd);
      const ctx = userContext(cmd, out);
      const got = await getAnyCredentials(ctx, g.profile);
      const endpoint = endpointFor(ctx, 'STS');
      const signIn = await consoleSignInUrl(got.credentials, {
        region: g.region ?? got.region,
        destination: flags.destination,
        endpoint,
      });
      if (signIn.sandbox) {
        out.log(
          `note: ${endpoint?.url} is not AWS; the sandbox has no console, so this URL cannot sign you in.`,
        );
      }
      if (flags.print || signIn.sandbox) {
        out.result({ url: signIn.url, sandbox: signIn.sandbox }, signIn.url);
        return;
      }
      if (!(await ctx.openUrl?.(signIn.url))) {
        out.log('Could not open a browser; run again with --print to get the URL.');
        process.exitCode = 1;
        return;
      }
      out.log('Opened the AWS console in your browser.');
    });
}
