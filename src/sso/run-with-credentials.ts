/**
 * `onramp exec`: run a command with a profile's credentials in its environment (never on its
 * command line, where `ps` would show them), forward the signals we receive, and report how it
 * ended so the caller can exit the same way.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { AwsCredentials } from '../aws/service-clients.js';
import { OnrampError } from '../core/errors.js';
import { expirationStamp } from './creds-format.js';
import type { Env } from './paths.js';
import { SsoUserError } from './user-errors.js';

/** Variables that would make the child's SDK pick other credentials than the ones we set. */
const SHADOWING = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SECURITY_TOKEN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
];

/** The child's environment: ours, minus competing credential sources, plus the credentials. */
export function childEnvironment(
  base: Env,
  creds: AwsCredentials,
  opts: { region?: string; profile?: string } = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !SHADOWING.includes(k)) env[k] = v;
  env.AWS_ACCESS_KEY_ID = creds.accessKeyId;
  env.AWS_SECRET_ACCESS_KEY = creds.secretAccessKey;
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  else delete env.AWS_SESSION_TOKEN;
  if (creds.expiration) env.AWS_CREDENTIAL_EXPIRATION = expirationStamp(creds.expiration);
  else delete env.AWS_CREDENTIAL_EXPIRATION;
  if (opts.region) {
    env.AWS_REGION = opts.region;
    env.AWS_DEFAULT_REGION = opts.region;
  }
  // Lets `onramp doctor` inside the command tell these keys from forgotten exports.
  if (opts.profile) env.ONRAMP_EXEC_PROFILE = opts.profile;
  return env;
}

export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR1',
  'SIGUSR2',
];

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs `command` (argv form, no shell) to completion with `env`; ONR-E326 if it cannot start. */
export function runChild(command: readonly string[], env: Record<string, string>): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const s of FORWARDED_SIGNALS) process.on(s, forward);
    const cleanup = () => {
      for (const s of FORWARDED_SIGNALS) process.off(s, forward);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        new OnrampError(
          SsoUserError.execFailed,
          `running ${command[0]}: ${e.code === 'ENOENT' ? 'command not found' : e.message}`,
          {
            hint:
              e.code === 'ENOENT'
                ? 'check the command name and your PATH'
                : 'check that the command can be run',
            cause: e,
          },
        ),
      );
    });
    child.once('exit', (code, signal) => {
      cleanup();
      resolve({ code, signal });
    });
  });
}

/** The shell convention for a child killed by a signal: 128 + its number. */
export function exitCodeOf(exit: ChildExit): number {
  if (exit.code !== null) return exit.code;
  return 128 + (exit.signal ? (constants.signals[exit.signal] ?? 0) : 0);
}
