import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from '../aws/limiter.js';
import { Caps } from '../aws/quotas.js';
import { Semaphore, semaphoresFor } from '../aws/semaphore.js';
import { VirtualClock } from '../aws/virtual-clock.js';
import { ManualClock, seededRandom } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import type { ActionContext, ActionNode } from './action.js';
import type { ExecutorEvent } from './events.js';
import { Executor, execute } from './executor.js';
import { progressOf, renderTtyLine } from './progress.js';

function node(id: string, deps: string[] = [], extra: Partial<ActionNode> = {}): ActionNode {
  return { id, deps, service: 'iam', operation: 'CreateRole', run: async () => {}, ...extra };
}

function awsError(name: string, status = 400): Error {
  return Object.assign(new Error('the request failed'), { name, $metadata: { httpStatusCode: status } });
}

/** Records start order and the most nodes in flight at once. */
function tracker(clock: VirtualClock | ManualClock, workMs = 0) {
  const started: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const run = async (ctx: ActionContext) => {
    started.push(ctx.node.id);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      if (workMs) await clock.sleep(workMs);
    } finally {
      inFlight--;
    }
  };
  return {
    started,
    run,
    get peak() {
      return peak;
    },
  };
}

describe('Executor', () => {
  it('starts nodes when their dependencies are done, equal-ready ones in id order', async () => {
    const clock = new VirtualClock();
    const t = tracker(clock, 10);
    const nodes = [
      node('c', [], { run: t.run }),
      node('e', ['d', 'b'], { run: t.run }),
      node('a', [], { run: t.run }),
      node('d', ['a'], { run: t.run }),
      node('b', [], { run: t.run }),
    ];
    const result = await execute(nodes, { clock, concurrency: 1 });
    assert.deepEqual(t.started, ['a', 'b', 'c', 'd', 'e']);
    assert.equal(result.ok, true);
    assert.deepEqual(
      result.outcomes.map((o) => `${o.id}:${o.state}`),
      ['a:done', 'b:done', 'c:done', 'd:done', 'e:done'],
    );
    assert.equal(result.elapsedMs, 50);
  });

  it('starts higher-priority ready nodes first, ids breaking ties', async () => {
    const clock = new VirtualClock();
    const t = tracker(clock, 10);
    const nodes = [
      node('user-1', [], { run: t.run }),
      node('user-2', [], { run: t.run }),
      node('group', [], { run: t.run, priority: -1 }),
      node('assign-b', ['group'], { run: t.run, priority: -3 }),
      node('assign-a', ['group'], { run: t.run, priority: -3 }),
    ];
    await execute(nodes, { clock, concurrency: 1 });
    // The assignments jump the queue of users as soon as their group exists.
    assert.deepEqual(t.started, ['group', 'assign-a', 'assign-b', 'user-1', 'user-2']);
  });

  it('isolates a failure: only its dependents are blocked, the rest completes', async () => {
    const clock = new ManualClock();
    const ran: string[] = [];
    const ok = async (ctx: ActionContext) => {
      ran.push(ctx.node.id);
    };
    const nodes = [
      node('a', [], {
        what: 'creating IAM Role (a)',
        run: async () => {
          throw awsError('MalformedPolicyDocument');
        },
      }),
      node('b', ['a'], { run: ok }),
      node('c', ['b'], { run: ok, what: 'attaching policy to c' }),
      node('d', [], { run: ok }),
      node('e', ['d'], { run: ok }),
    ];
    const result = await execute(nodes, { clock });
    assert.equal(result.ok, false);
    assert.deepEqual(ran.sort(), ['d', 'e']);
    const by = Object.fromEntries(result.outcomes.map((o) => [o.id, o]));
    assert.equal(by.a.state, 'failed');
    assert.equal(by.a.error?.code, 'ONR-E200');
    assert.equal(by.a.error?.message, 'creating IAM Role (a): MalformedPolicyDocument: the request failed');
    assert.equal((by.a.error?.cause as Error | undefined)?.name, 'MalformedPolicyDocument');
    assert.equal(by.b.state, 'blocked');
    assert.equal(by.b.blockedBy, 'a');
    assert.equal(by.c.state, 'blocked');
    assert.equal(by.c.error?.code, 'ONR-E206');
    assert.equal(by.c.error?.message, 'skipping attaching policy to c: it depends on a, which failed');
    assert.deepEqual(result.counts, { done: 2, failed: 1, blocked: 2, cancelled: 0 });
  });

  it('retries throttled nodes, tells the limiter, and reports throttles and retries', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ clock, rules: { 'sso-admin': { rate: 20, burst: 20 } } });
    const events: ExecutorEvent[] = [];
    let calls = 0;
    const flaky = node('ps', [], {
      service: 'sso-admin',
      operation: 'CreatePermissionSet',
      run: async (ctx) => {
        calls++;
        if (ctx.attempt < 3) throw awsError('ThrottlingException');
      },
    });
    const result = await execute([flaky], {
      clock,
      limiter,
      random: seededRandom(1),
      on: (e) => events.push(e),
    });
    assert.equal(result.outcomes[0].state, 'done');
    assert.equal(result.outcomes[0].attempts, 3);
    assert.equal(calls, 3);
    assert.equal(events.filter((e) => e.type === 'throttled').length, 2);
    assert.equal(events.filter((e) => e.type === 'retry').length, 2);
    assert.ok(limiter.currentRate('sso-admin:CreatePermissionSet') < 20);
    const throttled = events.find((e) => e.type === 'throttled');
    assert.equal(throttled?.type === 'throttled' && throttled.nodeId, 'ps');
  });

  it('never has more than 15 assignment creations in flight', async () => {
    const clock = new VirtualClock();
    const t = tracker(clock, 1_000);
    const semaphores = semaphoresFor();
    const nodes = Array.from({ length: 40 }, (_, i) =>
      node(`assign-${String(i).padStart(2, '0')}`, [], {
        service: 'sso-admin',
        operation: 'CreateAccountAssignment',
        async: { semaphore: Caps.accountAssignments },
        run: t.run,
      }),
    );
    const result = await execute(nodes, { clock, semaphores, concurrency: 64 });
    assert.equal(result.ok, true);
    assert.equal(t.peak, 15);
    assert.equal(semaphores.get(Caps.accountAssignments)?.peak, 15);
    assert.equal(result.elapsedMs, 3_000);
    assert.deepEqual(t.started.slice(0, 3), ['assign-00', 'assign-01', 'assign-02']);
  });

  it('keeps other work flowing while a cap is full, and honours the overall concurrency', async () => {
    const clock = new VirtualClock();
    const t = tracker(clock, 100);
    const nodes = [
      ...Array.from({ length: 4 }, (_, i) =>
        node(`acct-${i}`, [], {
          service: 'organizations',
          async: { semaphore: Caps.accountCreations },
          run: t.run,
        }),
      ),
      ...Array.from({ length: 6 }, (_, i) => node(`role-${i}`, [], { run: t.run })),
    ];
    const result = await execute(nodes, { clock, caps: { [Caps.accountCreations]: 2 }, concurrency: 5 });
    assert.equal(result.ok, true);
    assert.equal(t.peak, 5);
    assert.deepEqual(t.started.slice(0, 5), ['acct-0', 'acct-1', 'role-0', 'role-1', 'role-2']);
  });

  it('gives a slot back when the node says its asynchronous work is done (asyncDone)', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const starts: Record<string, number> = {};
    // Each "account": 100 ms of creation holding the cap, then 300 ms of probing that does not.
    const account = (id: string) =>
      node(id, [], {
        service: 'organizations',
        async: { semaphore: Caps.accountCreations },
        run: async (ctx) => {
          starts[id] = clock.now() - t0;
          await clock.sleep(100);
          ctx.asyncDone();
          ctx.asyncDone(); // twice is once
          await clock.sleep(300);
        },
      });
    const result = await execute(['a', 'b', 'c'].map(account), {
      clock,
      caps: { [Caps.accountCreations]: 1 },
      concurrency: 5,
    });
    assert.equal(result.ok, true);
    // b starts when a's creation is done, not when its probing is: 0, 100, 200 (held: 0, 400, 800).
    assert.deepEqual(starts, { a: 0, b: 100, c: 200 });
    assert.equal(result.elapsedMs, 600);
  });

  it('waits for a cap slot held outside the run instead of giving up', async () => {
    const clock = new VirtualClock();
    const sem = new Semaphore(1, Caps.accountCreations);
    const held = await sem.acquire();
    const semaphores = new Map([[Caps.accountCreations, sem]]);
    const run = execute([node('acct', [], { async: { semaphore: Caps.accountCreations } })], {
      clock,
      semaphores,
    });
    await clock.sleep(5_000);
    held();
    const result = await run;
    assert.equal(result.ok, true);
    assert.equal(sem.inFlight, 0);
  });

  it('paces nodes through the per-service limiter', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter({ clock });
    const nodes = Array.from({ length: 100 }, (_, i) =>
      node(`u${String(i).padStart(3, '0')}`, [], {
        service: 'sso-admin',
        operation: 'CreateAccountAssignment',
      }),
    );
    const result = await execute(nodes, { clock, limiter });
    assert.equal(result.ok, true);
    // sso-admin: a burst of 10 (half AWS's, quotas.ts), then 20 per second.
    assert.equal(result.elapsedMs, ((100 - 10) / 20) * 1000);
  });

  it('cancels: nothing new starts, running nodes see the signal, the rest is cancelled', async () => {
    const clock = new VirtualClock();
    const ac = new AbortController();
    const seen: string[] = [];
    const nodes = ['a', 'b', 'c', 'd'].map((id) =>
      node(id, [], {
        run: async (ctx) => {
          seen.push(id);
          if (id === 'b') {
            ac.abort();
            assert.equal(ctx.signal.aborted, true);
            throw new OnrampError('ONR-E203', 'b: cancelled');
          }
          await clock.sleep(10);
        },
      }),
    );
    const result = await execute(nodes, { clock, signal: ac.signal, concurrency: 1 });
    assert.deepEqual(seen, ['a', 'b']);
    assert.deepEqual(
      result.outcomes.map((o) => `${o.id}:${o.state}`),
      ['a:done', 'b:cancelled', 'c:cancelled', 'd:cancelled'],
    );
    assert.equal(result.outcomes[2].error?.code, 'ONR-E203');
  });

  it('refuses a malformed graph before running anything', async () => {
    const ran: string[] = [];
    const run = async (ctx: ActionContext) => {
      ran.push(ctx.node.id);
    };
    const cases: Array<[ActionNode[], RegExp]> = [
      [
        [node('a', ['c'], { run }), node('b', ['a'], { run }), node('c', ['b'], { run })],
        /cycle: a → c → b → a/,
      ],
      [[node('a', ['zzz'], { run })], /unknown action zzz/],
      [[node('a', [], { run }), node('a', [], { run })], /share the id a/],
      [[node('a', ['a'], { run })], /depends on itself/],
      [[node('a', [], { run, async: { semaphore: 'nope' } })], /unknown in-flight cap nope/],
    ];
    for (const [nodes, message] of cases) {
      await assert.rejects(execute(nodes), (e: unknown) => {
        assert.ok(e instanceof OnrampError);
        assert.equal(e.code, 'ONR-E207');
        assert.match(e.message, message);
        return true;
      });
    }
    assert.deepEqual(ran, []);
    assert.throws(() => new Executor({ concurrency: 0 }), /concurrency/);
  });

  it('emits the same events every time, and they render to the final status line', async () => {
    const runOnce = async () => {
      const clock = new VirtualClock(0);
      const events: ExecutorEvent[] = [];
      let n = 0;
      const nodes = [
        node('role-a', [], { run: () => clock.sleep(300) }),
        node('role-b', [], {
          run: async () => {
            if (n++ === 0) throw awsError('Throttling');
            await clock.sleep(200);
          },
        }),
        node('ps', ['role-a'], {
          service: 'sso-admin',
          operation: 'CreatePermissionSet',
          run: () => clock.sleep(100),
        }),
        node('assign', ['ps', 'role-b'], {
          service: 'sso-admin',
          run: async () => {
            throw awsError('ValidationException');
          },
        }),
        node('after', ['assign'], { service: 'sso-admin' }),
      ];
      await execute(nodes, { clock, random: seededRandom(9), on: (e) => events.push(e) });
      return events;
    };
    const first = await runOnce();
    assert.deepEqual(await runOnce(), first);
    assert.deepEqual(
      first.slice(0, 3).map((e) => e.type),
      ['run-start', 'node-start', 'phase'],
    );
    assert.equal(first.at(-1)?.type, 'run-end');
    assert.equal(
      renderTtyLine(progressOf(first)),
      '5/5 · iam 2/2 · sso-admin 3/3 (1 failed, 1 blocked) · 1 throttle absorbed · 1 retry · finished with failures in 0s',
    );
  });
});
