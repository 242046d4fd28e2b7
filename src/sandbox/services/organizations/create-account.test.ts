import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  type CreateAccountStatus,
  CreateOrganizationCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListAccountsCommand,
  ListCreateAccountStatusCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useSandbox } from '../../test-support.js';
import { type Keys, keysOf } from '../sts/test-fixtures.js';

describe('organizations:CreateAccount, end to end (fast mode)', () => {
  const sb = useSandbox();
  const orgs = () => new OrganizationsClient({ ...sb.current.clientConfig(), maxAttempts: 1 });
  const sts = (keys?: Keys) => new STSClient(sb.current.clientConfig(keys));

  async function waitForAccount(id: string): Promise<CreateAccountStatus> {
    for (let i = 0; i < 50; i++) {
      const { CreateAccountStatus: s } = await orgs().send(
        new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id }),
      );
      if (s?.State !== 'IN_PROGRESS') return s ?? {};
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${id} never finished`);
  }

  it('creates an account the management account can administer through OrganizationAccountAccessRole', async () => {
    await orgs().send(new CreateOrganizationCommand({}));
    const created = await orgs().send(
      new CreateAccountCommand({
        AccountName: 'Workload Dev',
        Email: 'workload-dev@example.com',
        Tags: [{ Key: 'env', Value: 'dev' }],
      }),
    );
    const status = created.CreateAccountStatus;
    assert.match(status?.Id ?? '', /^car-[a-z0-9]{8,32}$/);
    assert.equal(status?.State, 'IN_PROGRESS');
    assert.equal(status?.AccountName, 'Workload Dev');
    assert.ok(status?.RequestedTimestamp instanceof Date);

    const done = await waitForAccount(status?.Id ?? '');
    assert.equal(done.State, 'SUCCEEDED');
    assert.match(done.AccountId ?? '', /^\d{12}$/);
    assert.ok(done.CompletedTimestamp instanceof Date);

    const { Account: account } = await orgs().send(new DescribeAccountCommand({ AccountId: done.AccountId }));
    assert.deepEqual(
      [account?.Name, account?.Email, account?.Status, account?.JoinedMethod],
      ['Workload Dev', 'workload-dev@example.com', 'ACTIVE', 'CREATED'],
    );
    const tags = await orgs().send(new ListTagsForResourceCommand({ ResourceId: done.AccountId }));
    assert.deepEqual(tags.Tags, [{ Key: 'env', Value: 'dev' }]);

    const roleArn = `arn:aws:iam::${done.AccountId}:role/OrganizationAccountAccessRole`;
    const assumed = await sts().send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'onramp' }));
    const id = await sts(keysOf(assumed.Credentials)).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, done.AccountId);
    assert.equal(id.Arn, `arn:aws:sts::${done.AccountId}:assumed-role/OrganizationAccountAccessRole/onramp`);
    const role = sb.current.world.accounts[done.AccountId ?? ''].iam.roles.organizationaccountaccessrole;
    assert.deepEqual(role.AttachedPolicies, ['arn:aws:iam::aws:policy/AdministratorAccess']);
    assert.deepEqual(JSON.parse(role.AssumeRolePolicyDocument).Statement[0].Principal, {
      AWS: `arn:aws:iam::${sb.current.admin.accountId}:root`,
    });
  });

  it('honours a custom RoleName', async () => {
    const out = await orgs().send(
      new CreateAccountCommand({
        AccountName: 'custom',
        Email: 'custom@example.com',
        RoleName: 'PlatformAdmin',
      }),
    );
    const done = await waitForAccount(out.CreateAccountStatus?.Id ?? '');
    const roles = sb.current.world.accounts[done.AccountId ?? ''].iam.roles;
    assert.deepEqual(Object.keys(roles), ['platformadmin']);
  });

  it('fails a request for an email that is already in use with EMAIL_ALREADY_EXISTS', async () => {
    const out = await orgs().send(
      new CreateAccountCommand({ AccountName: 'dup', Email: 'Workload-Dev@example.com' }),
    );
    const done = await waitForAccount(out.CreateAccountStatus?.Id ?? '');
    assert.equal(done.State, 'FAILED');
    assert.equal(done.FailureReason, 'EMAIL_ALREADY_EXISTS');
    assert.equal(done.AccountId, undefined);
    const failed = await orgs().send(new ListCreateAccountStatusCommand({ States: ['FAILED'] }));
    assert.deepEqual(
      failed.CreateAccountStatuses?.map((s) => s.Id),
      [out.CreateAccountStatus?.Id],
    );
  });

  it('rejects malformed input at once with InvalidInputException', async () => {
    for (const input of [
      { AccountName: 'x', Email: 'not-an-email' },
      { AccountName: 'x', Email: `${'a'.repeat(60)}@example.com` },
      { AccountName: 'x'.repeat(51), Email: 'long-name@example.com' },
      { AccountName: 'x', Email: 'role@example.com', RoleName: 'bad role' },
    ]) {
      await assert.rejects(
        orgs().send(new CreateAccountCommand(input)),
        (e: Error) => e.name === 'InvalidInputException',
      );
    }
    await assert.rejects(
      orgs().send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: 'car-0123456789abcdef' })),
      (e: Error) => e.name === 'CreateAccountStatusNotFoundException',
    );
  });

  it('closes a member account: PENDING_CLOSURE then SUSPENDED, and its roles can no longer be assumed', async () => {
    const out = await orgs().send(
      new CreateAccountCommand({ AccountName: 'doomed', Email: 'doomed@example.com' }),
    );
    const { AccountId } = await waitForAccount(out.CreateAccountStatus?.Id ?? '');
    await orgs().send(new CloseAccountCommand({ AccountId }));
    const { Account } = await orgs().send(new DescribeAccountCommand({ AccountId }));
    assert.equal(Account?.Status, 'SUSPENDED');
    await assert.rejects(
      orgs().send(new CloseAccountCommand({ AccountId })),
      (e: Error) => e.name === 'AccountAlreadyClosedException',
    );
    await assert.rejects(
      orgs().send(new CloseAccountCommand({ AccountId: sb.current.admin.accountId })),
      (e: Error & { Reason?: string }) =>
        e.name === 'ConstraintViolationException' && e.Reason === 'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
    );
    await assert.rejects(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${AccountId}:role/OrganizationAccountAccessRole`,
          RoleSessionName: 'late',
        }),
      ),
      (e: Error) => e.name === 'AccessDenied',
    );
    const listed = (await orgs().send(new ListAccountsCommand({}))).Accounts ?? [];
    assert.equal(listed.find((a) => a.Id === AccountId)?.Status, 'SUSPENDED');
  });
});
