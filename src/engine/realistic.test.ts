/**
 * At scale, with AWS's quotas and latencies and injected faults: 40 accounts × 10 permission sets ×
 * 20 groups (800 assignments, 870 resources) against the sandbox in `realism: 'aws'` compressed
 * 50× in time, with 10 % of calls throttled and 2 % answered with a 500 on top of the quota
 * throttling. Every engine time constant (rates, backoff, poll interval) is compressed by the same
 * factor. The apply must finish with zero failures, and the next plan must be empty and cost no
 * more Identity Center calls than the read strategy promises.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AwsClients } from '../aws/clients.js';
import { RateLimiter } from '../aws/limiter.js';
import { AWS_RATE_RULES } from '../aws/quotas.js';
import { isEmptyPlan } from '../plan/diff.js';
import { AWS_QUOTAS } from '../sandbox/realism.js';
import { type Sandbox, startSandbox } from '../sandbox/sandbox.js';
import { applyPlan } from './apply-plan.js';
import { planBlueprint } from './plan-blueprint.js';
import { blueprintOf } from './test-engine.js';

const SCALE = 0.02;
const ACCOUNTS = 40;
const SETS = 10;
const GROUPS = 20;

let sb: Sandbox;
before(async () => {
  sb = await startSandbox({
    seed: 'org',
    accounts: ACCOUNTS,
    realism: 'aws',
    realismOverrides: { timeScale: SCALE, faults: { throttleRate: 0.1, errorRate: 0.02, dropRate: 0 } },
  });
});
after(() => sb?.stop());

/** Clients with every engine time constant compressed like the sandbox's. */
function clients(target = sb, scale = SCALE): AwsClients {
  const rules = Object.fromEntries(
    // Rates compress with time; bursts do not (the sandbox's token buckets keep AWS's sizes).
    Object.entries(AWS_RATE_RULES).map(([k, r]) => [k, { ...r, rate: r.rate / scale }]),
  );
  const limiter = new RateLimiter({ rules, aimd: { recoverMs: 30_000 * scale, cooldownMs: 1_000 * scale } });
  const { endpoint, region, credentials } = target.clientConfig();
  return new AwsClients(
    { endpointUrl: endpoint, region, credentials },
    {
      limiter,
      retry: {
        maxAttempts: 8,
        baseDelayMs: 100 * SCALE,
        throttleBaseDelayMs: 500 * SCALE,
        maxDelayMs: 20_000 * SCALE,
      },
    },
  );
}

function yaml(accountIds: string[], groups = GROUPS, users = groups): string {
  const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
  return `
version: 1
name: scale
params:
  accounts: { type: list, default: [${accountIds.map((a) => `"${a}"`).join(', ')}] }
identityCenter:
  users:
${range(users, (i) => `    user${i}: { displayName: User ${i}, givenName: User, familyName: "${i}" }`)}
  groups:
${range(groups, (i) => `    team${i}: { members: [user${i}] }`)}
  permissionSets:
${range(SETS, (i) => `    set${i}: { managedPolicies: [ReadOnlyAccess], sessionDuration: PT${1 + (i % 8)}H }`)}
  assignments:
${range(groups, (i) => `    - { principal: { group: team${i} }, permissionSet: set${i % SETS}, accounts: "\${params.accounts}" }`)}
`;
}

describe('realistic scale with throttles and server errors', () => {
  it('applies 800 assignments with zero failures; the next plan is empty and cheap', {
    timeout: 120_000,
  }, async () => {
    const members = Object.values(sb.world.organizations.accounts)
      .filter((a) => a.Id !== sb.admin.accountId)
      .map((a) => a.Id)
      .sort();
    assert.equal(members.length, ACCOUNTS);
    const bp = blueprintOf(yaml(members));
    const aws = clients();
    let throttles = 0;
    let retries = 0;
    aws.on((e) => {
      if (e.type === 'throttled') throttles++;
      if (e.type === 'retry') retries++;
    });
    const started = Date.now();
    const planned = await planBlueprint(bp, aws);
    const counts = { create: planned.plan.actions.filter((a) => a.op === 'create').length };
    assert.equal(counts.create, GROUPS * ACCOUNTS + SETS + GROUPS * 3);
    const result = await applyPlan(planned, { waits: { pollIntervalMs: 1_000 * SCALE } });
    const wall = Date.now() - started;
    const failures = result.outcomes
      .filter((o) => o.state !== 'done')
      .map((o) => `${o.id}: ${o.error?.message}`);
    assert.deepEqual(failures.slice(0, 5), []);
    const calls = sb.calls();
    const total = Object.values(calls).reduce(
      (n, ops) => n + Object.values(ops).reduce((a, b) => a + b, 0),
      0,
    );
    console.log(
      `realistic: ${planned.plan.actions.length} resources applied in ${(wall / 1000).toFixed(1)} s; ` +
        `${total} calls (sso-admin ${Object.values(calls['sso-admin'] ?? {}).reduce((a, b) => a + b, 0)}); ` +
        `throttles absorbed ${throttles} (sandbox quota throttles ${sb.realism.throttled}), retries ${retries}`,
    );
    assert.ok(wall < 60_000, `took ${wall} ms`);

    // The no-op plan, counted without injected faults (a retry would count twice).
    sb.realism.config.faults = { throttleRate: 0, errorRate: 0, dropRate: 0 };
    sb.resetCalls();
    const again = await planBlueprint(bp, clients());
    assert.ok(
      isEmptyPlan(again.plan),
      again.plan.actions
        .filter((a) => a.op !== 'noop')
        .map((a) => a.key)
        .join(', '),
    );
    const sso = sb.calls()['sso-admin'] ?? {};
    const ids = sb.calls().identitystore ?? {};
    const n = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    console.log(`no-op plan: sso-admin ${JSON.stringify(sso)}; identitystore ${JSON.stringify(ids)}`);
    const PAGE = 100;
    const pages = (k: number) => Math.ceil(k / PAGE);
    // The issue's budget: a page per 100 principals, permission sets and accounts, one call per
    // principal (20 users + 20 groups) and per permission set, and a constant (ListInstances).
    const principals = GROUPS + GROUPS;
    const budget = pages(principals) + pages(SETS) + pages(ACCOUNTS) + principals + SETS + 1;
    // What is spent: ListUsers, ListGroups, ListPermissionSets and ListInstances; per group its
    // assignments (one page: 40) and its members; per permission set its tags (owner and
    // fingerprint). No owned user is read: onramp never assigned one directly.
    const expected = 4 + GROUPS * pages(ACCOUNTS) + GROUPS + SETS;
    assert.equal(sso.DescribePermissionSet, undefined, 'fingerprints trusted');
    assert.equal(sso.ListTagsForResource, SETS);
    assert.equal(sso.ListAccountAssignmentsForPrincipal, GROUPS);
    assert.equal(ids.ListGroupMemberships, GROUPS);
    // A call the sandbox throttled for its quota is counted, and so is its retry.
    const quotaThrottles = sb.realism.throttled;
    const spent = n(sso) + n(ids);
    console.log(
      `no-op plan: ${spent} calls (${quotaThrottles} retried quota throttles) against a budget of ${budget}`,
    );
    assert.equal(spent, expected + quotaThrottles);
    assert.ok(spent - quotaThrottles <= budget, `${spent} calls over the budget of ${budget}`);
    assert.ok(quotaThrottles <= 5, `${quotaThrottles} quota throttles in a no-op plan`);
  });

  it('absorbs AWS’s own quota throttling when the client starts 4× above the quota', {
    timeout: 120_000,
  }, async () => {
    // Slower time (10×), and an account whose Identity Store allows 5 TPS per API where the
    // client assumes AWS's published 20: the quota, not this machine's speed, is the limit.
    const scale = 0.1;
    const slow = await startSandbox({
      seed: 'org',
      accounts: ACCOUNTS,
      realism: 'aws',
      realismOverrides: {
        timeScale: scale,
        quotas: AWS_QUOTAS.map((q) => (q.id === 'identitystore' ? { ...q, rate: 5, burst: 5 } : q)),
      },
    });
    try {
      const members = Object.values(slow.world.organizations.accounts)
        .filter((a) => a.Id !== slow.admin.accountId)
        .map((a) => a.Id)
        .sort();
      // 100 users: CreateUser at 4× the account's 5 TPS meets AWS's throttling.
      const bp = blueprintOf(yaml(members, 4, 100));
      const aws = clients(slow, scale);
      let throttles = 0;
      aws.on((e) => {
        if (e.type === 'throttled') throttles++;
      });
      const started = Date.now();
      const result = await applyPlan(await planBlueprint(bp, aws), {
        waits: { pollIntervalMs: 1_000 * scale },
      });
      assert.equal(
        result.ok,
        true,
        JSON.stringify(result.outcomes.filter((o) => o.state !== 'done').slice(0, 3)),
      );
      console.log(
        `overshoot: ${result.outcomes.length} resources in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `sandbox quota throttles ${slow.realism.throttled}, absorbed by the client ${throttles}`,
      );
      assert.ok(slow.realism.throttled > 0, 'the sandbox throttled');
      assert.ok(isEmptyPlan((await planBlueprint(bp, clients(slow, scale))).plan));
    } finally {
      await slow.stop();
    }
  });
});
