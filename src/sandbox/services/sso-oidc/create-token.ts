/**
 * CreateToken for the three grants Identity Center's public clients use: device_code (polling after
 * StartDeviceAuthorization), authorization_code with PKCE, and refresh_token (rotating).
 * https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_CreateToken.html
 */
import type { SandboxContext, SandboxRequest } from '../../service.js';
import { oidcError } from './errors.js';
import type { OidcClient } from './model.js';
import {
  authenticateClient,
  clientAllows,
  GRANT_AUTHORIZATION_CODE,
  GRANT_DEVICE_CODE,
  GRANT_REFRESH_TOKEN,
  optionalString,
  requireString,
} from './register.js';
import { pkceChallenge, sha256 } from './secrets.js';
import { findUserById, oidcState, purgeExpired } from './state.js';
import { findToken, issueTokens, revokeSession, revokeToken, type TokenResponse } from './tokens.js';

export function createToken(req: SandboxRequest): TokenResponse {
  const { ctx, params } = req;
  const clientId = requireString(params, 'clientId');
  const clientSecret = requireString(params, 'clientSecret');
  const grantType = requireString(params, 'grantType');
  const client = authenticateClient(ctx, clientId, clientSecret);
  if (![GRANT_DEVICE_CODE, GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN].includes(grantType)) {
    throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType}`);
  }
  if (!clientAllows(client, grantType)) {
    throw oidcError('UnauthorizedClientException', `Client is not registered for the ${grantType} grant`);
  }
  switch (grantType) {
    case GRANT_DEVICE_CODE:
      return deviceCodeGrant(ctx, client, requireString(params, 'deviceCode'));
    case GRANT_AUTHORIZATION_CODE:
      return authorizationCodeGrant(ctx, client, params);
    default:
      return refreshTokenGrant(ctx, client, requireString(params, 'refreshToken'));
  }
}

function deviceCodeGrant(ctx: SandboxContext, client: OidcClient, deviceCode: string): TokenResponse {
  const now = ctx.clock.now();
  const device = oidcState(ctx.world).devices[sha256(deviceCode)];
  // A device code is exchanged once; a replay looks like an unknown code (RFC 8628 §3.5).
  if (!device || device.clientId !== client.clientId || device.status === 'used') {
    throw oidcError('InvalidGrantException', 'Invalid device code provided');
  }
  if (device.expiresAt <= now) throw oidcError('ExpiredTokenException', 'Device code has expired');
  if (device.status === 'denied')
    throw oidcError('AccessDeniedException', 'Authorization was denied by the user');
  if (device.status === 'pending') {
    const tooSoon =
      device.lastPolledAt !== undefined && now - device.lastPolledAt < device.intervalSeconds * 1000;
    device.lastPolledAt = now;
    if (tooSoon) throw oidcError('SlowDownException', 'Client is polling too quickly');
    throw oidcError('AuthorizationPendingException', 'Authorization is still pending');
  }
  device.status = 'used';
  const subject = {
    instanceArn: device.instanceArn,
    identityStoreId: device.identityStoreId,
    userId: device.userId ?? '',
  };
  return issueTokens(ctx, client, subject, device.scopes);
}

function authorizationCodeGrant(
  ctx: SandboxContext,
  client: OidcClient,
  params: Record<string, unknown>,
): TokenResponse {
  const code = requireString(params, 'code');
  const redirectUri = optionalString(params, 'redirectUri');
  const verifier = optionalString(params, 'codeVerifier');
  const stored = oidcState(ctx.world).codes[sha256(code)];
  if (!stored || stored.clientId !== client.clientId || stored.used || stored.expiresAt <= ctx.clock.now()) {
    throw oidcError('InvalidGrantException', 'Invalid authorization code provided');
  }
  // One try per code: a wrong verifier or redirect also burns it, so codes cannot be guessed at.
  stored.used = true;
  if (redirectUri !== stored.redirectUri) {
    throw oidcError('InvalidGrantException', 'redirectUri does not match the authorization request');
  }
  if (!verifier || pkceChallenge(verifier) !== stored.codeChallenge) {
    throw oidcError('InvalidGrantException', 'codeVerifier does not match the code challenge');
  }
  return issueTokens(ctx, client, stored.subject, stored.scopes);
}

function refreshTokenGrant(ctx: SandboxContext, client: OidcClient, refreshToken: string): TokenResponse {
  const stored = findToken(ctx, refreshToken, 'refresh');
  if (!stored || stored.clientId !== client.clientId) {
    throw oidcError('InvalidGrantException', 'Invalid refresh token provided');
  }
  if (!findUserById(ctx.world, stored.subject.identityStoreId, stored.subject.userId)) {
    // The user was deleted: the whole sign-in ends.
    revokeSession(ctx, stored.sessionId);
    throw oidcError('InvalidGrantException', 'The user no longer exists');
  }
  revokeToken(ctx, stored);
  purgeExpired(ctx.world, ctx.clock.now());
  return issueTokens(ctx, client, stored.subject, stored.scopes, {
    id: stored.sessionId,
    expiresAt: stored.sessionExpiresAt,
  });
}
