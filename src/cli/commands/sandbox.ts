/**
 * `onramp sandbox`: serve the offline AWS endpoint until SIGINT/SIGTERM. stdout carries only the
 * `export …` lines a shell can eval; logs go to stderr.
 */
import type { Command } from 'commander';
import { OnrampError } from '../../core/errors.js';
import { awsRealism, fastRealism, type RealismConfig, startSandbox } from '../../sandbox/index.js';
import { parseNumberFlag } from '../flags.js';
import { outputFor } from '../global-options.js';

interface SandboxFlags {
  host: string;
  port: string;
  state?: string;
  seed: string;
  accounts: string;
  realistic?: boolean;
  timeScale?: string;
  throttling?: boolean;
  propagationDelay?: string;
  assignmentLatency?: string;
  accountLatency?: string;
  errorRate?: string;
  throttleRate?: string;
  dropRate?: string;
  autoApprove?: string;
}

export function registerSandbox(program: Command): void {
  program
    .command('sandbox')
    .description('serve an offline endpoint that speaks AWS IAM, STS, Organizations and IAM Identity Center')
    .option('--host <host>', 'address to bind (loopback by default)', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '0')
    .option('--state <file>', 'persist the world to this file and reload it on start')
    .option(
      '--seed <name>',
      'fresh (one account) or org (organization, member accounts, Identity Center)',
      'fresh',
    )
    .option('--accounts <n>', 'member accounts for --seed org', '3')
    .option('--realistic', "AWS's published quotas, latencies and propagation delay")
    .option('--time-scale <f>', 'multiply every latency by F and every rate by 1/F (e.g. 0.01)')
    .option('--throttling', 'token-bucket throttling at AWS quotas')
    .option('--propagation-delay <s>', 'seconds before a new or changed role is assumable')
    .option('--assignment-latency <s>', 'seconds for account assignments and provisioning to complete')
    .option('--account-latency <s>', 'seconds for CreateAccount to complete')
    .option('--error-rate <f>', 'fraction of calls answered with a 500')
    .option('--throttle-rate <f>', 'fraction of calls answered with a throttling error')
    .option('--drop-rate <f>', 'fraction of connections dropped')
    .option('--auto-approve <user>', 'approve every SSO sign-in as this Identity Center user')
    .action(async (flags: SandboxFlags, cmd: Command) => {
      const out = outputFor(cmd);
      if (flags.seed !== 'fresh' && flags.seed !== 'org') {
        throw new OnrampError('ONR-E103', `--seed ${flags.seed} is not a known seed`, {
          source: { kind: 'flag', flag: '--seed' },
          hint: 'Use --seed fresh or --seed org.',
        });
      }
      const realism = realismFromFlags(flags);
      const sb = await startSandbox({
        host: flags.host,
        port: parseNumberFlag('--port', flags.port, { min: 0, max: 65535, integer: true }),
        statePath: flags.state,
        seed: flags.seed,
        accounts: parseNumberFlag('--accounts', flags.accounts, { min: 0, max: 5000, integer: true }),
        realism,
        autoApprove: flags.autoApprove,
        log: (m) => out.log(m),
      });
      if (!['127.0.0.1', 'localhost', '::1'].includes(flags.host)) {
        out.log(`warning: listening on ${flags.host}; anyone who can reach it can use the sandbox's keys`);
      }
      const a = sb.admin;
      if (out.options.json) {
        out.result({
          endpoint: sb.url,
          region: sb.region,
          accessKeyId: a.accessKeyId,
          secretAccessKey: a.secretAccessKey,
          accountId: a.accountId,
          arn: a.arn,
        });
      } else {
        out.line(`export AWS_ENDPOINT_URL=${sb.url}`);
        out.line(`export AWS_ACCESS_KEY_ID=${a.accessKeyId}`);
        out.line(`export AWS_SECRET_ACCESS_KEY=${a.secretAccessKey}`);
        out.line(`export AWS_REGION=${sb.region}`);
        // AWS CLI v1 and botocore read AWS_DEFAULT_REGION, not AWS_REGION.
        out.line(`export AWS_DEFAULT_REGION=${sb.region}`);
      }
      out.log(`onramp sandbox: ${sb.url} (${a.arn}); Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await sb.stop();
      out.log('onramp sandbox: stopped');
    });
}

export function realismFromFlags(flags: SandboxFlags): RealismConfig {
  const base = flags.realistic ? awsRealism() : fastRealism();
  const num = (flag: string, v: string | undefined, max: number) =>
    v === undefined ? undefined : parseNumberFlag(flag, v, { min: 0, max });
  const timeScale = num('--time-scale', flags.timeScale, 1000);
  if (timeScale === 0) {
    throw new OnrampError('ONR-E104', '--time-scale must be greater than 0', {
      source: { kind: 'flag', flag: '--time-scale' },
      hint: 'Use a fraction such as 0.01 to run 100 times faster than AWS.',
    });
  }
  const secs = (flag: string, v: string | undefined) => {
    const n = num(flag, v, 86_400);
    return n === undefined ? undefined : n * 1000;
  };
  const assignment = secs('--assignment-latency', flags.assignmentLatency);
  const account = secs('--account-latency', flags.accountLatency);
  const propagation = secs('--propagation-delay', flags.propagationDelay);
  return {
    ...base,
    timeScale: timeScale ?? base.timeScale,
    throttling: flags.throttling || base.throttling,
    propagationDelayMs: propagation ?? base.propagationDelayMs,
    latencyMs: {
      ...base.latencyMs,
      ...(assignment === undefined
        ? {}
        : {
            createAccountAssignment: assignment,
            deleteAccountAssignment: assignment,
            provisionPermissionSet: assignment,
          }),
      ...(account === undefined ? {} : { createAccount: account }),
    },
    faults: {
      errorRate: num('--error-rate', flags.errorRate, 1) ?? base.faults.errorRate,
      throttleRate: num('--throttle-rate', flags.throttleRate, 1) ?? base.faults.throttleRate,
      dropRate: num('--drop-rate', flags.dropRate, 1) ?? base.faults.dropRate,
    },
  };
}
