/**
 * One poller for many outstanding asynchronous requests. sso-admin can have 15 assignment
 * creations in flight and a big apply submits hundreds: one Describe… per request per second
 * would spend the service's shared 20 TPS on polling. Instead, once per interval, the poller asks
 * one list-style status call about every outstanding id (ListAccountAssignmentCreationStatus or
 * ListPermissionSetProvisioningStatus with a Filter, ListCreateAccountStatus with States — or a
 * Describe… per id with batchSize 1) and resolves each waiter from the answer.
 */
import { type Clock, realClock } from '../core/clock.js';
import { type Classifier, classifyAwsError, describeAwsError, isRetryableClass } from './classify.js';
import type { WaitResult } from './waiter.js';

export interface BatchPollerOptions<T> {
  /**
   * One status call about these ids (at most batchSize). Return the statuses it learned; ids it
   * leaves out stay pending. A list filtered to IN_PROGRESS should resolve the rest with a
   * Describe… inside this function so finished requests report their final state.
   */
  list: (ids: readonly string[]) => Promise<ReadonlyMap<string, T>>;
  isDone: (status: T) => boolean;
  /** A terminal failure: return AWS's FailureReason (or true). */
  isFailed?: (status: T) => string | boolean | undefined;
  /** Time between polling rounds (default 1 s). */
  intervalMs?: number;
  /** Ids per status call (default: all in one). */
  batchSize?: number;
  /** Per waiter, from when it was registered; checked after each round (default 15 min). */
  timeoutMs?: number;
  classify?: Classifier;
  clock?: Clock;
  /** Aborts every waiter of this poller. */
  signal?: AbortSignal;
}

interface Entry<T> {
  readonly deadline: number;
  attempts: number;
  last?: T;
  reason?: string;
  error?: unknown;
  readonly promise: Promise<WaitResult<T>>;
  resolve: (r: WaitResult<T>) => void;
}

/** Resolves many waiters from one periodic status call; see the module comment. */
export class BatchPoller<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private running = false;
  private calls = 0;
  private readonly clock: Clock;

  constructor(private readonly options: BatchPollerOptions<T>) {
    this.clock = options.clock ?? realClock;
  }

  /** Requests still pending. */
  get outstanding(): number {
    return this.entries.size;
  }

  /** Status calls made so far. */
  get listCalls(): number {
    return this.calls;
  }

  /** Waits for request `id`; a second wait for the same id shares the first's result. */
  wait(id: string, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<WaitResult<T>> {
    const existing = this.entries.get(id);
    if (existing) return existing.promise;
    if (this.options.signal?.aborted || opts.signal?.aborted) {
      return Promise.resolve({ state: 'aborted', attempts: 0 });
    }
    let resolve!: (r: WaitResult<T>) => void;
    const promise = new Promise<WaitResult<T>>((r) => {
      resolve = r;
    });
    const entry: Entry<T> = {
      deadline: this.clock.now() + (opts.timeoutMs ?? this.options.timeoutMs ?? 15 * 60_000),
      attempts: 0,
      promise,
      resolve,
    };
    this.entries.set(id, entry);
    const onAbort = () => {
      if (this.entries.get(id) === entry) this.finish(id, { state: 'aborted', error: opts.signal?.reason });
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => opts.signal?.removeEventListener('abort', onAbort));
    if (!this.running) void this.loop();
    return promise;
  }

  private finish(id: string, result: Omit<WaitResult<T>, 'attempts'>): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    e.resolve({ ...result, attempts: e.attempts });
  }

  private async loop(): Promise<void> {
    this.running = true;
    const { signal } = this.options;
    try {
      while (this.entries.size > 0) {
        try {
          await this.clock.sleep(this.options.intervalMs ?? 1_000, signal);
        } catch {
          // Aborted sleep: handled just below.
        }
        if (signal?.aborted) {
          for (const id of [...this.entries.keys()])
            this.finish(id, { state: 'aborted', error: signal.reason });
          return;
        }
        await this.round();
        const now = this.clock.now();
        for (const [id, e] of [...this.entries]) {
          if (now >= e.deadline) {
            this.finish(id, { state: 'timeout', value: e.last, reason: e.reason, error: e.error });
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async round(): Promise<void> {
    const ids = [...this.entries.keys()].sort();
    const size = Math.max(1, this.options.batchSize ?? ids.length);
    const classify = this.options.classify ?? classifyAwsError;
    for (let i = 0; i < ids.length; i += size) {
      const chunk = ids.slice(i, i + size);
      let statuses: ReadonlyMap<string, T>;
      try {
        this.calls++;
        statuses = await this.options.list(chunk);
      } catch (error) {
        const reason = describeAwsError(error);
        const retry = isRetryableClass(classify(error));
        for (const id of chunk) {
          const e = this.entries.get(id);
          if (!e) continue;
          e.attempts++;
          Object.assign(e, { reason, error });
          // A throttled or failing status call is tried again next round; anything else is final.
          if (!retry) this.finish(id, { state: 'failure', value: e.last, reason, error });
        }
        continue;
      }
      for (const id of chunk) {
        const e = this.entries.get(id);
        if (!e) continue;
        e.attempts++;
        const status = statuses.get(id);
        if (status === undefined) continue;
        e.last = status;
        if (this.options.isDone(status)) {
          this.finish(id, { state: 'success', value: status });
          continue;
        }
        const failed = this.options.isFailed?.(status);
        if (failed) {
          const reason = typeof failed === 'string' ? failed : 'the operation reported failure';
          this.finish(id, { state: 'failure', value: status, reason });
        }
      }
    }
  }
}
