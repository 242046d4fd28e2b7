/**
 * The one waiter for every asynchronous AWS operation (STYLE 4): poll a status until it reaches a
 * target or failure state, with backoff between polls, a time limit, cancellation, and an allowance
 * for "not found yet" (eventual consistency right after a create). It returns a tagged result
 * rather than throwing, like the SDK's own waiters; `expectSuccess` turns it into an error.
 *
 * Delays follow smithy's waiter rule: uniform between minDelay and
 * min(maxDelay, minDelay·2^(attempt-1)).
 */
import { type Clock, type Random, realClock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import { type Classifier, classifyAwsError, describeAwsError, isRetryableClass } from './classify.js';
import { EngineCode } from './codes.js';

/** How a wait ended. */
export type WaitState = 'success' | 'failure' | 'timeout' | 'aborted';

/** The tagged outcome of a wait. */
export interface WaitResult<T> {
  state: WaitState;
  /** The last status seen (on success, the target status). */
  value?: T;
  /** Why it failed or timed out: AWS's FailureReason, or the last error. */
  reason?: string;
  /** The error that ended (or last interrupted) the wait, if any. */
  error?: unknown;
  /** Status calls made. */
  attempts: number;
}

/** What to do when the status call says the thing does not exist (yet, or any more). */
export type NotFoundAllowance = 'retry' | 'success' | 'failure';

export interface WaitForOptions<T> {
  /** One status call; `attempt` is 1-based. */
  poll: (attempt: number) => Promise<T>;
  /** The target state. */
  isDone: (value: T) => boolean;
  /** A terminal failure: return its reason (or true). */
  isFailed?: (value: T) => string | boolean | undefined;
  timeoutMs: number;
  /** Default 1 s. */
  minDelayMs?: number;
  /** Default 30 s. */
  maxDelayMs?: number;
  /**
   * Not-found from `poll`: 'retry' right after a create (eventual consistency), 'success' when
   * waiting for a deletion, 'failure' otherwise (the default).
   */
  notFound?: NotFoundAllowance;
  classify?: Classifier;
  clock?: Clock;
  random?: Random;
  signal?: AbortSignal;
}

/** The wait before poll `attempt + 1`. */
export function waiterDelay(attempt: number, minDelayMs: number, maxDelayMs: number, random: Random): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(minDelayMs + random() * Math.max(0, ceiling - minDelayMs));
}

/** Polls until done, failed, timed out or aborted; never throws for those. */
export async function waitFor<T>(options: WaitForOptions<T>): Promise<WaitResult<T>> {
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const classify = options.classify ?? classifyAwsError;
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = Math.max(minDelay, options.maxDelayMs ?? 30_000);
  const deadline = clock.now() + options.timeoutMs;
  const { signal } = options;
  let last: Pick<WaitResult<T>, 'value' | 'reason' | 'error'> = {};
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) return { state: 'aborted', attempts: attempt - 1, ...last, error: signal.reason };
    try {
      const value = await options.poll(attempt);
      last = { value };
      if (options.isDone(value)) return { state: 'success', value, attempts: attempt };
      const failed = options.isFailed?.(value);
      if (failed) {
        const reason = typeof failed === 'string' ? failed : 'the operation reported failure';
        return { state: 'failure', value, reason, attempts: attempt };
      }
    } catch (error) {
      const cls = classify(error);
      const reason = describeAwsError(error);
      const allowance = options.notFound ?? 'failure';
      if (cls === 'not-found' && allowance === 'success') return { state: 'success', attempts: attempt };
      const keepGoing = cls === 'not-found' ? allowance === 'retry' : isRetryableClass(cls);
      if (!keepGoing) return { state: 'failure', reason, error, attempts: attempt };
      last = { ...last, reason, error };
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) return { state: 'timeout', attempts: attempt, ...last };
    try {
      await clock.sleep(Math.min(remaining, waiterDelay(attempt, minDelay, maxDelay, random)), signal);
    } catch {
      // An aborted sleep: the check at the top of the loop reports it.
    }
  }
}

/** What the thing being waited on is called, for messages: "<doing> <kind> <id>". */
export interface WaitSubject {
  /** e.g. "waiting for SSO Account Assignment (ps-…, 123456789012) to be created" */
  what: string;
  hint?: string;
  /**
   * 'async' (default): an AWS operation's status; 'propagation': a probeUntil result, whose
   * timeout means the change never became visible (ONR-E209) and whose failure is a final error.
   */
  kind?: 'async' | 'propagation';
}

/**
 * The value of a successful wait, or an OnrampError: ONR-E204 (failed, with AWS's reason),
 * ONR-E205 (timed out) or ONR-E203 (aborted); for probes, ONR-E200 and ONR-E209.
 */
export function expectSuccess<T>(result: WaitResult<T>, subject: WaitSubject): T | undefined {
  const details = { attempts: result.attempts, state: result.state };
  const propagation = subject.kind === 'propagation';
  switch (result.state) {
    case 'success':
      return result.value;
    case 'failure':
      throw new OnrampError(
        propagation ? EngineCode.rejected : EngineCode.asyncFailed,
        `${subject.what}: ${result.reason}`,
        { cause: result.error, hint: subject.hint, details },
      );
    case 'timeout': {
      const last = result.reason ? ` (last: ${result.reason})` : '';
      const what = propagation
        ? `not visible after ${result.attempts} probes${last}`
        : `not finished after ${result.attempts} status checks${last}`;
      throw new OnrampError(
        propagation ? EngineCode.propagationTimeout : EngineCode.asyncTimeout,
        `${subject.what}: ${what}`,
        {
          cause: result.error,
          hint:
            subject.hint ??
            (propagation
              ? 'IAM changes usually land within 30 s; wait a minute and run onramp verify.'
              : 'AWS is slow today; run the same command again to pick up where it stopped.'),
          details,
        },
      );
    }
    case 'aborted':
      throw new OnrampError(EngineCode.aborted, `${subject.what}: cancelled`, {
        cause: result.error,
        details,
      });
  }
}

export interface ProbeOptions {
  timeoutMs: number;
  /** Default 1 s. */
  minDelayMs?: number;
  /** Default 8 s: propagation usually lands within 10–30 s, so poll often enough to notice. */
  maxDelayMs?: number;
  /** Which errors mean "not yet" (default: every error). Others end the probe as a failure. */
  retryOn?: (error: unknown) => boolean;
  clock?: Clock;
  random?: Random;
  signal?: AbortSignal;
}

/**
 * Calls `fn` until it stops throwing — e.g. a real sts:AssumeRole into a role created seconds ago,
 * which IAM's eventual consistency rejects for a while. Never a fixed sleep.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency
 */
export async function probeUntil<T>(
  fn: (attempt: number) => Promise<T>,
  options: ProbeOptions,
): Promise<WaitResult<T>> {
  const retryOn = options.retryOn ?? (() => true);
  type Outcome = { ok: true; value: T } | { ok: false; error: unknown };
  const result = await waitFor<Outcome>({
    poll: async (attempt) => {
      try {
        return { ok: true, value: await fn(attempt) };
      } catch (error) {
        if (!retryOn(error)) throw error;
        return { ok: false, error };
      }
    },
    isDone: (o) => o.ok,
    // Errors `retryOn` rejected reach waitFor as thrown; make every thrown error final.
    classify: () => 'client',
    timeoutMs: options.timeoutMs,
    minDelayMs: options.minDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    clock: options.clock,
    random: options.random,
    signal: options.signal,
  });
  const lastError = result.value && !result.value.ok ? result.value.error : result.error;
  return {
    state: result.state,
    attempts: result.attempts,
    ...(result.value?.ok ? { value: result.value.value } : {}),
    ...(lastError !== undefined && result.state !== 'success'
      ? { error: lastError, reason: result.reason ?? describeAwsError(lastError) }
      : {}),
  };
}
