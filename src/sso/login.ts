/**
 * `onramp sso login`: pick the flow, get a client registration, sign in, and write the token to
 * the cache exactly as `aws sso login` (CLI v2) does, so the AWS CLI, botocore and the SDKs use it.
 */
import { isHeadless } from './browser.js';
import { deviceCodeSignIn, type TokenGrant } from './device-flow.js';
import { authCodeSignIn } from './pkce-flow.js';
import { ssoApis } from './portal.js';
import { ensureRegistration, type LoginFlow } from './registration.js';
import { type SsoSessionConfig, tokenKeyOf } from './session-config.js';
import { clockOf, type SsoContext, tokenDir } from './sso-context.js';
import { type SsoToken, writeSsoToken } from './token-cache.js';

export interface LoginOptions {
  /** Force a flow (--device-code / --browser); otherwise chosen by {@link chooseFlow}. */
  flow?: LoginFlow;
  /** Try to open a browser (false with --no-browser). */
  openBrowser: boolean;
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

export interface LoginResult {
  flow: LoginFlow;
  tokenPath: string;
  expiresAt: Date;
  /** The cached client registration was reused (no RegisterClient). */
  registrationReused: boolean;
  refreshable: boolean;
}

/**
 * The authorization-code flow needs a browser on this machine (the redirect comes back to
 * 127.0.0.1) and an sso-session (the CLI uses it only then); otherwise the device-code flow.
 */
export function chooseFlow(
  session: Pick<SsoSessionConfig, 'name'>,
  options: Pick<LoginOptions, 'flow' | 'platform'>,
  env: SsoContext['env'],
): LoginFlow {
  if (options.flow) return options.flow;
  if (!session.name) return 'device';
  return isHeadless(env, options.platform) ? 'device' : 'pkce';
}

/** The token file content the CLI writes after a sign-in (client details only for sso-sessions). */
export function tokenFromGrant(
  session: SsoSessionConfig,
  grant: TokenGrant,
  reg: { clientId: string; clientSecret: string; expiresAt: Date },
  now: number,
): SsoToken {
  const token: SsoToken = {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: grant.accessToken,
    expiresAt: new Date(now + grant.expiresIn * 1000),
  };
  // A legacy profile's token is never refreshed, so the CLI stores no client with it.
  if (session.name) {
    token.clientId = reg.clientId;
    token.clientSecret = reg.clientSecret;
    token.registrationExpiresAt = reg.expiresAt;
    token.refreshToken = grant.refreshToken;
  }
  return token;
}

/** Signs in and caches the token; see the module comment. */
export async function login(
  ctx: SsoContext,
  session: SsoSessionConfig,
  options: LoginOptions,
): Promise<LoginResult> {
  const flow = chooseFlow(session, options, ctx.env);
  const apis = ssoApis(ctx, session.region);
  try {
    const reg = await ensureRegistration(ctx, apis, session, flow);
    const run = flow === 'pkce' ? authCodeSignIn : deviceCodeSignIn;
    const grant = await run(ctx, apis, session, reg, {
      openBrowser: options.openBrowser,
      timeoutMs: options.timeoutMs,
    });
    const token = tokenFromGrant(session, grant, reg, clockOf(ctx).now());
    const tokenPath = writeSsoToken(tokenDir(ctx), tokenKeyOf(session), token);
    return {
      flow,
      tokenPath,
      expiresAt: token.expiresAt,
      registrationReused: reg.reused,
      refreshable: Boolean(token.refreshToken),
    };
  } finally {
    await apis.destroy();
  }
}
