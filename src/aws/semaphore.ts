/**
 * In-flight caps for AWS's asynchronous operations: an operation holds a slot from the moment it
 * is submitted until its waiter sees it finish, so we never have more outstanding than AWS allows
 * (15 assignment creations, 5 account creations; quotas.ts).
 */
import { OnrampError } from '../core/errors.js';
import { EngineCode } from './codes.js';
import { AWS_IN_FLIGHT_CAPS } from './quotas.js';

/** Gives a slot back; calling it twice is harmless. */
export type Release = () => void;

/** A counting semaphore with FIFO waiters. */
export class Semaphore {
  private held = 0;
  private highWater = 0;
  private readonly queue: Array<(release: Release) => void> = [];

  constructor(
    readonly limit: number,
    readonly name = 'semaphore',
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new OnrampError(EngineCode.badOption, `in-flight cap ${name} ${limit} is not a positive integer`);
    }
  }

  /** Slots held now. */
  get inFlight(): number {
    return this.held;
  }

  /** The most slots ever held at once (what tests assert caps with). */
  get peak(): number {
    return this.highWater;
  }

  /** Callers queued for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** A slot now, or undefined when all are held (for schedulers that must not block). */
  tryAcquire(): Release | undefined {
    if (this.held >= this.limit || this.queue.length > 0) return undefined;
    return this.grant();
  }

  /** Waits for a slot (first come, first served); rejects with ONR-E203 if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<Release> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise<Release>((resolve, reject) => {
      const cancel = () => {
        const i = this.queue.indexOf(take);
        if (i >= 0) this.queue.splice(i, 1);
        reject(
          new OnrampError(EngineCode.aborted, `waiting for a ${this.name} slot: cancelled`, {
            cause: signal?.reason,
          }),
        );
      };
      const take = (release: Release) => {
        signal?.removeEventListener('abort', cancel);
        resolve(release);
      };
      if (signal?.aborted) return cancel();
      signal?.addEventListener('abort', cancel, { once: true });
      this.queue.push(take);
    });
  }

  /** Runs `fn` holding a slot for its whole duration. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private grant(): Release {
    this.held++;
    this.highWater = Math.max(this.highWater, this.held);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      const next = this.queue.shift();
      if (next) next(this.grant());
    };
  }
}

/** One semaphore per cap name: AWS's defaults (quotas.ts) with `caps` over them. */
export function semaphoresFor(caps: Readonly<Record<string, number>> = {}): Map<string, Semaphore> {
  const merged = { ...AWS_IN_FLIGHT_CAPS, ...caps };
  return new Map(Object.entries(merged).map(([name, limit]) => [name, new Semaphore(limit, name)]));
}
