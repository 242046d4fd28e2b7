/**
 * The device authorization grant (RFC 8628) as IAM Identity Center runs it: StartDeviceAuthorization,
 * show the verification URL and user code, then poll CreateToken at the interval the service asks
 * for (5 s longer after each SlowDownException) until approved, denied or expired.
 * https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_StartDeviceAuthorization.html
 */

import { awsErrorName } from '../aws/classify.js';
import { OnrampError } from '../core/errors.js';
import type { SsoApis } from './portal.js';
import { GRANT_DEVICE_CODE, type UsedRegistration } from './registration.js';
import { describeSession, type SsoSessionConfig } from './session-config.js';
import { clockOf, type SsoContext, say } from './sso-context.js';
import { SsoUserError } from './user-errors.js';

/** What a successful CreateToken gives any flow. */
export interface TokenGrant {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshToken?: string;
}

export interface FlowOptions {
  /** Try to open a browser (the URL is printed either way). */
  openBrowser: boolean;
  /** Give up after this long (default: the device code's own lifetime, or 10 minutes). */
  timeoutMs?: number;
}

const failed = (session: SsoSessionConfig, why: string, cause?: unknown, hint?: string) =>
  new OnrampError(SsoUserError.signInFailed, `signing in to ${describeSession(session)}: ${why}`, {
    hint: hint ?? 'run the login again; approve the request in the browser within its time limit',
    source: session.source,
    cause,
  });

/** Runs the device-code flow with a registration made for it. */
export async function deviceCodeSignIn(
  ctx: SsoContext,
  apis: SsoApis,
  session: SsoSessionConfig,
  reg: UsedRegistration,
  options: FlowOptions,
): Promise<TokenGrant> {
  const { CreateTokenCommand, StartDeviceAuthorizationCommand } = await import('@aws-sdk/client-sso-oidc');
  const clock = clockOf(ctx);
  const start = await apis.oidc.call(
    'sso-oidc',
    'StartDeviceAuthorization',
    (c) =>
      c.send(
        new StartDeviceAuthorizationCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          startUrl: session.startUrl,
        }),
      ),
    { what: `starting a device sign-in for ${session.startUrl}` },
  );
  const complete = start.verificationUriComplete ?? start.verificationUri ?? '';
  say(ctx, `To sign in to ${session.startUrl}, open this URL in a browser on any device:`);
  say(ctx, '');
  say(ctx, `  ${start.verificationUri}`);
  say(ctx, '');
  say(ctx, `and enter the code: ${start.userCode}`);
  say(ctx, `(or open ${complete}, which fills in the code)`);
  if (options.openBrowser && ctx.openUrl && complete) {
    if (!(await ctx.openUrl(complete))) say(ctx, 'Could not open a browser; open the URL yourself.');
  }
  const client = await apis.oidc.client('sso-oidc');
  let intervalMs = Math.max(1, start.interval ?? 5) * 1000;
  const deadline = clock.now() + (options.timeoutMs ?? Math.max(1, start.expiresIn ?? 600) * 1000);
  for (;;) {
    try {
      const out = await client.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: GRANT_DEVICE_CODE,
          deviceCode: start.deviceCode,
        }),
      );
      if (!out.accessToken) throw failed(session, 'CreateToken returned no access token');
      return { accessToken: out.accessToken, expiresIn: out.expiresIn ?? 0, refreshToken: out.refreshToken };
    } catch (e) {
      const name = awsErrorName(e);
      if (name === 'SlowDownException') intervalMs += 5000;
      else if (name === 'AccessDeniedException') throw failed(session, 'the request was denied', e);
      else if (name === 'ExpiredTokenException')
        throw failed(session, 'the code expired before it was approved', e);
      else if (name !== 'AuthorizationPendingException') throw e;
    }
    if (clock.now() + intervalMs > deadline) {
      throw failed(session, `nobody approved code ${start.userCode} in time`);
    }
    await clock.sleep(intervalMs);
  }
}
