import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deleteRecord, lookup, putRecord } from './record-index.js';

type R = { id: string; group: string };
const byGroup = (rec: Record<string, R>, g: string) =>
  lookup(rec, 'byGroup', (r) => r.group, g).map((r) => r.id);

describe('record indexes', () => {
  it('answer like a scan after additions, deletions and overwrites', () => {
    const rec: Record<string, R> = { a: { id: 'a', group: 'x' } };
    assert.deepEqual(byGroup(rec, 'x'), ['a']);
    putRecord(rec, 'b', { id: 'b', group: 'x' });
    putRecord(rec, 'c', { id: 'c', group: 'y' });
    assert.deepEqual(byGroup(rec, 'x'), ['a', 'b']);
    assert.deepEqual(byGroup(rec, 'y'), ['c']);
    deleteRecord(rec, 'a');
    assert.deepEqual(byGroup(rec, 'x'), ['b']);
    putRecord(rec, 'b', { id: 'b', group: 'y' });
    assert.deepEqual(byGroup(rec, 'x'), []);
    assert.deepEqual(
      byGroup(rec, 'y'),
      ['b', 'c'].filter((id) => rec[id]?.group === 'y'),
    );
    // Against a scan of random writes.
    const scan = (g: string) =>
      Object.values(rec)
        .filter((r) => r.group === g)
        .map((r) => r.id)
        .sort();
    for (let i = 0; i < 500; i++) {
      const id = `k${(i * 7919) % 61}`;
      if (i % 3 === 0) deleteRecord(rec, id);
      else putRecord(rec, id, { id, group: `g${i % 4}` });
      const g = `g${i % 4}`;
      assert.deepEqual([...byGroup(rec, g)].sort(), scan(g));
    }
  });
});
