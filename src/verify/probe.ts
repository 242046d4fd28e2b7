/**
 * Live proofs: real sts:AssumeRole calls (and SSO portal GetRoleCredentials) made as the principal
 * a path is about. A request expected to succeed is retried with backoff while IAM propagates a
 * recent change (probeUntil); one expected to fail is asked once.
 */

import { awsErrorName, describeAwsError } from '../aws/classify.js';
import { AwsClients, type AwsClientsOptions } from '../aws/clients.js';
import type { AwsCredentials } from '../aws/service-clients.js';
import { probeUntil } from '../aws/waiter.js';
import type { Clock, Random } from '../core/clock.js';

export interface ProbeSettings {
  /** How long an expected success may take to become visible (IAM propagation). */
  timeoutMs: number;
  clock: Clock;
  random?: Random;
  /** RoleSessionName of onramp's own probes. */
  sessionName: string;
}

export interface LiveAnswer {
  /** `Allow`, or the error name. */
  answer: string;
  message?: string;
  attempts: number;
  credentials?: AwsCredentials;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'ForbiddenException']);

async function attempt<T>(
  fn: () => Promise<T>,
  expectAllow: boolean,
  settings: ProbeSettings,
): Promise<{ value?: T; answer: string; message?: string; attempts: number }> {
  if (!expectAllow) {
    try {
      return { value: await fn(), answer: 'Allow', attempts: 1 };
    } catch (e) {
      return { answer: awsErrorName(e) || 'Error', message: describeAwsError(e), attempts: 1 };
    }
  }
  const r = await probeUntil(() => fn(), {
    timeoutMs: settings.timeoutMs,
    minDelayMs: Math.min(1_000, Math.max(1, settings.timeoutMs / 8)),
    retryOn: (e) => DENIED.has(awsErrorName(e)),
    clock: settings.clock,
    random: settings.random,
  });
  if (r.state === 'success') return { value: r.value, answer: 'Allow', attempts: r.attempts };
  return { answer: awsErrorName(r.error) || 'Error', message: r.reason, attempts: r.attempts };
}

/** sts:AssumeRole as the context's principal. */
export async function assumeLive(
  ctx: AwsClients,
  roleArn: string,
  opts: { externalId?: string; expectAllow: boolean },
  settings: ProbeSettings,
): Promise<LiveAnswer> {
  const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const r = await attempt(
    () =>
      ctx.call('sts', 'AssumeRole', (sts) =>
        sts.send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: settings.sessionName,
            DurationSeconds: 900,
            ...(opts.externalId !== undefined ? { ExternalId: opts.externalId } : {}),
          }),
        ),
      ),
    opts.expectAllow,
    settings,
  );
  const c = r.value?.Credentials;
  return {
    answer: r.answer,
    message: r.message,
    attempts: r.attempts,
    ...(c?.AccessKeyId && c.SecretAccessKey
      ? {
          credentials: {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
          },
        }
      : {}),
  };
}

/** SSO portal GetRoleCredentials for a permission set in an account, with a cached access token. */
export async function ssoCredentials(
  ctx: AwsClients,
  token: string,
  accountId: string,
  roleName: string,
  settings: ProbeSettings,
): Promise<LiveAnswer> {
  const { GetRoleCredentialsCommand } = await import('@aws-sdk/client-sso');
  const r = await attempt(
    () =>
      ctx.call('sso', 'GetRoleCredentials', (sso) =>
        sso.send(new GetRoleCredentialsCommand({ accessToken: token, accountId, roleName })),
      ),
    true,
    settings,
  );
  const c = r.value?.roleCredentials;
  return {
    answer: r.answer,
    message: r.message,
    attempts: r.attempts,
    ...(c?.accessKeyId && c.secretAccessKey
      ? {
          credentials: {
            accessKeyId: c.accessKeyId,
            secretAccessKey: c.secretAccessKey,
            sessionToken: c.sessionToken,
          },
        }
      : {}),
  };
}

/** A client context acting with other credentials against the same target. */
export function contextFor(
  base: AwsClients,
  credentials: AwsCredentials,
  options: AwsClientsOptions = {},
): AwsClients {
  return new AwsClients(
    { region: base.region, endpointUrl: base.target.endpointUrl, credentials },
    { limiter: false, ...options },
  );
}
