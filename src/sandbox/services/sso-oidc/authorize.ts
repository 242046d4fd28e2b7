/**
 * The authorization code grant with PKCE (RFC 7636) that the AWS CLI v2 uses by default: the CLI
 * registers with grant types authorization_code + refresh_token, a loopback redirect URI without a
 * port and the start URL as issuerUrl, then opens /authorize on the OIDC endpoint with
 * response_type=code, client_id, redirect_uri (now with its port), state, scopes (space-separated),
 * code_challenge and code_challenge_method=S256. The browser comes back to redirect_uri with
 * ?code&state; the CLI trades the code and its verifier at CreateToken.
 */
import type { SandboxContext } from '../../service.js';
import type { SsoInstance } from '../sso-admin/model.js';
import type { OidcClient } from './model.js';
import { clientAllows, GRANT_AUTHORIZATION_CODE, isLoopbackUri } from './register.js';
import { randomToken, sha256 } from './secrets.js';
import { findUserByName, instanceForStartUrl, oidcState, purgeExpired } from './state.js';

/** Authorization codes are short-lived and single-use (RFC 6749 §4.1.2 recommends ≤ 10 minutes). */
const CODE_SECONDS = 300;

export interface AuthorizationRequest {
  client: OidcClient;
  instance: SsoInstance;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  scopes: string[];
}

/**
 * A bad authorization request. When the client and redirect URI are trustworthy the error goes back
 * to the client as ?error=…; otherwise it is shown to the user and never redirected
 * (RFC 6749 §4.1.2.1).
 */
export class AuthorizeError extends Error {
  constructor(
    readonly error: string,
    message: string,
    readonly redirect?: { uri: string; state?: string },
  ) {
    super(message);
    this.name = 'AuthorizeError';
  }
}

/** Same scheme, host and path; loopback redirect URIs may use any port (RFC 8252 §7.3). */
function redirectMatches(registered: string, given: string): boolean {
  try {
    const a = new URL(registered);
    const b = new URL(given);
    return a.protocol === b.protocol && a.hostname === b.hostname && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

function instanceFor(ctx: SandboxContext, client: OidcClient): SsoInstance | undefined {
  if (client.issuerUrl) return instanceForStartUrl(ctx.world, client.issuerUrl);
  // A client registered without an issuer can only mean the one instance there is.
  const active = Object.values(ctx.world.ssoAdmin.instances).filter((i) => i.Status === 'ACTIVE');
  return active.length === 1 ? active[0] : undefined;
}

/** Validates the /authorize query (or the form that re-posts it). */
export function parseAuthorizationRequest(
  ctx: SandboxContext,
  q: Record<string, string>,
): AuthorizationRequest {
  const client = q.client_id ? oidcState(ctx.world).clients[q.client_id] : undefined;
  if (!client || client.expiresAt <= ctx.clock.now())
    throw new AuthorizeError('invalid_client', 'Unknown client_id.');
  const redirectUri = q.redirect_uri ?? '';
  if (!isLoopbackUri(redirectUri) || !client.redirectUris.some((r) => redirectMatches(r, redirectUri))) {
    throw new AuthorizeError('invalid_request', 'redirect_uri is not one this client registered.');
  }
  const back = { uri: redirectUri, state: q.state };
  if (q.response_type !== 'code') {
    throw new AuthorizeError('unsupported_response_type', 'response_type must be code.', back);
  }
  if (!clientAllows(client, GRANT_AUTHORIZATION_CODE)) {
    throw new AuthorizeError('unauthorized_client', 'Client is not registered for authorization_code.', back);
  }
  if (q.code_challenge_method !== 'S256' || !q.code_challenge) {
    throw new AuthorizeError('invalid_request', 'PKCE with code_challenge_method=S256 is required.', back);
  }
  const scopes = (q.scopes ?? q.scope ?? '').split(/[\s,]+/).filter(Boolean);
  const unknown = scopes.find((s) => client.scopes.length > 0 && !client.scopes.includes(s));
  if (unknown) throw new AuthorizeError('invalid_scope', `Scope ${unknown} was not registered.`, back);
  const instance = instanceFor(ctx, client);
  if (!instance)
    throw new AuthorizeError('invalid_request', 'No IAM Identity Center instance for this client.', back);
  return {
    client,
    instance,
    redirectUri,
    state: q.state,
    // The AWS CLI strips the base64 padding; compare without it.
    codeChallenge: q.code_challenge.replace(/=+$/, ''),
    scopes: scopes.length > 0 ? scopes : [...client.scopes],
  };
}

/** The redirect URI with these query parameters added. */
export function redirectTo(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** Signs the user in for this request and returns where to send the browser (?code=…&state=…). */
export function grantAuthorizationCode(
  ctx: SandboxContext,
  request: AuthorizationRequest,
  userName: string,
): string {
  const user = findUserByName(ctx.world, request.instance.IdentityStoreId, userName);
  if (!user) throw new AuthorizeError('access_denied', `No user ${userName} in this identity store.`);
  const now = ctx.clock.now();
  purgeExpired(ctx.world, now);
  const code = randomToken(ctx, 32);
  oidcState(ctx.world).codes[sha256(code)] = {
    codeHash: sha256(code),
    clientId: request.client.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    subject: {
      instanceArn: request.instance.InstanceArn,
      identityStoreId: request.instance.IdentityStoreId,
      userId: user.UserId,
    },
    scopes: request.scopes,
    used: false,
    expiresAt: now + CODE_SECONDS * 1000,
  };
  return redirectTo(request.redirectUri, { code, state: request.state });
}
