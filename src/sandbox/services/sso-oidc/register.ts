/**
 * RegisterClient, and the client check every later call makes. A registration lasts 90 days, like
 * AWS's (clientSecretExpiresAt); the AWS CLI re-registers when its cached registration expires.
 * https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_RegisterClient.html
 */
import type { SandboxContext, SandboxRequest } from '../../service.js';
import { oidcError } from './errors.js';
import type { OidcClient } from './model.js';
import { randomToken, signClientSecret, verifyClientSecret } from './secrets.js';
import { oidcState, purgeExpired } from './state.js';

const REGISTRATION_SECONDS = 90 * 24 * 3600;

export const GRANT_DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
export const GRANT_AUTHORIZATION_CODE = 'authorization_code';
export const GRANT_REFRESH_TOKEN = 'refresh_token';
const KNOWN_GRANTS = [GRANT_DEVICE_CODE, GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN];

/** A required string member of a REST-JSON body; InvalidRequestException when absent. */
export function requireString(params: Record<string, unknown>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw oidcError('InvalidRequestException', `${name} is required`);
  return v;
}

export function optionalString(params: Record<string, unknown>, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw oidcError('InvalidRequestException', `${name} must be a string`);
  return v;
}

function stringList(params: Record<string, unknown>, name: string): string[] {
  const v = params[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw oidcError('InvalidRequestException', `${name} must be a list of strings`);
  }
  return v as string[];
}

/** Loopback redirect URIs only: the sandbox never sends codes off this machine (RFC 8252 §7.3). */
export function isLoopbackUri(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

export function registerClient(req: SandboxRequest): unknown {
  const { ctx, params } = req;
  const clientName = requireString(params, 'clientName');
  const clientType = requireString(params, 'clientType');
  if (clientType !== 'public') {
    throw oidcError('InvalidClientMetadataException', `Invalid client type: ${clientType}`);
  }
  const scopes = stringList(params, 'scopes');
  const grantTypes = stringList(params, 'grantTypes');
  const redirectUris = stringList(params, 'redirectUris');
  const issuerUrl = optionalString(params, 'issuerUrl');
  const unknown = grantTypes.find((g) => !KNOWN_GRANTS.includes(g));
  if (unknown) throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${unknown}`);
  const bad = redirectUris.find((u) => !isLoopbackUri(u));
  if (bad) throw oidcError('InvalidRedirectUriException', `Invalid redirect URI: ${bad}`);
  if (grantTypes.includes(GRANT_AUTHORIZATION_CODE) && redirectUris.length === 0) {
    throw oidcError('InvalidRedirectUriException', 'redirectUris are required for authorization_code');
  }

  const now = ctx.clock.now();
  purgeExpired(ctx.world, now);
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + REGISTRATION_SECONDS;
  // AWS client ids are a random part followed by the base64 of the region name.
  const clientId = `${randomToken(ctx, 16)}${Buffer.from(req.region).toString('base64url')}`;
  const client: OidcClient = {
    clientId,
    clientName,
    clientType,
    scopes,
    grantTypes,
    redirectUris,
    issuerUrl,
    issuedAt: issuedAt * 1000,
    expiresAt: expiresAt * 1000,
  };
  oidcState(ctx.world).clients[clientId] = client;
  return {
    clientId,
    clientSecret: signClientSecret(ctx, { clientId, issuedAt, expiresAt }),
    clientIdIssuedAt: issuedAt,
    clientSecretExpiresAt: expiresAt,
  };
}

/** The registered client a (clientId, clientSecret) pair names; InvalidClientException otherwise. */
export function authenticateClient(ctx: SandboxContext, clientId: string, clientSecret: string): OidcClient {
  const claims = verifyClientSecret(ctx, clientSecret);
  const client = oidcState(ctx.world).clients[clientId];
  if (!claims || claims.clientId !== clientId || !client) {
    throw oidcError('InvalidClientException', 'Invalid client credentials');
  }
  if (claims.expiresAt * 1000 <= ctx.clock.now()) {
    throw oidcError('InvalidClientException', 'Client registration has expired');
  }
  return client;
}

/**
 * Clients registered without grant types are device-code clients (the AWS CLI v2 registers its
 * device flow that way); AWS gives them refresh tokens only when they registered scopes, which is
 * how `sso_registration_scopes` turns on automatic token refresh.
 * https://docs.aws.amazon.com/cli/latest/userguide/sso-configure-profile-token.html
 */
export function clientAllows(client: OidcClient, grantType: string): boolean {
  if (client.grantTypes.length > 0) return client.grantTypes.includes(grantType);
  return grantType === GRANT_DEVICE_CODE || (grantType === GRANT_REFRESH_TOKEN && client.scopes.length > 0);
}
