import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  ListAccountsCommand,
  ListCreateAccountStatusCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ManualClock } from '../../../core/clock.js';
import { fastRealism } from '../../realism.js';
import { useSandbox } from '../../test-support.js';

const LATENCY = 60_000;
const PROPAGATION = 10_000;

describe('organizations:CreateAccount with realistic latency on a manual clock', () => {
  const clock = new ManualClock();
  const sb = useSandbox({
    clock,
    realism: {
      latencyMs: { ...fastRealism().latencyMs, createAccount: LATENCY },
      propagationDelayMs: PROPAGATION,
    },
  });
  const orgs = () => new OrganizationsClient({ ...sb.current.clientConfig(), maxAttempts: 1 });
  const sts = () => new STSClient({ ...sb.current.clientConfig(), maxAttempts: 1 });
  const create = (n: number) =>
    orgs().send(new CreateAccountCommand({ AccountName: `acct-${n}`, Email: `acct-${n}@example.com` }));
  const describeStatus = async (id: string | undefined) =>
    (await orgs().send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id })))
      .CreateAccountStatus;

  it('stays IN_PROGRESS until the latency passes, and allows five in progress at once', async () => {
    await orgs().send(new CreateOrganizationCommand({}));
    const requested = clock.now();
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) ids.push((await create(n)).CreateAccountStatus?.Id ?? '');
    await assert.rejects(create(6), (e: Error) => {
      assert.equal(e.name, 'TooManyRequestsException');
      assert.match(e.message, /another request is already in progress/);
      return true;
    });
    const inProgress = await orgs().send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'] }));
    assert.equal(inProgress.CreateAccountStatuses?.length, 5);

    clock.advance(LATENCY - 1);
    assert.equal((await describeStatus(ids[0]))?.State, 'IN_PROGRESS');
    assert.equal(
      (await orgs().send(new ListAccountsCommand({}))).Accounts?.length,
      1,
      'only the management account yet',
    );

    clock.advance(1);
    const done = await describeStatus(ids[0]);
    assert.equal(done?.State, 'SUCCEEDED');
    assert.equal(done?.CompletedTimestamp?.getTime(), requested + LATENCY);
    assert.equal((await orgs().send(new ListAccountsCommand({}))).Accounts?.length, 6);
    const sixth = await create(6);
    assert.equal(sixth.CreateAccountStatus?.State, 'IN_PROGRESS');
  });

  it("keeps a new account's access role unassumable until IAM has propagated it", async () => {
    const out = await create(7);
    clock.advance(LATENCY);
    const status = await describeStatus(out.CreateAccountStatus?.Id);
    assert.equal(status?.State, 'SUCCEEDED');
    const assume = () =>
      sts().send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${status?.AccountId}:role/OrganizationAccountAccessRole`,
          RoleSessionName: 'early',
        }),
      );
    await assert.rejects(assume(), (e: Error) => e.name === 'AccessDenied');
    clock.advance(PROPAGATION);
    const assumed = await assume();
    assert.ok(assumed.Credentials?.AccessKeyId);
  });
});
