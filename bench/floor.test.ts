import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsRealism, mergeRealism } from '../src/sandbox/realism.js';
import { admitted, asyncBinding, asyncMs, bucketMs, floorOf, quotaBindings } from './floor.js';

const aws = awsRealism();

describe('quota floor', () => {
  it('a bucket admits its burst at once, the rest at its rate, scaled by timeScale', () => {
    assert.equal(bucketMs(708, 20, 20, 1), 34_400);
    assert.equal(bucketMs(10, 20, 20, 1), 0);
    assert.equal(bucketMs(708, 20, 20, 0.1), 3_440);
  });

  it('async work without a bucket is ⌈n / cap⌉ × latency', () => {
    assert.equal(asyncMs(6000, 15, 3000, 1), 400 * 3000);
    assert.equal(asyncMs(16, 15, 3000, 1), 6000);
    assert.equal(asyncMs(0, 15, 3000, 1), 0);
  });

  it('12 CreateAccount requests at 0.1/s burst 3, 5 in progress, 90 s each: 270 s', () => {
    const b = asyncBinding(aws, 'accounts', 12, 5, 'createAccount', 'organizations-create-account');
    assert.equal(b.ms, 270_000);
    // 5 requests: the rate binds (the 5th waits for its token until 20 s), not the cap (90 s).
    assert.equal(asyncMs(5, 5, 90_000, 1, { rate: 0.1, burst: 3 }), 110_000);
  });

  it('identitystore counts per operation, sso-admin shared, throttled attempts excluded', () => {
    const calls = {
      identitystore: { CreateUser: 3020, CreateGroupMembership: 1000 },
      'sso-admin': { CreateAccountAssignment: 600, ListInstances: 1 },
    };
    const throttled = { identitystore: { CreateUser: 20 } };
    const bindings = quotaBindings(aws, admitted(calls, throttled));
    const ms = Object.fromEntries(bindings.map((b) => [b.what.split(':').slice(0, 2).join(':'), b.ms]));
    assert.equal(ms['identitystore:CreateUser'], 149_000);
    assert.equal(ms['identitystore:CreateGroupMembership'], 49_000);
    const sso = bindings.find((b) => b.what.startsWith('sso-admin'));
    assert.equal(sso?.ms, ((601 - 20) / 20) * 1000);
  });

  it('sequential phases add up; concurrent phases count their largest', () => {
    const scaled = mergeRealism(aws, { timeScale: 0.5 });
    const f = floorOf([
      { name: 'plan', bindings: [{ what: 'a', ms: 100 }] },
      [
        { name: 'x', bindings: [{ what: 'b', ms: 300 }] },
        { name: 'y', bindings: [asyncBinding(scaled, 'assignments', 30, 15, 'createAccountAssignment')] },
      ],
    ]);
    assert.equal(f.ms, 100 + 3000);
    assert.match(f.binding, /^y: assignments/);
    assert.equal(f.lines.length, 3);
  });
});
