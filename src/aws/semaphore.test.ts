import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OnrampError } from '../core/errors.js';
import { Caps } from './quotas.js';
import { Semaphore, semaphoresFor } from './semaphore.js';
import { VirtualClock } from './virtual-clock.js';

describe('Semaphore', () => {
  it('never lets more than its limit run, holding a slot for the whole operation', async () => {
    const clock = new VirtualClock();
    const sem = new Semaphore(15, 'account-assignments');
    let running = 0;
    let most = 0;
    const start = clock.now();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sem.run(async () => {
          running++;
          most = Math.max(most, running);
          await clock.sleep(1_000 + (i % 3) * 100); // submit … waiter sees SUCCEEDED
          running--;
        }),
      ),
    );
    assert.equal(most, 15);
    assert.equal(sem.peak, 15);
    assert.equal(sem.inFlight, 0);
    // 40 ops, 15 at a time, ~1 s each: three waves.
    assert.ok(clock.now() - start >= 3_000 && clock.now() - start < 3_600, String(clock.now() - start));
  });

  it('hands slots over first come, first served', async () => {
    const sem = new Semaphore(1);
    const first = await sem.acquire();
    const order: string[] = [];
    const b = sem.acquire().then((r) => {
      order.push('b');
      return r;
    });
    const c = sem.acquire().then((r) => {
      order.push('c');
      r();
    });
    assert.equal(sem.waiting, 2);
    first();
    first(); // releasing twice is harmless
    (await b)();
    await c;
    assert.deepEqual(order, ['b', 'c']);
    assert.equal(sem.inFlight, 0);
  });

  it('tryAcquire never blocks and never jumps the queue', async () => {
    const sem = new Semaphore(1);
    const r = sem.tryAcquire();
    assert.ok(r);
    assert.equal(sem.tryAcquire(), undefined);
    const queued = sem.acquire();
    r();
    assert.equal(sem.tryAcquire(), undefined, 'the queued caller got the slot');
    (await queued)();
    assert.ok(sem.tryAcquire());
  });

  it('drops an aborted waiter', async () => {
    const sem = new Semaphore(1);
    const held = await sem.acquire();
    const ac = new AbortController();
    const p = sem.acquire(ac.signal);
    ac.abort();
    await assert.rejects(p, (e: unknown) => e instanceof OnrampError && e.code === 'ONR-E203');
    assert.equal(sem.waiting, 0);
    held();
    assert.equal(sem.inFlight, 0);
  });

  it('releases the slot when the operation throws', async () => {
    const sem = new Semaphore(2);
    await assert.rejects(
      sem.run(async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(sem.inFlight, 0);
  });

  it("defaults to AWS's caps and refuses nonsense", () => {
    const sems = semaphoresFor({ [Caps.accountCreations]: 2 });
    assert.equal(sems.get(Caps.accountAssignments)?.limit, 15);
    assert.equal(sems.get(Caps.accountCreations)?.limit, 2);
    assert.throws(() => new Semaphore(0, 'x'), /ONR|positive/);
    assert.throws(() => new Semaphore(1.5, 'x'), /positive integer/);
  });
});
