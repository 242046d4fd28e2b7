import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Clock, ManualClock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import { RateLimiter } from './limiter.js';
import { AWS_RATE_RULES } from './quotas.js';
import { VirtualClock } from './virtual-clock.js';

/** Virtual ms from now until every acquire resolves; the limiter's single pump makes this exact. */
async function timeFor(clock: Clock, acquires: Array<() => Promise<void>>): Promise<number> {
  const start = clock.now();
  await Promise.all(acquires.map((a) => a()));
  return clock.now() - start;
}

describe('RateLimiter', () => {
  it('lets a burst of 10 through (half of AWS’s 20, quotas.ts) and then 20 per second: 100 acquires take (100 - 10) / 20 s', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    const ms = await timeFor(
      clock,
      Array.from({ length: 100 }, () => () => limiter.acquire('sso-admin:CreateAccountAssignment')),
    );
    assert.equal(ms, ((100 - 10) / 20) * 1000);
  });

  it('gives the same timing to sequential callers', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, rules: { x: { rate: 10, burst: 5 } } });
    const start = clock.now();
    for (let i = 0; i < 25; i++) await limiter.acquire('x');
    assert.equal(clock.now() - start, 2_000);
  });

  it('serves waiters first come, first served', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, rules: { s: { rate: 1, burst: 1 } } });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => limiter.acquire('s').then(() => order.push(i))));
    assert.deepEqual(order, [0, 1, 2, 3]);
  });

  it('shares one bucket across sso-admin and keeps one per API for identitystore', () => {
    const limiter = new RateLimiter();
    assert.equal(limiter.bucketKey('sso-admin:CreateAccountAssignment'), 'sso-admin');
    assert.equal(limiter.bucketKey('sso-admin:ListPermissionSets'), 'sso-admin');
    assert.equal(limiter.bucketKey('identitystore:CreateUser'), 'identitystore:CreateUser');
    assert.equal(limiter.bucketKey('organizations:CreateAccount'), 'organizations:CreateAccount');
    assert.equal(limiter.bucketKey('organizations:ListAccounts'), 'organizations');
    assert.equal(limiter.bucketKey('unknown:Thing'), 'unknown:Thing');
  });

  it('runs identitystore APIs in parallel buckets', async () => {
    // Two pumps sleep at once: a VirtualClock keeps their timers concurrent.
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ clock });
    const ms = await timeFor(clock, [
      ...Array.from({ length: 40 }, () => () => limiter.acquire('identitystore:CreateUser')),
      ...Array.from({ length: 40 }, () => () => limiter.acquire('identitystore:CreateGroup')),
    ]);
    // Each API: 10 at once, 30 more at 20/s. Shared, it would be 70 / 20 = 3.5 s.
    assert.equal(ms, 1_500);
  });

  it('paces CreateAccount at 0.1/s after a burst of 3', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    const ms = await timeFor(
      clock,
      Array.from({ length: 5 }, () => () => limiter.acquire('organizations:CreateAccount')),
    );
    assert.equal(ms, 20_000);
    assert.equal(AWS_RATE_RULES['organizations:DescribeCreateAccountStatus'].rate, 2);
  });

  it('refills while idle, up to the burst only', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, rules: { s: { rate: 10, burst: 10 } } });
    await timeFor(
      clock,
      Array.from({ length: 10 }, () => () => limiter.acquire('s')),
    );
    clock.advance(60_000);
    assert.equal(
      await timeFor(
        clock,
        Array.from({ length: 10 }, () => () => limiter.acquire('s')),
      ),
      0,
    );
    assert.equal(await timeFor(clock, [() => limiter.acquire('s')]), 100);
  });

  it('halves the rate on a throttle, once per burst of throttles, and recovers linearly', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, aimd: { recoverMs: 30_000, cooldownMs: 1_000 } });
    const key = 'sso-admin:CreateAccountAssignment';
    assert.equal(limiter.currentRate(key), 20);
    limiter.throttled(key);
    assert.equal(limiter.currentRate(key), 10);
    limiter.throttled('sso-admin:ListInstances'); // same bucket, same burst of throttles
    assert.equal(limiter.currentRate(key), 10);
    clock.advance(1_500);
    limiter.throttled(key); // 10 + 20·1.5/30 = 11, halved
    assert.equal(limiter.currentRate(key), 5.5);
    clock.advance(15_000);
    assert.equal(limiter.currentRate(key), 15.5);
    clock.advance(15_000);
    assert.equal(limiter.currentRate(key), 20);
    assert.deepEqual(
      limiter.stats().map((s) => [s.key, s.throttles, s.baseRate]),
      [['sso-admin', 3, 20]],
    );
  });

  it('never cuts below the floor, and a cut stops the burst', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      clock,
      rules: { s: { rate: 10, burst: 10 } },
      aimd: { cooldownMs: 0 },
    });
    for (let i = 0; i < 20; i++) limiter.throttled('s');
    assert.equal(limiter.currentRate('s'), 0.5);
    // The bucket was full, but after a throttle the next request waits for a fresh token.
    assert.equal(await timeFor(clock, [() => limiter.acquire('s')]), 2_000);
  });

  it('slows a queue down when throttled mid-way', async () => {
    // VirtualClock: resolution times are observed, and ManualClock moves time at the start of a sleep.
    const clock = new VirtualClock();
    const limiter = new RateLimiter({
      clock,
      rules: { s: { rate: 10, burst: 1 } },
      aimd: { recoverMs: 1e12 },
    });
    const start = clock.now();
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        limiter.acquire('s').then(() => {
          done.push(clock.now() - start);
          if (i === 2) limiter.throttled('s');
        }),
      ),
    );
    assert.deepEqual(done, [0, 100, 200, 400, 600, 800]);
  });

  it('drops an aborted waiter and serves the rest', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, rules: { s: { rate: 1, burst: 1 } } });
    await limiter.acquire('s');
    const ac = new AbortController();
    const aborted = limiter.acquire('s', ac.signal);
    const next = limiter.acquire('s');
    ac.abort();
    await assert.rejects(aborted, (e: unknown) => e instanceof OnrampError && e.code === 'ONR-E203');
    await next;
    const pre = new AbortController();
    pre.abort();
    await assert.rejects(limiter.acquire('s', pre.signal), /cancelled/);
  });

  it('lets unknown keys through unless a fallback rule is given', async () => {
    const clock = new ManualClock();
    const open = new RateLimiter({ clock, rules: {} });
    assert.equal(
      await timeFor(
        clock,
        Array.from({ length: 1000 }, () => () => open.acquire('x:Y')),
      ),
      0,
    );
    const fallback = new RateLimiter({ clock, rules: {}, fallback: { rate: 100, burst: 1 } });
    assert.equal(
      await timeFor(
        clock,
        Array.from({ length: 11 }, () => () => fallback.acquire('x:Y')),
      ),
      100,
    );
  });

  it('refuses nonsensical rules when built', () => {
    assert.throws(() => new RateLimiter({ rules: { x: { rate: 0 } } }), /ONR|out of range/);
    assert.throws(
      () => new RateLimiter({ rules: { x: { rate: 1, burst: 0 } } }),
      (e: unknown) => {
        return e instanceof OnrampError && e.code === 'ONR-E210';
      },
    );
    assert.throws(() => new RateLimiter({ aimd: { decrease: 1 } }), /AIMD/);
  });
});

it('stops its timer when the last waiter gives up', async () => {
  const clock = new VirtualClock(0);
  const limiter = new RateLimiter({
    clock,
    rules: { 'organizations:CreateAccount': { rate: 0.1, burst: 1 } },
  });
  await limiter.acquire('organizations:CreateAccount');
  const ac = new AbortController();
  const p = limiter.acquire('organizations:CreateAccount', ac.signal);
  assert.equal(clock.sleeping, 1, 'the pump waits 10 s for the next token');
  ac.abort();
  await assert.rejects(p, /cancelled/);
  await new Promise((r) => setImmediate(r));
  assert.equal(clock.sleeping, 0);
  assert.equal(clock.now(), 0);
});
