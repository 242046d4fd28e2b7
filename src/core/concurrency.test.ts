import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mapLimit } from './concurrency.js';

it('keeps order and never runs more than the limit at once', async () => {
  let running = 0;
  let peak = 0;
  const out = await mapLimit([...Array(50).keys()], 4, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, (n * 7) % 5));
    running--;
    return n * 2;
  });
  assert.deepEqual(
    out,
    [...Array(50).keys()].map((n) => n * 2),
  );
  assert.equal(peak, 4);
});

it('rejects with the first failure', async () => {
  await assert.rejects(
    mapLimit([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('boom');
      return n;
    }),
    /boom/,
  );
});
