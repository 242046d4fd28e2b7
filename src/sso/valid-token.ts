/**
 * A usable SSO access token for a session: the cached one while more than 15 minutes remain (the
 * CLI's refresh window), else refreshed with the refresh token (CreateToken, refresh_token grant)
 * and written back, else the cached one until it expires, else ONR-E322 with the login command.
 *
 * The refresh runs under a lock beside the token file and re-reads the file first: refresh tokens
 * rotate, so two processes refreshing with the same one would leave the second signed out.
 */

import { awsErrorName } from '../aws/classify.js';
import { OnrampError } from '../core/errors.js';
import { acquireLock } from './file-lock.js';
import { type SsoApis, ssoApis } from './portal.js';
import { GRANT_REFRESH_TOKEN } from './registration.js';
import { describeSession, loginCommand, type SsoSessionConfig, tokenKeyOf } from './session-config.js';
import { clockOf, type SsoContext, say, tokenDir } from './sso-context.js';
import { formatCliTimestamp } from './timestamps.js';
import {
  canRefresh,
  isExpired,
  needsRefresh,
  readSsoToken,
  type SsoToken,
  tokenCachePath,
  writeSsoToken,
} from './token-cache.js';
import { SsoUserError } from './user-errors.js';

export interface ValidTokenOptions {
  /** Reuse these clients (sync and creds already have them). */
  apis?: SsoApis;
  /** For the error's fix when the session is a legacy profile. */
  profile?: string;
}

/** The error every "no usable token" path throws: what is wrong, and the login command. */
export function notSignedIn(
  session: SsoSessionConfig,
  why: string,
  profile?: string,
  cause?: unknown,
): OnrampError {
  return new OnrampError(SsoUserError.notSignedIn, `using ${describeSession(session)}: ${why}`, {
    hint: `sign in: ${loginCommand(session, profile)}`,
    source: session.source,
    cause,
  });
}

/** See the module comment. */
export async function getValidToken(
  ctx: SsoContext,
  session: SsoSessionConfig,
  options: ValidTokenOptions = {},
): Promise<SsoToken> {
  const dir = tokenDir(ctx);
  const key = tokenKeyOf(session);
  const now = clockOf(ctx).now();
  const read = readSsoToken(dir, key);
  if (read.kind === 'missing')
    throw notSignedIn(session, 'not signed in (no cached SSO token)', options.profile);
  if (read.kind === 'invalid') {
    throw notSignedIn(
      session,
      `the cached SSO token ${read.path} is unusable (${read.reason})`,
      options.profile,
    );
  }
  const token = read.value;
  if (!needsRefresh(token, now)) return token;
  if (canRefresh(token, now)) {
    try {
      return await refreshUnderLock(ctx, session, options);
    } catch (e) {
      // botocore keeps using a token it failed to refresh until the token itself expires.
      const why = awsErrorName(e) || (e instanceof Error ? e.message : String(e));
      if (!isExpired(token, clockOf(ctx).now())) {
        say(
          ctx,
          `note: refreshing the SSO token of ${describeSession(session)} failed (${why}); using it until ${formatCliTimestamp(token.expiresAt)}`,
        );
        return token;
      }
      throw notSignedIn(
        session,
        `the SSO token expired and refreshing it failed (${why})`,
        options.profile,
        e,
      );
    }
  }
  if (!isExpired(token, now)) return token;
  throw notSignedIn(
    session,
    `the SSO token expired at ${formatCliTimestamp(token.expiresAt)}${token.refreshToken ? ' and its client registration too' : ''}`,
    options.profile,
  );
}

async function refreshUnderLock(
  ctx: SsoContext,
  session: SsoSessionConfig,
  options: ValidTokenOptions,
): Promise<SsoToken> {
  const dir = tokenDir(ctx);
  const key = tokenKeyOf(session);
  const clock = clockOf(ctx);
  // The lock ages by the real clock (file mtimes), whatever clock the caller injected.
  const lock = await acquireLock(`${tokenCachePath(dir, key)}.onramp.lock`, { timeoutMs: 30_000 });
  try {
    const again = readSsoToken(dir, key);
    if (again.kind !== 'found') throw new Error('the token file disappeared during the refresh');
    const token = again.value;
    // Another process refreshed while we waited for the lock.
    if (!needsRefresh(token, clock.now())) return token;
    const refreshed = await refreshToken(ctx, session, token, options.apis);
    writeSsoToken(dir, key, refreshed);
    return refreshed;
  } finally {
    lock.release();
  }
}

/** One CreateToken with the refresh_token grant; returns the token to cache. */
export async function refreshToken(
  ctx: SsoContext,
  session: SsoSessionConfig,
  token: SsoToken,
  apis?: SsoApis,
): Promise<SsoToken> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
  const own = apis ? undefined : ssoApis(ctx, session.region);
  const use = apis ?? own!;
  try {
    const out = await use.oidc.call(
      'sso-oidc',
      'CreateToken',
      (c) =>
        c.send(
          new CreateTokenCommand({
            clientId: token.clientId,
            clientSecret: token.clientSecret,
            grantType: GRANT_REFRESH_TOKEN,
            refreshToken: token.refreshToken,
          }),
        ),
      { what: `refreshing the SSO token of ${describeSession(session)}` },
    );
    if (!out.accessToken) throw new Error('CreateToken returned no access token');
    return {
      ...token,
      accessToken: out.accessToken,
      expiresAt: new Date(clockOf(ctx).now() + (out.expiresIn ?? 0) * 1000),
      // Identity Center rotates refresh tokens; keep the old one only if none came back.
      refreshToken: out.refreshToken ?? token.refreshToken,
    };
  } finally {
    await own?.destroy();
  }
}
