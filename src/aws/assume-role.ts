/**
 * A member-account session: credentials from sts:AssumeRole, cached and renewed shortly before
 * they expire, with concurrent callers sharing one renewal (so a burst of calls at expiry makes
 * one AssumeRole, not fifty).
 */
import type { Clock } from '../core/clock.js';
import type { AwsCredentials } from './service-clients.js';

/** The role a session assumes. */
export interface AssumedRole {
  roleArn: string;
  sessionName: string;
}

/** Cached assumed-role credentials; see the module comment. */
export class AssumedRoleSession {
  private current?: AwsCredentials;
  private renewing?: Promise<AwsCredentials>;
  private assumed = 0;
  private readonly refreshBeforeMs: number;
  private readonly clock: Clock;

  constructor(
    readonly role: AssumedRole,
    private readonly assume: () => Promise<AwsCredentials>,
    opts: { clock: Clock; refreshBeforeMs?: number },
  ) {
    this.clock = opts.clock;
    this.refreshBeforeMs = opts.refreshBeforeMs ?? 5 * 60_000;
  }

  /** AssumeRole calls made so far. */
  get assumeCount(): number {
    return this.assumed;
  }

  /** Valid credentials: the cached ones, or fresh ones when they are missing or about to expire. */
  credentials(signal?: AbortSignal): Promise<AwsCredentials> {
    const c = this.current;
    if (c && (!c.expiration || c.expiration.getTime() - this.refreshBeforeMs > this.clock.now())) {
      return Promise.resolve(c);
    }
    signal?.throwIfAborted();
    if (!this.renewing) {
      this.assumed++;
      const pending = this.assume().then((fresh) => {
        this.current = fresh;
        return fresh;
      });
      this.renewing = pending;
      const clear = () => {
        if (this.renewing === pending) this.renewing = undefined;
      };
      pending.then(clear, clear);
    }
    return this.renewing;
  }
}
