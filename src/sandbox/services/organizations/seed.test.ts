import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListAccountsCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useSandbox } from '../../test-support.js';
import { keysOf } from '../sts/test-fixtures.js';
import { createMemberAccountInternal, createOrganizationInternal } from './internal.js';

describe("the 'org' seed", () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });

  it('starts with an organization of three ACTIVE member accounts, each reachable through its access role', async () => {
    const orgs = new OrganizationsClient(sb.current.clientConfig());
    const sts = new STSClient(sb.current.clientConfig());
    const accounts = (await orgs.send(new ListAccountsCommand({}))).Accounts ?? [];
    const members = accounts.filter((a) => a.Id !== sb.current.admin.accountId);
    assert.deepEqual(
      members.map((a) => [a.Name, a.Email, a.Status, a.JoinedMethod]),
      [
        ['member-001', 'member-001@example.com', 'ACTIVE', 'CREATED'],
        ['member-002', 'member-002@example.com', 'ACTIVE', 'CREATED'],
        ['member-003', 'member-003@example.com', 'ACTIVE', 'CREATED'],
      ],
    );
    assert.equal((await orgs.send(new ListRootsCommand({}))).Roots?.length, 1);
    for (const member of members) {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${member.Id}:role/OrganizationAccountAccessRole`,
          RoleSessionName: 'seeded',
        }),
      );
      const id = await new STSClient(sb.current.clientConfig(keysOf(out.Credentials))).send(
        new GetCallerIdentityCommand({}),
      );
      assert.equal(id.Account, member.Id);
    }
  });
});

describe('organizations in-process operations', () => {
  const sb = useSandbox();

  it('makes the primary account management and creates members synchronously', () => {
    const ctx = sb.current.context;
    const org = createOrganizationInternal(ctx);
    assert.equal(org.MasterAccountId, sb.current.world.primaryAccountId);
    assert.equal(createOrganizationInternal(ctx), org, 'idempotent');
    const member = createMemberAccountInternal(ctx, { name: 'direct', email: 'direct@example.com' });
    assert.equal(member.name, 'direct');
    assert.equal(sb.current.world.organizations.accounts[member.id].Status, 'ACTIVE');
    const role = member.iam.roles.organizationaccountaccessrole;
    assert.equal(role.ChangedAt, 0, 'seeded roles need no propagation');
    assert.equal(role.Arn, `arn:aws:iam::${member.id}:role/OrganizationAccountAccessRole`);
  });
});
