/**
 * A virtual clock for concurrent code. ManualClock advances on every sleep, so two tasks sleeping
 * 1 s "at the same time" move it by 2 s; that is exact for one sleeper (a limiter's pump, a
 * waiter) but not for an executor running 15 operations at once. VirtualClock keeps real timer
 * semantics instead: sleeps resolve in deadline order, and whenever every task is blocked on a
 * sleep, time jumps to the earliest deadline. Tests stay instant and repeatable.
 */
import type { Clock } from '../core/clock.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** See the module comment. */
export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  private pending = false;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Moves time forward by hand (timers due by then fire). */
  advance(ms: number): void {
    this.t += ms;
    this.schedule();
  }

  /** Timers not yet fired. */
  get sleeping(): number {
    return this.timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.schedule();
    });
  }

  // setImmediate runs after every pending promise continuation, i.e. once all tasks are blocked.
  private schedule(): void {
    if (this.pending || this.timers.length === 0) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.fireNext();
    });
  }

  private fireNext(): void {
    if (this.timers.length === 0) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const at = Math.max(this.t, this.timers[0].at);
    this.t = at;
    const due = this.timers.filter((x) => x.at <= at);
    this.timers = this.timers.filter((x) => x.at > at);
    for (const x of due) x.resolve();
    this.schedule();
  }
}
