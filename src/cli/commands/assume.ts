/**
 * `onramp assume ROLE_ARN`: sts:AssumeRole through the SDK, for the runbooks' "assume the role and
 * use AccessKeyId, SecretAccessKey and SessionToken" steps. Inputs are checked before any call
 * (exit 2); an AccessDenied exits 1 with what usually causes it. Secrets go to stdout only, in the
 * format asked for (`--format env` is the explicit request to print them); logs never carry them.
 * The target is the engine's (--profile/--region/--endpoint-url/--sandbox, src/cli/target.ts).
 */
import type { AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import type { Command } from 'commander';
import {
  type AwsClients,
  awsErrorName,
  describeAwsError,
  EngineCode,
  rootAwsError,
} from '../../aws/index.js';
import { OnrampError } from '../../core/errors.js';
import {
  type AssumeInput,
  accessDeniedHint,
  type IssuedCredentials,
  parseAssumeInput,
  renderCredentials,
} from '../../recipes/index.js';
import { globalOptions, outputFor } from '../global-options.js';
import { engineTarget } from '../target.js';

/** sts:AssumeRole with `input`; AccessDenied and other refusals become OnrampErrors with hints. */
export async function assumeRole(clients: AwsClients, input: AssumeInput): Promise<IssuedCredentials> {
  const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  let out: AssumeRoleCommandOutput;
  try {
    out = await clients.call(
      'sts',
      'AssumeRole',
      (sts) =>
        sts.send(
          new AssumeRoleCommand({
            RoleArn: input.roleArn,
            RoleSessionName: input.sessionName,
            DurationSeconds: input.durationSeconds,
            ExternalId: input.externalId,
            SourceIdentity: input.sourceIdentity,
          }),
        ),
      { what: `assuming ${input.roleArn}` },
    );
  } catch (cause) {
    const name = awsErrorName(rootAwsError(cause));
    if (name === 'AccessDenied' || name === 'AccessDeniedException') {
      const caller = await clients.callerIdentity().then(
        (c) => c.arn,
        () => undefined,
      );
      throw new OnrampError(EngineCode.rejected, `assuming ${input.roleArn}: ${describeAwsError(cause)}`, {
        cause,
        hint: accessDeniedHint(input, caller),
        details: { roleArn: input.roleArn, externalIdSent: input.externalId !== undefined },
      });
    }
    throw cause;
  }
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new OnrampError(EngineCode.rejected, `assuming ${input.roleArn}: STS returned no credentials`);
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

interface AssumeFlags {
  externalId?: string;
  sessionName?: string;
  duration?: string;
  sourceIdentity?: string;
  format?: string;
}

export function registerAssume(program: Command): void {
  program
    .command('assume')
    .description('assume an IAM role and print its temporary credentials (env, json or credential_process)')
    .argument('<role-arn>', 'the role to assume, arn:aws:iam::<account>:role/<name>')
    .option('--external-id <id>', 'the ExternalId the role’s trust policy requires')
    .option('--session-name <name>', 'RoleSessionName (default onramp-<user>)')
    .option('--duration <d>', 'session length: seconds (900-43200) or 15m..12h')
    .option('--source-identity <id>', 'SourceIdentity to set on the session')
    .option(
      '--format <f>',
      'env (export lines, the default), json (the Credentials; also with --json) or process (credential_process)',
    )
    .action(async (roleArn: string, flags: AssumeFlags, cmd: Command) => {
      const out = outputFor(cmd);
      const user = (process.env.USER ?? '').replace(/[^\w+=,.@-]/g, '').slice(0, 57);
      const g = globalOptions(cmd);
      const format = flags.format ?? (g.json ? 'json' : 'env');
      const input = parseAssumeInput(
        { roleArn, ...flags, format },
        user.length >= 1 ? `onramp-${user}` : 'onramp',
      );
      const target = await engineTarget(g);
      try {
        const creds = await assumeRole(target.clients, input);
        // Only the expiry goes to the log: the keys are the result, printed once on stdout.
        out.log(
          `assumed ${input.roleArn} as session ${input.sessionName}; expires ${creds.expiration.toISOString()}`,
        );
        out.line(renderCredentials(creds, input.format));
      } finally {
        await target.close();
      }
    });
}
