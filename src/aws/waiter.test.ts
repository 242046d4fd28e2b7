import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock, seededRandom } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import { expectSuccess, probeUntil, type WaitResult, waiterDelay, waitFor } from './waiter.js';

interface Status {
  Status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  FailureReason?: string;
}

const isDone = (s: Status) => s.Status === 'SUCCEEDED';
const isFailed = (s: Status) => s.Status === 'FAILED' && (s.FailureReason ?? true);

function awsError(name: string, status = 400): Error {
  return Object.assign(new Error('nope'), { name, $metadata: { httpStatusCode: status } });
}

/** A poll that returns (or throws) the scripted items in order, repeating the last. */
function script<T>(
  ...items: Array<T | Error>
): { poll: () => Promise<T>; times: number[] } & { clock: ManualClock } {
  const clock = new ManualClock(0);
  const times: number[] = [];
  let i = 0;
  return {
    clock,
    times,
    poll: async () => {
      times.push(clock.now());
      const item = items[Math.min(i++, items.length - 1)];
      if (item instanceof Error) throw item;
      return item;
    },
  };
}

const P: Status = { Status: 'IN_PROGRESS' };
const S: Status = { Status: 'SUCCEEDED' };

describe('waiterDelay', () => {
  it('grows from minDelay towards maxDelay, jittered inside that range', () => {
    const top = () => 0.999_999;
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((a) => waiterDelay(a, 1_000, 10_000, top)),
      [1_000, 2_000, 4_000, 8_000, 10_000, 10_000],
    );
    const r = seededRandom(3);
    for (let a = 1; a < 20; a++) {
      const d = waiterDelay(a, 500, 5_000, r);
      assert.ok(d >= 500 && d <= Math.min(5_000, 500 * 2 ** (a - 1)), `${a}: ${d}`);
    }
  });
});

describe('waitFor', () => {
  it('succeeds when the status reaches its target, backing off between polls', async () => {
    const s = script(P, P, P, S);
    const r = await waitFor({ ...s, isDone, isFailed, timeoutMs: 60_000, random: () => 0.999_999 });
    assert.equal(r.state, 'success');
    assert.equal(r.attempts, 4);
    assert.deepEqual(r.value, S);
    assert.deepEqual(s.times, [0, 1_000, 3_000, 7_000]);
  });

  it("fails with AWS's FailureReason", async () => {
    const s = script<Status>(P, {
      Status: 'FAILED',
      FailureReason: 'Received a 404 status error: Not supported',
    });
    const r = await waitFor({ ...s, isDone, isFailed, timeoutMs: 60_000, random: () => 0 });
    assert.equal(r.state, 'failure');
    assert.equal(r.reason, 'Received a 404 status error: Not supported');
    assert.equal(r.attempts, 2);
  });

  it('times out at its deadline with a last poll right at it', async () => {
    const s = script(P);
    const r = await waitFor({
      ...s,
      isDone,
      timeoutMs: 10_000,
      minDelayMs: 1_000,
      maxDelayMs: 4_000,
      random: () => 0.999_999,
    });
    assert.equal(r.state, 'timeout');
    assert.deepEqual(s.times, [0, 1_000, 3_000, 7_000, 10_000]);
    assert.equal(r.attempts, 5);
    assert.deepEqual(r.value, P);
    assert.equal(s.clock.now(), 10_000);
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    const s = script(P);
    const r = await waitFor({
      ...s,
      poll: async () => {
        const v = await s.poll();
        if (s.times.length === 2) ac.abort();
        return v;
      },
      isDone,
      timeoutMs: 60_000,
      signal: ac.signal,
    });
    assert.equal(r.state, 'aborted');
    assert.equal(r.attempts, 2);
  });

  it('allows not-found: retry after a create, success for a deletion, failure by default', async () => {
    const gone = awsError('ResourceNotFoundException');
    const retry = script<Status>(gone, gone, S);
    const r1 = await waitFor({ ...retry, isDone, timeoutMs: 60_000, notFound: 'retry', random: () => 0 });
    assert.equal(r1.state, 'success');
    assert.equal(r1.attempts, 3);

    const deleted = script<Status>(P, gone);
    const r2 = await waitFor({ ...deleted, isDone: () => false, timeoutMs: 60_000, notFound: 'success' });
    assert.equal(r2.state, 'success');
    assert.equal(r2.attempts, 2);

    const strict = script<Status>(gone);
    const r3 = await waitFor({ ...strict, isDone, timeoutMs: 60_000 });
    assert.equal(r3.state, 'failure');
    assert.match(r3.reason ?? '', /ResourceNotFoundException/);
  });

  it('keeps polling through throttles but stops on a client error', async () => {
    const s = script<Status>(awsError('ThrottlingException'), awsError('ThrottlingException'), S);
    const r = await waitFor({ ...s, isDone, timeoutMs: 60_000, random: () => 0 });
    assert.equal(r.state, 'success');
    assert.equal(r.attempts, 3);

    const denied = awsError('AccessDeniedException', 403);
    const d = script<Status>(denied);
    const r2 = await waitFor({ ...d, isDone, timeoutMs: 60_000 });
    assert.equal(r2.state, 'failure');
    assert.equal(r2.error, denied);
    assert.equal(r2.attempts, 1);
  });
});

describe('expectSuccess', () => {
  const subject = { what: 'waiting for SSO Account Assignment (ps-1, 111122223333) to be created' };
  const code = (r: WaitResult<Status>) => {
    try {
      expectSuccess(r, subject);
    } catch (e) {
      assert.ok(e instanceof OnrampError);
      return `${e.code} ${e.message}`;
    }
    return 'no error';
  };

  it('returns the value on success and maps the other states to engine codes', () => {
    assert.deepEqual(expectSuccess({ state: 'success', value: S, attempts: 1 }, subject), S);
    assert.equal(code({ state: 'failure', reason: 'quota', attempts: 2 }), `ONR-E204 ${subject.what}: quota`);
    assert.match(code({ state: 'timeout', attempts: 9 }), /^ONR-E205 .*not finished after 9 status checks$/);
    assert.match(code({ state: 'aborted', attempts: 0 }), /^ONR-E203 .*cancelled$/);
  });

  it('maps a probe that never saw the change to ONR-E209', () => {
    const probe = { what: 'assuming deploy in 111122223333', kind: 'propagation' as const };
    assert.throws(
      () => expectSuccess({ state: 'timeout', attempts: 7, reason: 'AccessDenied: not authorized' }, probe),
      (e: unknown) =>
        e instanceof OnrampError &&
        e.code === 'ONR-E209' &&
        e.message ===
          'assuming deploy in 111122223333: not visible after 7 probes (last: AccessDenied: not authorized)',
    );
    assert.throws(
      () => expectSuccess({ state: 'failure', attempts: 1, reason: 'MalformedPolicyDocument' }, probe),
      (e: unknown) => e instanceof OnrampError && e.code === 'ONR-E200',
    );
  });
});

describe('probeUntil', () => {
  it('retries a propagation error with bounded backoff until the call works', async () => {
    const clock = new ManualClock(0);
    const times: number[] = [];
    const r = await probeUntil(
      async (attempt) => {
        times.push(clock.now());
        if (attempt < 5) throw awsError('AccessDenied', 403);
        return 'credentials';
      },
      { timeoutMs: 60_000, clock, random: () => 0.999_999, maxDelayMs: 4_000 },
    );
    assert.equal(r.state, 'success');
    assert.equal(r.value, 'credentials');
    assert.equal(r.attempts, 5);
    assert.deepEqual(times, [0, 1_000, 3_000, 7_000, 11_000]);
  });

  it('ends at once on an error it was not told to wait out', async () => {
    const clock = new ManualClock(0);
    const r = await probeUntil(
      async () => {
        throw awsError('MalformedPolicyDocument');
      },
      { timeoutMs: 60_000, clock, retryOn: (e) => (e as Error).name === 'AccessDenied' },
    );
    assert.equal(r.state, 'failure');
    assert.equal(r.attempts, 1);
    assert.match(r.reason ?? '', /MalformedPolicyDocument/);
  });

  it('times out with the last error as its reason', async () => {
    const clock = new ManualClock(0);
    const r = await probeUntil(
      async () => {
        throw awsError('AccessDenied', 403);
      },
      { timeoutMs: 30_000, clock, random: () => 0.5 },
    );
    assert.equal(r.state, 'timeout');
    assert.match(r.reason ?? '', /^AccessDenied: nope/);
    assert.equal(clock.now(), 30_000);
  });
});
