/**
 * SSO OIDC state: registered clients, pending device authorizations and authorization codes, and the
 * access and refresh tokens issued from them. Every secret the sandbox hands out (device codes,
 * authorization codes, tokens) is stored only as its SHA-256, so the persisted state file holds no
 * bearer secrets. Everything expires and is purged, so the state stays bounded.
 */

export interface OidcClient {
  clientId: string;
  clientName: string;
  clientType: string;
  scopes: string[];
  /** Empty for legacy device-code clients, which AWS registers without grant types. */
  grantTypes: string[];
  redirectUris: string[];
  /** The start URL the AWS CLI registers PKCE clients with; it names the instance for /authorize. */
  issuerUrl?: string;
  /** Epoch ms. */
  issuedAt: number;
  /** Epoch ms; the client secret and the client itself stop working then. */
  expiresAt: number;
}

/** Which Identity Center user a sign-in is for, and in which instance. */
export interface OidcSubject {
  instanceArn: string;
  identityStoreId: string;
  userId: string;
}

export interface DeviceAuthorization {
  /** SHA-256 of the device code (the key of `devices`). */
  codeHash: string;
  userCode: string;
  clientId: string;
  instanceArn: string;
  identityStoreId: string;
  scopes: string[];
  status: 'pending' | 'approved' | 'denied' | 'used';
  /** Set once approved. */
  userId?: string;
  /** Epoch ms of the last CreateToken poll, for SlowDownException. */
  lastPolledAt?: number;
  intervalSeconds: number;
  expiresAt: number;
}

export interface AuthorizationCode {
  codeHash: string;
  clientId: string;
  redirectUri: string;
  /** base64url(SHA-256(code_verifier)), as sent to /authorize with code_challenge_method=S256. */
  codeChallenge: string;
  subject: OidcSubject;
  scopes: string[];
  used: boolean;
  expiresAt: number;
}

export interface IssuedToken {
  tokenHash: string;
  kind: 'access' | 'refresh';
  clientId: string;
  subject: OidcSubject;
  scopes: string[];
  /** Groups the tokens of one sign-in, so logout and refresh-token reuse can revoke them together. */
  sessionId: string;
  /** When the sign-in itself ends: refresh tokens are never valid past it. */
  sessionExpiresAt: number;
  expiresAt: number;
}

export interface OidcSettings {
  /** Access-token lifetime; AWS's portal session default is 8 hours. */
  accessTokenSeconds: number;
  /** How long one sign-in (its chain of refresh tokens) lasts. */
  sessionSeconds: number;
}

export interface OidcState {
  /** HMAC key for client secrets; created on first use from the sandbox's id factory. */
  signingKey?: string;
  /** Overrides of DEFAULT_OIDC_SETTINGS (tests shorten token lifetimes through setTokenLifetimes). */
  settings?: Partial<OidcSettings>;
  clients: Record<string, OidcClient>;
  /** Keyed by SHA-256 of the device code. */
  devices: Record<string, DeviceAuthorization>;
  /** Keyed by SHA-256 of the authorization code. */
  codes: Record<string, AuthorizationCode>;
  /** Access and refresh tokens, keyed by SHA-256 of the token. */
  tokens: Record<string, IssuedToken>;
}

export const DEFAULT_OIDC_SETTINGS: OidcSettings = {
  accessTokenSeconds: 8 * 3600,
  sessionSeconds: 7 * 24 * 3600,
};

export function emptyOidcState(): OidcState {
  return { clients: {}, devices: {}, codes: {}, tokens: {} };
}

export function oidcSettings(state: OidcState): OidcSettings {
  return { ...DEFAULT_OIDC_SETTINGS, ...(state.settings ?? {}) };
}
