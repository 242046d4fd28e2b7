import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock, seededRandom } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import { isNotFound } from './classify.js';
import { AwsCallError, backoffDelay, RetryBudget, type RetryInfo, withRetry } from './retry.js';

function awsError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('the request failed'), {
    name,
    $metadata: { httpStatusCode: 400 },
    ...extra,
  });
}

/** fn that throws the given errors in order, then returns 'ok'. */
function failing(...errors: unknown[]): { fn: (attempt: number) => Promise<string>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    fn: async (attempt) => {
      calls.push(attempt);
      const e = errors[attempt - 1];
      if (e !== undefined) throw e;
      return 'ok';
    },
  };
}

async function rejection(p: Promise<unknown>): Promise<AwsCallError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AwsCallError || (e as Error).name === 'OnrampError', String(e));
    return e as AwsCallError;
  }
  assert.fail('expected a rejection');
}

describe('backoffDelay', () => {
  it('is full jitter under an exponential ceiling with a cap', () => {
    const random = seededRandom(7);
    for (let attempt = 1; attempt <= 30; attempt++) {
      const d = backoffDelay(attempt, 'server', { maxDelayMs: 5_000 }, random);
      assert.ok(d >= 0 && d < Math.min(5_000, 100 * 2 ** (attempt - 1)), `attempt ${attempt}: ${d}`);
    }
    assert.equal(
      backoffDelay(1, 'throttling', {}, () => 0.5),
      250,
    );
    assert.equal(
      backoffDelay(3, 'throttling', {}, () => 0.5),
      1_000,
    );
    assert.equal(
      backoffDelay(3, 'transient', {}, () => 0.5),
      200,
    );
    assert.equal(
      backoffDelay(40, 'throttling', {}, () => 0.9999),
      19_998,
    );
  });

  it('repeats for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const seq = (r: () => number) => [1, 2, 3, 4, 5].map((n) => backoffDelay(n, 'throttling', {}, r));
    assert.deepEqual(seq(a), seq(b));
  });
});

describe('withRetry', () => {
  it('retries throttles with growing waits and reports each to the limiter', async () => {
    const clock = new ManualClock();
    const start = clock.now();
    const { fn, calls } = failing(awsError('Throttling'), awsError('ThrottlingException'));
    const throttles: RetryInfo[] = [];
    const retries: number[] = [];
    const value = await withRetry(fn, {
      clock,
      random: () => 0.5,
      onThrottle: (i) => throttles.push(i),
      onRetry: (i) => retries.push(i.delayMs),
    });
    assert.equal(value, 'ok');
    assert.deepEqual(calls, [1, 2, 3]);
    assert.deepEqual(retries, [250, 500]);
    assert.deepEqual(
      throttles.map((t) => [t.attempt, t.errorClass]),
      [
        [1, 'throttling'],
        [2, 'throttling'],
      ],
    );
    assert.equal(clock.now() - start, 750);
  });

  it('retries transient, server and conflict errors but not client errors', async () => {
    const clock = new ManualClock();
    const ok = failing(
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      awsError('InternalFailure', { $metadata: { httpStatusCode: 500 } }),
      awsError('ConcurrentModificationException'),
    );
    assert.equal(await withRetry(ok.fn, { clock, random: () => 0 }), 'ok');
    assert.deepEqual(ok.calls, [1, 2, 3, 4]);

    const bad = failing(awsError('ValidationException'));
    const e = await rejection(withRetry(bad.fn, { clock, what: 'creating IAM Role (deploy)' }));
    assert.deepEqual(bad.calls, [1]);
    assert.equal(e.code, 'ONR-E200');
    assert.equal(e.attempts, 1);
    assert.equal(e.errorClass, 'client');
    assert.match(e.message, /^creating IAM Role \(deploy\): ValidationException: the request failed$/);
    assert.equal((e.cause as Error).name, 'ValidationException');
  });

  it('throws not-found at once, and isNotFound still sees it through the wrapper', async () => {
    const { fn, calls } = failing(awsError('NoSuchEntity', { $metadata: { httpStatusCode: 404 } }));
    const e = await rejection(withRetry(fn, { clock: new ManualClock() }));
    assert.deepEqual(calls, [1]);
    assert.equal(e.errorClass, 'not-found');
    assert.equal(isNotFound(e), true);
  });

  it('gives up after maxAttempts with the last error and the attempt count', async () => {
    const clock = new ManualClock();
    const start = clock.now();
    const delays: number[] = [];
    const fn = async (attempt: number) => {
      throw awsError('TooManyRequestsException', { message: `throttled #${attempt}` });
    };
    const e = await rejection(
      withRetry(fn, {
        clock,
        random: seededRandom(1),
        maxAttempts: 4,
        onRetry: (i) => delays.push(i.delayMs),
      }),
    );
    assert.equal(e.code, 'ONR-E201');
    assert.equal(e.attempts, 4);
    assert.equal(e.errorClass, 'throttling');
    assert.match(e.message, /throttled #4 \(gave up after 4 attempts\)$/);
    assert.equal(delays.length, 3);
    assert.equal(clock.now() - start, delays[0] + delays[1] + delays[2]);
    assert.ok(e.hint?.includes('throttling'));
  });

  it('honours RetryAfterSeconds over a shorter backoff', async () => {
    const clock = new ManualClock();
    const delays: number[] = [];
    const { fn } = failing(awsError('ThrottlingException', { RetryAfterSeconds: 3 }));
    await withRetry(fn, { clock, random: () => 0.1, onRetry: (i) => delays.push(i.delayMs) });
    assert.deepEqual(delays, [3_000]);
  });

  it('stops when the shared budget is spent, and successes refund it', async () => {
    const budget = new RetryBudget({ capacity: 10, retryCost: 5 });
    const clock = new ManualClock();
    const ok = failing(awsError('Throttling'));
    await withRetry(ok.fn, { clock, budget, random: () => 0 });
    assert.equal(budget.remaining, 10, 'the retry that succeeded gave its tokens back');

    const always = async () => {
      throw awsError('Throttling');
    };
    const e = await rejection(withRetry(always, { clock, budget, random: () => 0, maxAttempts: 10 }));
    assert.equal(e.code, 'ONR-E202');
    assert.equal(e.attempts, 3);
    assert.equal(budget.remaining, 0);
  });

  it('transient retries cost more of the budget', () => {
    const b = new RetryBudget({ capacity: 20 });
    assert.equal(b.take('transient'), 10);
    assert.equal(b.take('throttling'), 5);
    assert.equal(b.take('transient'), 0);
    assert.equal(b.remaining, 5);
    b.succeeded(0);
    assert.equal(b.remaining, 6);
  });

  it('classifies with an injected classifier and retryable set', async () => {
    const clock = new ManualClock();
    const { fn, calls } = failing(new Error('custom'), new Error('custom'));
    assert.equal(await withRetry(fn, { clock, classify: () => 'server' }), 'ok');
    assert.equal(calls.length, 3);
    const conflict = failing(awsError('ConflictException'));
    const e = await rejection(withRetry(conflict.fn, { clock, retryable: ['throttling'] }));
    assert.equal(e.code, 'ONR-E200');
  });

  it('is cancelled by its signal, before the first attempt or during a backoff', async () => {
    const before = new AbortController();
    before.abort();
    const a = failing();
    const e1 = await rejection(withRetry(a.fn, { clock: new ManualClock(), signal: before.signal }));
    assert.equal(e1.code, 'ONR-E203');
    assert.deepEqual(a.calls, []);

    const during = new AbortController();
    const b = failing(awsError('Throttling'), awsError('Throttling'));
    const e2 = await rejection(
      withRetry(b.fn, { clock: new ManualClock(), signal: during.signal, onRetry: () => during.abort() }),
    );
    assert.equal(e2.code, 'ONR-E203');
    assert.deepEqual(b.calls, [1]);
  });

  it('passes an OnrampError from inside through unchanged and unretried', async () => {
    const inner = new OnrampError('ONR-E204', 'waiting for SSO Account Assignment (x): quota');
    const { fn, calls } = failing(inner);
    await assert.rejects(withRetry(fn, { clock: new ManualClock() }), (e: unknown) => e === inner);
    assert.deepEqual(calls, [1]);
  });

  it('rejects a nonsensical maxAttempts when called', async () => {
    const e = await rejection(withRetry(async () => 1, { maxAttempts: 0 }));
    assert.equal(e.code, 'ONR-E210');
  });
});
