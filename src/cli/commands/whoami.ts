/** `onramp whoami [--profile P]`: who the profile's credentials belong to (sts:GetCallerIdentity). */
import type { Command } from 'commander';
import { AwsClients } from '../../aws/clients.js';
import { getAnyCredentials } from '../../sso/creds.js';
import { endpointFor } from '../../sso/sso-context.js';
import { globalOptions, outputFor } from '../global-options.js';
import { userContext } from './sso.js';

export function registerWhoami(program: Command): void {
  program
    .command('whoami')
    .description('show the account, ARN and user id behind a profile (sts get-caller-identity)')
    .action(async (_flags: unknown, cmd: Command) => {
      const out = outputFor(cmd);
      const g = globalOptions(cmd);
      const ctx = userContext(cmd, out);
      const got = await getAnyCredentials(ctx, g.profile);
      const clients = new AwsClients({
        region: g.region ?? got.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION ?? 'us-east-1',
        endpointUrl: endpointFor(ctx, 'STS')?.url,
        credentials: got.credentials,
      });
      try {
        const me = await clients.callerIdentity();
        const profile = g.profile ?? ctx.env.AWS_PROFILE ?? 'default';
        out.result(
          { profile, account: me.account, arn: me.arn, userId: me.userId },
          `${me.arn}\n  account ${me.account}, user id ${me.userId} (profile ${profile})`,
        );
      } finally {
        await clients.destroy();
      }
    });
}
