/**
 * Retries for AWS calls: decisions read the error class only (classify.ts), delays are full-jitter
 * exponential backoff, a shared budget stops a run from hammering a failing service, and every
 * throttle is reported so the limiter can slow down (adaptive rate).
 *
 * Full jitter: https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 * The SDK's own retries are turned off (clients.ts) so that this layer is the only one.
 */
import { type Clock, type Random, realClock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import {
  type Classifier,
  classifyAwsError,
  describeAwsError,
  type ErrorClass,
  RETRYABLE_CLASSES,
  retryAfterMs,
} from './classify.js';
import { EngineCode } from './codes.js';
import type { RetryBudget } from './retry-budget.js';

export { RetryBudget, type RetryBudgetOptions } from './retry-budget.js';

/** What `onRetry` and `onThrottle` are told about a failed attempt that will be retried. */
export interface RetryInfo {
  /** The attempt that failed (1-based). */
  attempt: number;
  /** How long we wait before the next attempt. */
  delayMs: number;
  errorClass: ErrorClass;
  error: unknown;
}

export interface RetryOptions {
  /** Defaults to the AWS table in classify.ts. */
  classify?: Classifier;
  /** Classes to retry; default throttling, transient, server, conflict. */
  retryable?: readonly ErrorClass[];
  /** Attempts in all, including the first (default 6). */
  maxAttempts?: number;
  /** Backoff base for non-throttling retries (default 100 ms). */
  baseDelayMs?: number;
  /** Backoff base after a throttle, larger because the service asked us to slow down (default 500 ms). */
  throttleBaseDelayMs?: number;
  /** No single wait exceeds this, unless AWS asked for longer (default 20 s). */
  maxDelayMs?: number;
  /** Shared across a run; when it is empty, retryable errors are final. */
  budget?: RetryBudget;
  clock?: Clock;
  random?: Random;
  signal?: AbortSignal;
  /** Called before each backoff wait. */
  onRetry?: (info: RetryInfo) => void;
  /** The adaptive rate signal: called on every throttle so a limiter can cut its rate. */
  onThrottle?: (info: RetryInfo) => void;
  /** "<doing> <kind> <id>" for messages, e.g. "creating IAM Role (deploy)". */
  what?: string;
}

/** An AWS call that failed for good: the last error, its class and how many attempts were made. */
export class AwsCallError extends OnrampError {
  readonly attempts: number;
  readonly errorClass: ErrorClass;

  constructor(
    code: string,
    message: string,
    opts: { attempts: number; errorClass: ErrorClass; cause: unknown; hint?: string },
  ) {
    super(code, message, {
      cause: opts.cause,
      hint: opts.hint,
      details: { attempts: opts.attempts, errorClass: opts.errorClass },
    });
    this.name = 'AwsCallError';
    this.attempts = opts.attempts;
    this.errorClass = opts.errorClass;
  }
}

/** The backoff before attempt `attempt + 1`: uniform in [0, min(cap, base·2^(attempt-1))). */
export function backoffDelay(
  attempt: number,
  errorClass: ErrorClass,
  opts: Pick<RetryOptions, 'baseDelayMs' | 'throttleBaseDelayMs' | 'maxDelayMs'>,
  random: Random,
): number {
  const base = errorClass === 'throttling' ? (opts.throttleBaseDelayMs ?? 500) : (opts.baseDelayMs ?? 100);
  const ceiling = Math.min(opts.maxDelayMs ?? 20_000, base * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}

/** Throws the engine's cancellation error if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) {
    throw new OnrampError(EngineCode.aborted, `${what ? `${what}: ` : ''}cancelled`, {
      cause: signal.reason,
      hint: 'The run was cancelled; run the same command again to continue where it stopped.',
    });
  }
}

/**
 * Runs `fn` until it succeeds, retrying retryable classes with backoff. Resolves with its value or
 * throws an {@link AwsCallError} carrying the last error (as `cause`) and the attempts made; an
 * OnrampError thrown by `fn` (already in context) is rethrown as it is.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const classify = options.classify ?? classifyAwsError;
  const retryable = options.retryable ?? RETRYABLE_CLASSES;
  const maxAttempts = options.maxAttempts ?? 6;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new OnrampError(EngineCode.badOption, `retry maxAttempts ${maxAttempts} is not a positive integer`);
  }
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const prefix = options.what ? `${options.what}: ` : '';
  let spent = 0;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(options.signal, options.what);
    let error: unknown;
    try {
      const value = await fn(attempt);
      options.budget?.succeeded(spent);
      return value;
    } catch (e) {
      error = e;
    }
    throwIfAborted(options.signal, options.what);
    const errorClass = classify(error);
    const fail = (code: string, why: string, hint?: string): AwsCallError =>
      new AwsCallError(code, `${prefix}${describeAwsError(error)}${why}`, {
        attempts: attempt,
        errorClass,
        cause: error,
        hint,
      });
    // Our own errors (an inner call that already retried, a waiter's failure) keep their message.
    if (!retryable.includes(errorClass) && error instanceof OnrampError) throw error;
    if (!retryable.includes(errorClass)) throw fail(EngineCode.rejected, '');
    if (attempt >= maxAttempts) {
      throw fail(
        EngineCode.retriesExhausted,
        ` (gave up after ${attempt} attempts)`,
        errorClass === 'throttling'
          ? 'AWS kept throttling; run again later, or lower the rate limits for this service.'
          : 'AWS kept failing; run again later (the run resumes where it stopped).',
      );
    }
    const cost = options.budget?.take(errorClass);
    if (cost === 0) {
      throw fail(
        EngineCode.budgetExhausted,
        ` (retry budget exhausted after ${attempt} attempts)`,
        'Too many calls failed across this run; check the service health and run again later.',
      );
    }
    spent += cost ?? 0;
    const delayMs = Math.max(backoffDelay(attempt, errorClass, options, random), retryAfterMs(error) ?? 0);
    const info: RetryInfo = { attempt, delayMs, errorClass, error };
    if (errorClass === 'throttling') options.onThrottle?.(info);
    options.onRetry?.(info);
    try {
      await clock.sleep(delayMs, options.signal);
    } catch {
      // An aborted sleep rejects with the signal's reason; report it as cancellation.
    }
  }
}
