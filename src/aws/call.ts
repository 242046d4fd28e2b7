/**
 * The path of one AWS call: a token from the rate limiter, the call, retries with backoff on
 * retryable errors (each throttle cuts the limiter's rate), and events so progress can show
 * throttles absorbed and retries made. AwsClients.call and the executor both use it.
 */
import type { Clock } from '../core/clock.js';
import type { ErrorClass } from './classify.js';
import { describeAwsError } from './classify.js';
import type { RateLimiter } from './limiter.js';
import { type RetryOptions, withRetry } from './retry.js';

/** Events the AWS layer emits while calling (progress renders them; tests count them). */
export type AwsEvent =
  | { type: 'call'; at: number; service: string; operation: string; attempt: number; account?: string }
  | {
      type: 'throttled';
      at: number;
      service: string;
      operation: string;
      attempt: number;
      delayMs: number;
      account?: string;
      nodeId?: string;
    }
  | {
      type: 'retry';
      at: number;
      service: string;
      operation: string;
      attempt: number;
      delayMs: number;
      errorClass: ErrorClass;
      message: string;
      account?: string;
      nodeId?: string;
    };

/** Receives events; must not throw. */
export type AwsEventListener = (event: AwsEvent) => void;

/** What every call of a context shares: the limiter, retry settings, clock. */
export interface CallPolicy {
  limiter?: RateLimiter;
  retry?: Omit<RetryOptions, 'onRetry' | 'onThrottle' | 'signal' | 'what' | 'clock'>;
  clock: Clock;
}

export interface LimitedCallOptions {
  signal?: AbortSignal;
  /** "<doing> <kind> <id>" for error messages. */
  what?: string;
  account?: string;
  nodeId?: string;
  emit?: AwsEventListener;
}

/** Runs `fn` as call `service:operation` under `policy`; see the module comment. */
export function limitedCall<T>(
  policy: CallPolicy,
  service: string,
  operation: string,
  fn: (attempt: number) => Promise<T>,
  opts: LimitedCallOptions = {},
): Promise<T> {
  const key = `${service}:${operation}`;
  const { clock } = policy;
  const tag = {
    service,
    operation,
    ...(opts.account ? { account: opts.account } : {}),
    ...(opts.nodeId ? { nodeId: opts.nodeId } : {}),
  };
  return withRetry(
    async (attempt) => {
      await policy.limiter?.acquire(key, opts.signal);
      opts.emit?.({ type: 'call', at: clock.now(), attempt, service, operation, account: opts.account });
      return fn(attempt);
    },
    {
      ...policy.retry,
      clock,
      signal: opts.signal,
      what: opts.what ?? `calling ${service}:${operation}`,
      onThrottle: (info) => {
        policy.limiter?.throttled(key);
        opts.emit?.({
          type: 'throttled',
          at: clock.now(),
          attempt: info.attempt,
          delayMs: info.delayMs,
          ...tag,
        });
      },
      onRetry: (info) =>
        opts.emit?.({
          type: 'retry',
          at: clock.now(),
          attempt: info.attempt,
          delayMs: info.delayMs,
          errorClass: info.errorClass,
          message: describeAwsError(info.error),
          ...tag,
        }),
    },
  );
}

/** Calls made per `service:Operation` (attempts, not logical calls: a retry counts again). */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  /** Listener to attach to an event stream. */
  readonly listener: AwsEventListener = (e) => {
    if (e.type === 'call') this.add(`${e.service}:${e.operation}`);
  };

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Counts sorted by key. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Total across keys, or for one service. */
  total(service?: string): number {
    let n = 0;
    for (const [k, v] of this.counts) if (!service || k.startsWith(`${service}:`)) n += v;
    return n;
  }
}
