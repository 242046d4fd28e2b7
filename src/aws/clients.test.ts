import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { mergeRealism } from '../sandbox/realism.js';
import { stsService } from '../sandbox/services/sts/index.js';
import { useSandbox } from '../sandbox/test-support.js';
import type { AwsEvent } from './call.js';
import { isNotFound } from './classify.js';
import { AwsClients } from './clients.js';
import { RateLimiter } from './limiter.js';

const sb = useSandbox({ seed: 'org', accounts: 2 });
const open: AwsClients[] = [];
after(async () => {
  for (const c of open) await c.destroy();
});

function clientsFor(opts: ConstructorParameters<typeof AwsClients>[1] = {}): AwsClients {
  const { accessKeyId, secretAccessKey } = sb.current.admin;
  const c = new AwsClients(
    { endpointUrl: sb.current.url, credentials: { accessKeyId, secretAccessKey } },
    opts,
  );
  open.push(c);
  return c;
}

const count = (service: string, op: string) => sb.current.calls()[service]?.[op] ?? 0;

describe('AwsClients against the sandbox', () => {
  it('reaches every service at the endpoint override, in us-east-1 by default', async () => {
    const aws = clientsFor();
    assert.equal(aws.region, 'us-east-1');
    const iam = await aws.client('iam');
    assert.equal(await iam.config.region(), 'us-east-1');
    // Our retry layer is the only one.
    assert.equal(await iam.config.maxAttempts(), 1);
    const roles = await aws.call('iam', 'ListRoles', (c) => c.send(new ListRolesCommand({})));
    assert.ok(Array.isArray(roles.Roles));
    const accounts = await aws.call('organizations', 'ListAccounts', (c) =>
      c.send(new ListAccountsCommand({})),
    );
    assert.equal(accounts.Accounts?.length, 3);
    assert.equal(await aws.client('iam'), iam, 'one client per service per context');
  });

  it('caches the caller identity', async () => {
    sb.current.resetCalls();
    const aws = clientsFor();
    const [a, b] = await Promise.all([aws.callerIdentity(), aws.callerIdentity()]);
    const c = await aws.callerIdentity();
    assert.equal(a.account, sb.current.admin.accountId);
    assert.equal(a.arn, sb.current.admin.arn);
    assert.deepEqual(b, a);
    assert.deepEqual(c, a);
    assert.equal(count('sts', 'GetCallerIdentity'), 1);
  });

  it('counts calls per service and operation and emits events', async () => {
    const aws = clientsFor();
    const events: AwsEvent[] = [];
    const off = aws.on((e) => events.push(e));
    await aws.call('iam', 'ListRoles', (c) => c.send(new ListRolesCommand({})));
    await aws.call('iam', 'ListRoles', (c) => c.send(new ListRolesCommand({})));
    off();
    await aws.call('iam', 'ListRoles', (c) => c.send(new ListRolesCommand({})));
    assert.equal(aws.callCounts()['iam:ListRoles'], 3);
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.service}:${e.operation}`),
      ['call iam:ListRoles', 'call iam:ListRoles'],
    );
  });

  it('absorbs real throttling from the sandbox: retries, cuts the rate, reports it', async () => {
    const realism = sb.current.realism;
    const saved = realism.config;
    realism.config = mergeRealism(saved, {
      throttling: true,
      quotas: [{ id: 'iam-test', service: 'iam', operations: '*', perOperation: false, rate: 20, burst: 2 }],
    });
    realism.reset();
    sb.current.resetCalls();
    try {
      const limiter = new RateLimiter({ rules: { iam: { rate: 1_000, burst: 1_000 } } });
      const aws = clientsFor({
        limiter,
        retry: { throttleBaseDelayMs: 20, maxDelayMs: 200, maxAttempts: 20 },
      });
      const events: AwsEvent[] = [];
      aws.on((e) => events.push(e));
      await Promise.all(
        Array.from({ length: 8 }, () =>
          aws.call('iam', 'ListRoles', (c) => c.send(new ListRolesCommand({}))),
        ),
      );
      const throttles = events.filter((e) => e.type === 'throttled').length;
      assert.ok(throttles > 0, 'the sandbox throttled some calls');
      assert.ok(limiter.currentRate('iam:ListRoles') < 1_000, 'the limiter slowed down');
      // Every attempt we made reached the sandbox once: the SDK did not retry behind our back.
      assert.equal(count('iam', 'ListRoles'), aws.callCounts()['iam:ListRoles']);
      assert.equal(aws.callCounts()['iam:ListRoles'], 8 + throttles);
    } finally {
      realism.config = saved;
      realism.reset();
    }
  });

  it('wraps a final AWS error so callers can still tell not-found', async () => {
    const aws = clientsFor();
    const { GetRoleCommand } = await import('@aws-sdk/client-iam');
    await assert.rejects(
      aws.call('iam', 'GetRole', (c) => c.send(new GetRoleCommand({ RoleName: 'missing' })), {
        what: 'reading IAM Role (missing)',
      }),
      (e: unknown) => {
        assert.equal((e as { code?: string }).code, 'ONR-E200');
        assert.match((e as Error).message, /^reading IAM Role \(missing\): NoSuchEntity/);
        assert.equal(isNotFound(e), true);
        return true;
      },
    );
  });

  it("uses the SDK's default credential chain with a profile", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onramp-aws-'));
    const saved = { ...process.env };
    try {
      const { accessKeyId, secretAccessKey } = sb.current.admin;
      writeFileSync(
        join(dir, 'credentials'),
        `[sandbox]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
      );
      writeFileSync(join(dir, 'config'), '[profile sandbox]\nregion = us-east-1\n');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
        delete process.env[k];
      }
      const aws = new AwsClients({ profile: 'sandbox', endpointUrl: sb.current.url });
      open.push(aws);
      assert.equal((await aws.callerIdentity()).arn, sb.current.admin.arn);
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns the caller context for its own account', async () => {
    const aws = clientsFor();
    assert.equal(await aws.forAccount(sb.current.admin.accountId), aws);
  });

  it('assumes into a member account once per run and caches the session', async (t) => {
    if (!('AssumeRole' in stsService.operations)) {
      t.skip('the sandbox does not implement sts:AssumeRole yet');
      return;
    }
    const members = Object.keys(sb.current.world.accounts).filter((a) => a !== sb.current.admin.accountId);
    assert.equal(members.length, 2);
    sb.current.resetCalls();
    const aws = clientsFor();
    const [m1, again] = await Promise.all([aws.forAccount(members[0]), aws.forAccount(members[0])]);
    assert.equal(again, m1);
    assert.equal(await aws.forAccount(members[0]), m1);
    assert.equal(m1.accountId, members[0]);
    const who = await m1.callerIdentity();
    assert.equal(who.account, members[0]);
    assert.match(who.arn, /:assumed-role\/OrganizationAccountAccessRole\/onramp$/);
    await Promise.all(
      Array.from({ length: 5 }, () => m1.call('iam', 'ListRoles', (c) => c.send(new ListRolesCommand({})))),
    );
    const m2 = await aws.forAccount(members[1]);
    assert.notEqual(m2, m1);
    assert.equal(count('sts', 'AssumeRole'), 2, 'one AssumeRole per member account');
    assert.equal(aws.callCounts()['sts:AssumeRole'], 2, 'counted across contexts');

    await assert.rejects(aws.forAccount(members[0], { roleName: 'NoSuchRole' }), (e: unknown) => {
      assert.equal((e as { code?: string }).code, 'ONR-E208');
      return true;
    });
  });
});
