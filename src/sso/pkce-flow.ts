/**
 * The authorization-code grant with PKCE (RFC 7636, S256) and a loopback redirect (RFC 8252 §7.3),
 * the AWS CLI v2's default sign-in: listen on 127.0.0.1 on an ephemeral port, send the browser to
 * the OIDC endpoint's /authorize, take `code` back on /oauth/callback after checking `state`, and
 * trade it with the verifier at CreateToken.
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html#sso-configure-profile-token-auth-code
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OnrampError } from '../core/errors.js';
import type { FlowOptions, TokenGrant } from './device-flow.js';
import type { SsoApis } from './portal.js';
import { DEFAULT_SCOPE, GRANT_AUTHORIZATION_CODE, type UsedRegistration } from './registration.js';
import { describeSession, type SsoSessionConfig } from './session-config.js';
import { endpointFor, type SsoContext, say } from './sso-context.js';
import { SsoUserError } from './user-errors.js';

const CALLBACK_PATH = '/oauth/callback';
const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>onramp</title><p>Signed in. You can close this window and return to the terminal.</p>';
const FAILED_PAGE =
  '<!doctype html><meta charset="utf-8"><title>onramp</title><p>Sign-in failed. Return to the terminal for details.</p>';

/** A PKCE verifier (43 base64url characters from 32 random bytes) and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The OIDC endpoint the browser goes to: the override, else oidc.<sso_region>.amazonaws.com. */
export function oidcBaseUrl(ctx: SsoContext, region: string): string {
  const override = endpointFor(ctx, 'SSO_OIDC')?.url;
  return (override ?? `https://oidc.${region}.amazonaws.com`).replace(/\/+$/, '');
}

interface Callback {
  code?: string;
  error?: string;
}

/** Serves one redirect: resolves with the code (or the error the server sent back). */
function listen(expectedState: string): {
  server: Server;
  result: Promise<Callback>;
  ready: Promise<number>;
} {
  let settle!: (c: Callback) => void;
  const result = new Promise<Callback>((resolve) => {
    settle = resolve;
  });
  const same = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const q = url.searchParams;
    // A redirect without our state did not come from the request we started (RFC 6749 §10.12).
    const stateOk = same(q.get('state') ?? '', expectedState);
    const outcome: Callback = !stateOk
      ? { error: 'the redirect carried the wrong state (not from this sign-in)' }
      : q.get('error')
        ? { error: `${q.get('error')}${q.get('error_description') ? `: ${q.get('error_description')}` : ''}` }
        : q.get('code')
          ? { code: q.get('code')! }
          : { error: 'the redirect carried no code' };
    res
      .writeHead(outcome.code ? 200 : 400, {
        'content-type': 'text/html; charset=utf-8',
        connection: 'close',
      })
      .end(outcome.code ? DONE_PAGE : FAILED_PAGE);
    settle(outcome);
  });
  const ready = new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return { server, result, ready };
}

/** Runs the authorization-code flow with a registration made for it. */
export async function authCodeSignIn(
  ctx: SsoContext,
  apis: SsoApis,
  session: SsoSessionConfig,
  reg: UsedRegistration,
  options: FlowOptions,
): Promise<TokenGrant> {
  const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
  const fail = (why: string, cause?: unknown) =>
    new OnrampError(SsoUserError.signInFailed, `signing in to ${describeSession(session)}: ${why}`, {
      hint: 'run the login again, or use --device-code to approve the sign-in on another device',
      source: session.source,
      cause,
    });
  const state = randomUUID();
  const { verifier, challenge } = pkcePair();
  const { server, result, ready } = listen(state);
  let timer: NodeJS.Timeout | undefined;
  try {
    const port = await ready;
    const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
    const scopes = reg.scopes?.length ? reg.scopes : [DEFAULT_SCOPE];
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: reg.clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge_method: 'S256',
      scopes: scopes.join(','),
      code_challenge: challenge,
    });
    const authorizeUrl = `${oidcBaseUrl(ctx, session.region)}/authorize?${query}`;
    say(ctx, `To sign in to ${session.startUrl}, open this URL in a browser on this machine:`);
    say(ctx, '');
    say(ctx, `  ${authorizeUrl}`);
    say(ctx, '');
    if (options.openBrowser && ctx.openUrl) {
      if (!(await ctx.openUrl(authorizeUrl))) say(ctx, 'Could not open a browser; open the URL yourself.');
    }
    const timeoutMs = options.timeoutMs ?? 10 * 60_000;
    const timeout = new Promise<Callback>((resolve) => {
      timer = setTimeout(
        () => resolve({ error: `no browser came back within ${Math.round(timeoutMs / 1000)} s` }),
        timeoutMs,
      );
    });
    const back = await Promise.race([result, timeout]);
    if (!back.code) throw fail(back.error ?? 'no code');
    const out = await apis.oidc
      .call(
        'sso-oidc',
        'CreateToken',
        (c) =>
          c.send(
            new CreateTokenCommand({
              clientId: reg.clientId,
              clientSecret: reg.clientSecret,
              grantType: GRANT_AUTHORIZATION_CODE,
              code: back.code,
              codeVerifier: verifier,
              redirectUri,
            }),
          ),
        { what: 'trading the authorization code for a token' },
      )
      .catch((e: unknown) => {
        throw fail('IAM Identity Center refused the authorization code', e);
      });
    if (!out.accessToken) throw fail('CreateToken returned no access token');
    return { accessToken: out.accessToken, expiresIn: out.expiresIn ?? 0, refreshToken: out.refreshToken };
  } finally {
    if (timer) clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  }
}
