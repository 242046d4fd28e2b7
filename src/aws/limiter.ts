/**
 * Client-side rate limiting: one token bucket per key, sized to AWS's quotas (quotas.ts), that
 * slows down when AWS throttles anyway (AIMD: cut the rate multiplicatively on a throttle, recover
 * it linearly over time). Waiters are served first come, first served by a single pump per bucket,
 * so at most one timer runs per key and virtual clocks (ManualClock) give exact timings.
 */
import { type Clock, realClock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import { EngineCode } from './codes.js';
import { AWS_RATE_RULES } from './quotas.js';

/** A sustained rate and a burst for one key. */
export interface RateRule {
  /** Requests per second; Infinity for no limit. */
  rate: number;
  /** Bucket size: requests that may go at once after a quiet spell (default max(1, rate)). */
  burst?: number;
  /** For a service rule: one bucket per operation (identitystore's "20 TPS per API"). */
  perOperation?: boolean;
}

/** How the limiter adapts to throttles. */
export interface AimdOptions {
  /** Factor applied to the rate on a throttle (default 0.5). */
  decrease?: number;
  /** The rate never falls below this fraction of the configured rate (default 0.05). */
  minFraction?: number;
  /** Time to climb back from zero to the configured rate; recovery is linear (default 30 s). */
  recoverMs?: number;
  /** Throttles within this long of a cut belong to the same burst and do not cut again (default 1 s). */
  cooldownMs?: number;
}

export interface RateLimiterOptions {
  /** Rules by `service` or `service:Operation`; default AWS_RATE_RULES. */
  rules?: Readonly<Record<string, RateRule>>;
  /** Rule for keys no rule matches; default unlimited. */
  fallback?: RateRule;
  clock?: Clock;
  aimd?: AimdOptions;
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
  cleanup: () => void;
}

interface Bucket {
  readonly key: string;
  readonly base: number;
  readonly burst: number;
  tokens: number;
  updated: number;
  /** Rate right after the last cut, and when it happened (recovery climbs from there). */
  cutRate: number;
  cutAt: number;
  throttles: number;
  queue: Waiter[];
  pumping: boolean;
  /** Cuts the pump's sleep short when its last waiter gives up, so no timer outlives the work. */
  wake?: AbortController;
}

/** A snapshot of one bucket, for progress and tests. */
export interface BucketStats {
  key: string;
  rate: number;
  baseRate: number;
  waiting: number;
  throttles: number;
}

const EPSILON = 1e-9;

/** Token buckets per key with adaptive rates; see the module comment. */
export class RateLimiter {
  private readonly rules: Readonly<Record<string, RateRule>>;
  private readonly fallback: RateRule;
  private readonly clock: Clock;
  private readonly decrease: number;
  private readonly minFraction: number;
  private readonly recoverMs: number;
  private readonly cooldownMs: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: RateLimiterOptions = {}) {
    this.rules = options.rules ?? AWS_RATE_RULES;
    this.fallback = options.fallback ?? { rate: Number.POSITIVE_INFINITY };
    this.clock = options.clock ?? realClock;
    this.decrease = options.aimd?.decrease ?? 0.5;
    this.minFraction = options.aimd?.minFraction ?? 0.05;
    this.recoverMs = options.aimd?.recoverMs ?? 30_000;
    this.cooldownMs = options.aimd?.cooldownMs ?? 1_000;
    for (const [key, rule] of Object.entries({ ...this.rules, '(fallback)': this.fallback })) {
      if (!(rule.rate > 0) || (rule.burst !== undefined && !(rule.burst >= 1))) {
        throw new OnrampError(
          EngineCode.badOption,
          `rate limit ${key}: rate ${rule.rate}/s burst ${rule.burst} is out of range`,
          { hint: 'A rate must be above 0 per second and a burst at least 1.' },
        );
      }
    }
    if (!(this.decrease > 0 && this.decrease < 1)) {
      throw new OnrampError(EngineCode.badOption, `AIMD decrease ${this.decrease} must be between 0 and 1`);
    }
  }

  /**
   * The bucket a key draws from: `service:Operation` has its own rule, or shares its service's
   * bucket, or gets one per operation when the service rule says so.
   */
  bucketKey(key: string): string {
    if (this.rules[key]) return key;
    const service = key.split(':')[0];
    const rule = this.rules[service];
    if (!rule) return key;
    return rule.perOperation ? key : service;
  }

  /** Waits for a token for `key` (`service` or `service:Operation`); rejects if `signal` aborts. */
  acquire(key: string, signal?: AbortSignal): Promise<void> {
    const b = this.bucket(key);
    if (signal?.aborted) return Promise.reject(cancelled(key, signal));
    if (b.base === Number.POSITIVE_INFINITY) return Promise.resolve();
    this.refill(b);
    if (b.queue.length === 0 && b.tokens >= 1 - EPSILON) {
      b.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = b.queue.indexOf(waiter);
        if (i >= 0) b.queue.splice(i, 1);
        if (b.queue.length === 0) b.wake?.abort();
        reject(cancelled(key, signal));
      };
      const waiter: Waiter = {
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      b.queue.push(waiter);
      if (!b.pumping) void this.pump(b);
    });
  }

  /** The adaptive signal: AWS throttled a call on `key`; cut its bucket's rate (once per burst). */
  throttled(key: string): void {
    const b = this.bucket(key);
    if (b.base === Number.POSITIVE_INFINITY) return;
    b.throttles++;
    const now = this.clock.now();
    if (now - b.cutAt < this.cooldownMs) return;
    this.refill(b);
    b.cutRate = Math.max(b.base * this.minFraction, this.rateAt(b, now) * this.decrease);
    b.cutAt = now;
    // A burst right after a throttle would be throttled again.
    b.tokens = 0;
  }

  /** The rate `key`'s bucket runs at now (requests per second). */
  currentRate(key: string): number {
    return this.rateAt(this.bucket(key), this.clock.now());
  }

  /** Every bucket used so far. */
  stats(): BucketStats[] {
    const now = this.clock.now();
    return [...this.buckets.values()]
      .map((b) => ({
        key: b.key,
        rate: this.rateAt(b, now),
        baseRate: b.base,
        waiting: b.queue.length,
        throttles: b.throttles,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  private bucket(key: string): Bucket {
    const bk = this.bucketKey(key);
    let b = this.buckets.get(bk);
    if (!b) {
      const rule = this.rules[bk] ?? this.rules[bk.split(':')[0]] ?? this.fallback;
      const burst = rule.burst ?? Math.max(1, rule.rate);
      const now = this.clock.now();
      b = {
        key: bk,
        base: rule.rate,
        burst,
        tokens: burst,
        updated: now,
        cutRate: rule.rate,
        cutAt: Number.NEGATIVE_INFINITY,
        throttles: 0,
        queue: [],
        pumping: false,
      };
      this.buckets.set(bk, b);
    }
    return b;
  }

  private rateAt(b: Bucket, now: number): number {
    if (b.cutAt === Number.NEGATIVE_INFINITY) return b.base;
    return Math.min(b.base, b.cutRate + (b.base * (now - b.cutAt)) / this.recoverMs);
  }

  private refill(b: Bucket): void {
    const now = this.clock.now();
    const elapsed = now - b.updated;
    if (elapsed > 0) b.tokens = Math.min(b.burst, b.tokens + (elapsed * this.rateAt(b, now)) / 1000);
    b.updated = now;
  }

  private async pump(b: Bucket): Promise<void> {
    b.pumping = true;
    try {
      while (b.queue.length > 0) {
        this.refill(b);
        if (b.tokens >= 1 - EPSILON) {
          b.tokens = Math.max(0, b.tokens - 1);
          const w = b.queue.shift()!;
          w.cleanup();
          w.resolve();
          continue;
        }
        const rate = this.rateAt(b, this.clock.now());
        const wake = new AbortController();
        b.wake = wake;
        try {
          await this.clock.sleep(Math.max(1, Math.ceil(((1 - b.tokens) * 1000) / rate)), wake.signal);
        } catch {
          // Woken early: every waiter left; the loop condition ends the pump.
        } finally {
          b.wake = undefined;
        }
      }
    } finally {
      b.pumping = false;
    }
  }
}

function cancelled(key: string, signal: AbortSignal | undefined): OnrampError {
  return new OnrampError(EngineCode.aborted, `waiting for a ${key} request slot: cancelled`, {
    cause: signal?.reason,
  });
}

// The in-flight caps live beside the rate limits they complement.
export { type Release, Semaphore, semaphoresFor } from './semaphore.js';
