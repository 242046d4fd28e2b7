/** Temporary credentials: minting them, and forgetting them some time after they expire. */
import type { Credential, Principal } from '../../principal.js';
import type { SandboxContext } from '../../service.js';

/**
 * Expired keys stay known this long, so a client still using one hears ExpiredToken (as from AWS)
 * rather than InvalidClientTokenId; after that they are purged so the world does not grow forever.
 */
export const EXPIRED_RETENTION_MS = 60 * 60 * 1000;

/** A sweep walks every credential, so mints sweep at most once a minute (of the sandbox clock). */
const SWEEP_INTERVAL_MS = 60 * 1000;
const lastSweep = new WeakMap<object, number>();

/** Registers a new ASIA… key for `principal`, valid for `durationSeconds` from now. */
export function mintTemporaryCredential(
  ctx: SandboxContext,
  principal: Principal,
  durationSeconds: number,
): Credential {
  const now = ctx.clock.now();
  if (now - (lastSweep.get(ctx.world) ?? Number.NEGATIVE_INFINITY) >= SWEEP_INTERVAL_MS) {
    lastSweep.set(ctx.world, now);
    purgeExpiredCredentials(ctx);
  }
  const credential: Credential = {
    accessKeyId: ctx.ids.accessKeyId(true),
    secretAccessKey: ctx.ids.secretAccessKey(),
    sessionToken: ctx.ids.sessionToken(),
    expiration: now + durationSeconds * 1000,
    principal,
  };
  ctx.world.credentials[credential.accessKeyId] = credential;
  return credential;
}

/** Drops temporary credentials that expired more than EXPIRED_RETENTION_MS ago. */
export function purgeExpiredCredentials(ctx: SandboxContext): number {
  const cutoff = ctx.clock.now() - EXPIRED_RETENTION_MS;
  let purged = 0;
  for (const [key, c] of Object.entries(ctx.world.credentials)) {
    if (c.expiration !== undefined && c.expiration < cutoff) {
      delete ctx.world.credentials[key];
      purged++;
    }
  }
  return purged;
}

/** The Credentials member of AssumeRole and GetSessionToken answers. */
export function credentialsView(c: Credential) {
  return {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    SessionToken: c.sessionToken,
    Expiration: new Date(c.expiration ?? 0),
  };
}
