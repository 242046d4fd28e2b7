import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../core/clock.js';
import { BatchPoller } from './batch-poller.js';

interface Status {
  RequestId: string;
  Status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  FailureReason?: string;
}

const isDone = (s: Status) => s.Status === 'SUCCEEDED';
const isFailed = (s: Status) => s.Status === 'FAILED' && (s.FailureReason ?? true);

/**
 * A fake sso-admin: request `req-i` finishes after `rounds(i)` polls of it; list() answers for the
 * ids asked, the way ListAccountAssignmentCreationStatus + Describe… would.
 */
function fakeService(
  rounds: (i: number) => number,
  final: (i: number) => Status['Status'] = () => 'SUCCEEDED',
) {
  const seen = new Map<string, number>();
  const calls: string[][] = [];
  const list = async (ids: readonly string[]) => {
    calls.push([...ids]);
    const out = new Map<string, Status>();
    for (const id of ids) {
      const i = Number(id.slice(4));
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const status = n >= rounds(i) ? final(i) : 'IN_PROGRESS';
      out.set(id, {
        RequestId: id,
        Status: status,
        ...(status === 'FAILED' ? { FailureReason: `assignment ${i} failed` } : {}),
      });
    }
    return out;
  };
  return { list, calls };
}

const id = (i: number) => `req-${String(i).padStart(2, '0')}`;

describe('BatchPoller', () => {
  it('resolves 50 waiters with one list call per batch of outstanding ids per round', async () => {
    const clock = new ManualClock(0);
    const svc = fakeService((i) => (i % 3) + 1); // 17 finish in round 1, 17 in round 2, 16 in round 3
    const poller = new BatchPoller<Status>({
      list: svc.list,
      isDone,
      isFailed,
      batchSize: 20,
      intervalMs: 1_000,
      clock,
    });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => poller.wait(id(i))));
    assert.ok(results.every((r) => r.state === 'success'));
    assert.deepEqual(
      results.slice(0, 3).map((r) => r.attempts),
      [1, 2, 3],
    );
    // Round 1: ⌈50/20⌉ = 3 calls; round 2: ⌈33/20⌉ = 2; round 3: ⌈16/20⌉ = 1.
    assert.equal(poller.listCalls, 6);
    assert.deepEqual(
      svc.calls.map((c) => c.length),
      [20, 20, 10, 20, 13, 16],
    );
    assert.deepEqual(svc.calls[0].slice(0, 2), ['req-00', 'req-01'], 'ids in a stable order');
    assert.equal(clock.now(), 3_000);
    assert.equal(poller.outstanding, 0);
  });

  it('reports each failure with its FailureReason, without disturbing the others', async () => {
    const clock = new ManualClock(0);
    const svc = fakeService(
      () => 2,
      (i) => (i === 1 ? 'FAILED' : 'SUCCEEDED'),
    );
    const poller = new BatchPoller<Status>({ list: svc.list, isDone, isFailed, clock });
    const [a, b, c] = await Promise.all([0, 1, 2].map((i) => poller.wait(id(i))));
    assert.equal(a.state, 'success');
    assert.equal(b.state, 'failure');
    assert.equal(b.reason, 'assignment 1 failed');
    assert.equal(c.state, 'success');
    assert.equal(poller.listCalls, 2);
  });

  it('times out a waiter whose request never finishes, and shares a wait on the same id', async () => {
    const clock = new ManualClock(0);
    const svc = fakeService((i) => (i === 0 ? 2 : 1_000));
    const poller = new BatchPoller<Status>({
      list: svc.list,
      isDone,
      clock,
      intervalMs: 1_000,
      timeoutMs: 5_000,
    });
    const slow = poller.wait(id(1));
    assert.equal(poller.wait(id(1)), slow);
    const fast = poller.wait(id(0));
    const [rs, rf] = await Promise.all([slow, fast]);
    assert.equal(rf.state, 'success');
    assert.equal(rs.state, 'timeout');
    assert.equal(rs.attempts, 5);
    assert.equal(rs.value?.Status, 'IN_PROGRESS');
    assert.equal(clock.now(), 5_000);
  });

  it('lets late waiters join the next round', async () => {
    const clock = new ManualClock(0);
    const svc = fakeService(() => 2);
    const poller = new BatchPoller<Status>({ list: svc.list, isDone, clock });
    const first = poller.wait(id(0));
    await Promise.resolve();
    const second = poller.wait(id(1));
    await Promise.all([first, second]);
    assert.ok(
      svc.calls.some((c) => c.length === 2),
      'both ids went out in one call',
    );
  });

  it('retries a throttled status call next round but fails the batch on a client error', async () => {
    const clock = new ManualClock(0);
    let n = 0;
    const throttled = new BatchPoller<Status>({
      clock,
      isDone,
      list: async (ids) => {
        if (n++ === 0)
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {} });
        return new Map(ids.map((i) => [i, { RequestId: i, Status: 'SUCCEEDED' as const }]));
      },
    });
    const r = await throttled.wait('req-00');
    assert.equal(r.state, 'success');
    assert.equal(r.attempts, 2);

    const denied = new BatchPoller<Status>({
      clock,
      isDone,
      list: async () => {
        throw Object.assign(new Error('not allowed'), {
          name: 'AccessDeniedException',
          $metadata: { httpStatusCode: 403 },
        });
      },
    });
    const d = await denied.wait('req-00');
    assert.equal(d.state, 'failure');
    assert.match(d.reason ?? '', /AccessDeniedException: not allowed/);
  });

  it('aborts one waiter by its signal, and all by the poller signal', async () => {
    const clock = new ManualClock(0);
    const svc = fakeService(() => 3);
    const pollerAc = new AbortController();
    const poller = new BatchPoller<Status>({ list: svc.list, isDone, clock, signal: pollerAc.signal });
    const ac = new AbortController();
    const one = poller.wait(id(0), { signal: ac.signal });
    const other = poller.wait(id(1));
    ac.abort();
    assert.equal((await one).state, 'aborted');
    assert.equal((await other).state, 'success');

    const a = poller.wait(id(2));
    const b = poller.wait(id(3));
    pollerAc.abort();
    assert.deepEqual(
      (await Promise.all([a, b])).map((r) => r.state),
      ['aborted', 'aborted'],
    );
    assert.equal((await poller.wait(id(4))).state, 'aborted');
  });
});
