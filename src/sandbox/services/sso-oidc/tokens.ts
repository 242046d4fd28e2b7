/**
 * Access and refresh tokens: issuing them at the end of a sign-in, rotating them on refresh, and
 * resolving a bearer token for the SSO portal. Tokens are random (AWS's start with "aoa"/"aor") and
 * stored by hash with what they are bound to: instance, user, client, scopes and expiry.
 */
import type { SandboxContext } from '../../service.js';
import type { IssuedToken, OidcClient, OidcSubject } from './model.js';
import { oidcSettings } from './model.js';
import { clientAllows, GRANT_REFRESH_TOKEN } from './register.js';
import { randomToken, sha256 } from './secrets.js';
import { oidcState } from './state.js';

export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken?: string;
}

/** What a valid access token says about its bearer. */
export interface TokenGrant extends OidcSubject {
  clientId: string;
  scopes: string[];
  sessionId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Issues an access token, and a refresh token when the client may use the refresh_token grant (see
 * clientAllows). A refresh continues the sign-in's session and never outlives it.
 */
export function issueTokens(
  ctx: SandboxContext,
  client: OidcClient,
  subject: OidcSubject,
  scopes: string[],
  session?: { id: string; expiresAt: number },
): TokenResponse {
  const now = ctx.clock.now();
  const settings = oidcSettings(oidcState(ctx.world));
  const sessionId = session?.id ?? ctx.ids.uuid();
  const sessionExpiresAt = session?.expiresAt ?? now + settings.sessionSeconds * 1000;
  const expiresIn = Math.max(
    1,
    Math.min(settings.accessTokenSeconds, Math.floor((sessionExpiresAt - now) / 1000)),
  );
  const tokens = oidcState(ctx.world).tokens;
  const base = {
    clientId: client.clientId,
    subject: { ...subject },
    scopes: [...scopes],
    sessionId,
    sessionExpiresAt,
  };

  const accessToken = `aoa${randomToken(ctx, 48)}`;
  const access: IssuedToken = {
    ...base,
    tokenHash: sha256(accessToken),
    kind: 'access',
    expiresAt: now + expiresIn * 1000,
  };
  tokens[access.tokenHash] = access;
  const out: TokenResponse = { accessToken, tokenType: 'Bearer', expiresIn };

  if (clientAllows(client, GRANT_REFRESH_TOKEN)) {
    const refreshToken = `aor${randomToken(ctx, 48)}`;
    tokens[sha256(refreshToken)] = {
      ...base,
      tokenHash: sha256(refreshToken),
      kind: 'refresh',
      expiresAt: sessionExpiresAt,
    };
    out.refreshToken = refreshToken;
  }
  return out;
}

/** The live token of this kind, or undefined (unknown, expired, revoked, or the other kind). */
export function findToken(
  ctx: SandboxContext,
  token: string,
  kind: IssuedToken['kind'],
): IssuedToken | undefined {
  const found = oidcState(ctx.world).tokens[sha256(token)];
  if (!found || found.kind !== kind || found.expiresAt <= ctx.clock.now()) return undefined;
  return found;
}

/** What a bearer access token grants, for the SSO portal; undefined if it is not a live token. */
export function resolveAccessToken(ctx: SandboxContext, token: string): TokenGrant | undefined {
  const t = findToken(ctx, token, 'access');
  if (!t) return undefined;
  return {
    ...t.subject,
    clientId: t.clientId,
    scopes: [...t.scopes],
    sessionId: t.sessionId,
    expiresAt: t.expiresAt,
  };
}

/** Forgets one token. */
export function revokeToken(ctx: SandboxContext, token: IssuedToken): void {
  delete oidcState(ctx.world).tokens[token.tokenHash];
}

/** Ends a sign-in: every access and refresh token issued in it stops working. */
export function revokeSession(ctx: SandboxContext, sessionId: string): void {
  const tokens = oidcState(ctx.world).tokens;
  for (const [k, t] of Object.entries(tokens)) if (t.sessionId === sessionId) delete tokens[k];
}
