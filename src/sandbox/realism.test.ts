import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  ListInstancesCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ManualClock } from '../core/clock.js';
import { AWS_QUOTAS, awsRealism, fastRealism, Realism } from './realism.js';
import { startSandbox } from './sandbox.js';

describe('realism: token buckets and time scale', () => {
  it('admits the burst, then exactly the rate', () => {
    const clock = new ManualClock();
    const r = new Realism({ ...awsRealism(), quotas: AWS_QUOTAS }, clock);
    let admitted = 0;
    for (let i = 0; i < 30; i++) if (r.admit('sso-admin', 'ListInstances')) admitted++;
    assert.equal(admitted, 20);
    assert.equal(r.throttled, 10);
    clock.advance(100); // 20 TPS → 2 tokens in 100 ms
    assert.equal(
      r.admit('sso-admin', 'CreatePermissionSet'),
      true,
      'sso-admin shares one bucket across operations',
    );
    assert.equal(r.admit('sso-admin', 'CreatePermissionSet'), true);
    assert.equal(r.admit('sso-admin', 'CreatePermissionSet'), false);
  });

  it('keeps identitystore buckets per operation', () => {
    const r = new Realism(awsRealism(), new ManualClock());
    for (let i = 0; i < 20; i++) assert.ok(r.admit('identitystore', 'CreateUser'));
    assert.equal(r.admit('identitystore', 'CreateUser'), false);
    assert.equal(r.admit('identitystore', 'ListUsers'), true);
  });

  it('multiplies rates by 1/timeScale and latencies by timeScale', () => {
    const clock = new ManualClock();
    const r = new Realism({ ...awsRealism(), timeScale: 0.01 }, clock);
    for (let i = 0; i < 3; i++) assert.ok(r.admit('organizations', 'CreateAccount'));
    assert.equal(r.admit('organizations', 'CreateAccount'), false);
    clock.advance(100); // 0.1 TPS × 100 = 10 TPS → one token per 100 ms
    assert.equal(r.admit('organizations', 'CreateAccount'), true);
    assert.equal(r.latency('createAccount'), 900);
    assert.equal(r.propagationDelay(), 150);
  });

  it('admits everything in fast mode', () => {
    const r = new Realism(fastRealism(), new ManualClock());
    for (let i = 0; i < 1000; i++) assert.ok(r.admit('sso-admin', 'ListInstances'));
  });
});

describe('realism on the wire', () => {
  it('injects 500s, throttles and dropped connections at the configured rates', async () => {
    const sb = await startSandbox();
    try {
      const sts = new STSClient({ ...sb.clientConfig(), maxAttempts: 1 });
      sb.realism.config.faults = { errorRate: 1, throttleRate: 0, dropRate: 0 };
      await assert.rejects(
        sts.send(new GetCallerIdentityCommand({})),
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode === 500,
      );
      sb.realism.config.faults = { errorRate: 0, throttleRate: 1, dropRate: 0 };
      await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (e: Error) => e.name === 'Throttling');
      sb.realism.config.faults = { errorRate: 0, throttleRate: 0, dropRate: 1 };
      await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (e: Error) =>
        /socket hang up|ECONNRESET/.test(e.message),
      );
      sb.realism.config.faults = { errorRate: 0, throttleRate: 0, dropRate: 0 };
      const ok = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(ok.Account, sb.admin.accountId);
      assert.equal(sb.calls().sts.GetCallerIdentity, 4, 'every call reached the counter, faulted or not');
    } finally {
      await sb.stop();
    }
  });

  it('throttles and caps 100 concurrent CreateAccountAssignment calls exactly, and the counters agree', async () => {
    const clock = new ManualClock(Date.now());
    const sb = await startSandbox({
      seed: 'org',
      accounts: 1,
      clock,
      realismOverrides: { latencyMs: { ...fastRealism().latencyMs, createAccountAssignment: 60_000 } },
    });
    try {
      const cfg = { ...sb.clientConfig(), maxAttempts: 1 };
      const admin = new SSOAdminClient(cfg);
      const ids = new IdentitystoreClient(cfg);
      const instance = (await admin.send(new ListInstancesCommand({}))).Instances![0];
      const ps = await admin.send(
        new CreatePermissionSetCommand({ InstanceArn: instance.InstanceArn, Name: 'Admins' }),
      );
      const member = Object.keys(sb.world.accounts).find((a) => a !== sb.admin.accountId)!;
      const users: string[] = [];
      for (let i = 0; i < 100; i++) {
        const u = await ids.send(
          new CreateUserCommand({
            IdentityStoreId: instance.IdentityStoreId,
            UserName: `u${i}`,
            DisplayName: `u${i}`,
            Name: { GivenName: 'U', FamilyName: `${i}` },
          }),
        );
        users.push(u.UserId!);
      }
      // Now AWS's quota: sso-admin 20 TPS shared, and the clock stands still, so exactly the burst gets in.
      sb.realism.config.throttling = true;
      sb.realism.reset();
      sb.resetCalls();
      const results = await Promise.allSettled(
        users.map((PrincipalId) =>
          admin.send(
            new CreateAccountAssignmentCommand({
              InstanceArn: instance.InstanceArn,
              PermissionSetArn: ps.PermissionSet!.PermissionSetArn,
              TargetType: 'AWS_ACCOUNT',
              TargetId: member,
              PrincipalType: 'USER',
              PrincipalId,
            }),
          ),
        ),
      );
      const accepted = results.filter((r) => r.status === 'fulfilled');
      const rejected = results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => r.reason as Error);
      assert.ok(
        rejected.every((e) => e.name === 'ThrottlingException'),
        rejected.map((e) => e.name).join(),
      );
      const byRate = rejected.filter((e) => /Rate exceeded/.test(e.message)).length;
      const byCap = rejected.length - byRate;
      assert.deepEqual({ accepted: accepted.length, byRate, byCap }, { accepted: 15, byRate: 80, byCap: 5 });
      assert.equal(sb.calls()['sso-admin'].CreateAccountAssignment, 100);
      assert.equal(sb.realism.throttled, 80);
    } finally {
      await sb.stop();
    }
  });
});
