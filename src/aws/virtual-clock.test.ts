import assert from 'node:assert/strict';
import { it } from 'node:test';
import { VirtualClock } from './virtual-clock.js';

it('runs concurrent sleeps concurrently, in deadline order', async () => {
  const clock = new VirtualClock(0);
  const order: string[] = [];
  await Promise.all([
    clock.sleep(300).then(() => order.push(`a@${clock.now()}`)),
    clock.sleep(100).then(() => order.push(`b@${clock.now()}`)),
    clock.sleep(100).then(async () => {
      order.push(`c@${clock.now()}`);
      await clock.sleep(100);
      order.push(`c2@${clock.now()}`);
    }),
  ]);
  assert.deepEqual(order, ['b@100', 'c@100', 'c2@200', 'a@300']);
  assert.equal(clock.now(), 300);
});

it('aborts a sleep with its signal', async () => {
  const clock = new VirtualClock(0);
  const ac = new AbortController();
  const p = clock.sleep(1_000, ac.signal);
  ac.abort(new Error('stop'));
  await assert.rejects(p, /stop/);
  assert.equal(clock.sleeping, 0);
  assert.equal(clock.now(), 0);
});
