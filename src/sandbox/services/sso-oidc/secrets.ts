/**
 * The opaque strings SSO OIDC hands out. Client secrets are signed with a key kept in the world, so a
 * secret that was not issued here (or was edited) is rejected without a lookup; codes and tokens are
 * random and stored only as their SHA-256.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../../service.js';
import { oidcState } from './state.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `bytes` random bytes from the sandbox's (injectable) randomness, base64url-encoded. */
export function randomToken(ctx: SandboxContext, bytes: number): string {
  return Buffer.from(ctx.ids.hex(bytes * 2), 'hex').toString('base64url');
}

function signingKey(ctx: SandboxContext): string {
  const state = oidcState(ctx.world);
  state.signingKey ??= ctx.ids.hex(64);
  return state.signingKey;
}

function mac(ctx: SandboxContext, payload: string): Buffer {
  return createHmac('sha256', signingKey(ctx)).update(payload).digest();
}

interface SecretClaims {
  clientId: string;
  /** Epoch seconds, as RegisterClient reports them. */
  issuedAt: number;
  expiresAt: number;
}

/** A client secret: base64url(claims) "." base64url(HMAC-SHA256(key, claims)). */
export function signClientSecret(ctx: SandboxContext, claims: SecretClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(ctx, payload).toString('base64url')}`;
}

/** The claims of a secret this sandbox signed, or undefined for anything else. */
export function verifyClientSecret(ctx: SandboxContext, secret: string): SecretClaims | undefined {
  const [payload, signature, extra] = secret.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = mac(ctx, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SecretClaims;
    return typeof claims.clientId === 'string' && typeof claims.expiresAt === 'number' ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** base64url(SHA-256(verifier)): the PKCE S256 transformation (RFC 7636 §4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
