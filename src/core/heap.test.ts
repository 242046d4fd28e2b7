import assert from 'node:assert/strict';
import { it } from 'node:test';
import { seededRandom } from './clock.js';
import { heapBy } from './heap.js';

it('pops items in comparator order, whatever the push order', () => {
  const random = seededRandom(7);
  const values = Array.from({ length: 500 }, () => Math.floor(random() * 100));
  const heap = heapBy<number>((a, b) => a - b);
  for (const v of values) heap.push(v);
  const out: number[] = [];
  while (heap.size) out.push(heap.pop() as number);
  assert.deepEqual(
    out,
    [...values].sort((a, b) => a - b),
  );
  assert.equal(heap.pop(), undefined);
});
