import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DeleteOrganizationalUnitCommand,
  DeleteOrganizationCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  ListAccountsCommand,
  type ListAccountsCommandOutput,
  ListAWSServiceAccessForOrganizationCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
  OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateOrganizationalUnitCommand,
} from '@aws-sdk/client-organizations';
import { useSandbox } from '../../test-support.js';
import { addUser, type Keys } from '../sts/test-fixtures.js';
import { createMemberAccountInternal } from './internal.js';

const rejectsWith = (name: string, reason?: string) => (e: Error & { Reason?: string }) => {
  assert.equal(e.name, name, e.message);
  if (reason) assert.equal(e.Reason, reason);
  return true;
};

describe('organizations: the organization, its tree and its tags', () => {
  const sb = useSandbox();
  const orgs = (keys?: Keys) => new OrganizationsClient({ ...sb.current.clientConfig(keys), maxAttempts: 1 });

  it('answers AWSOrganizationsNotInUseException before an organization exists', async () => {
    await assert.rejects(
      orgs().send(new DescribeOrganizationCommand({})),
      (e: Error) =>
        rejectsWith('AWSOrganizationsNotInUseException')(e) &&
        e.message === 'Your account is not a member of an organization.',
    );
  });

  it('creates the organization with the caller account as management', async () => {
    const { Organization: org } = await orgs().send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const mgmt = sb.current.admin.accountId;
    assert.match(org?.Id ?? '', /^o-[a-z0-9]{10,32}$/);
    assert.equal(org?.Arn, `arn:aws:organizations::${mgmt}:organization/${org?.Id}`);
    assert.equal(org?.MasterAccountId, mgmt);
    assert.equal(org?.MasterAccountArn, `arn:aws:organizations::${mgmt}:account/${org?.Id}/${mgmt}`);
    assert.equal(org?.MasterAccountEmail, 'management@example.com');
    assert.equal(org?.FeatureSet, 'ALL');
    assert.deepEqual((await orgs().send(new DescribeOrganizationCommand({}))).Organization, org);
    await assert.rejects(
      orgs().send(new CreateOrganizationCommand({})),
      rejectsWith('AlreadyInOrganizationException'),
    );

    const roots = (await orgs().send(new ListRootsCommand({}))).Roots ?? [];
    assert.equal(roots.length, 1);
    assert.match(roots[0].Id ?? '', /^r-[0-9a-z]{4,32}$/);
    assert.equal(roots[0].Arn, `arn:aws:organizations::${mgmt}:root/${org?.Id}/${roots[0].Id}`);
    const accounts = (await orgs().send(new ListAccountsCommand({}))).Accounts ?? [];
    assert.deepEqual(
      accounts.map((a) => [a.Id, a.Status, a.JoinedMethod, a.Email]),
      [[mgmt, 'ACTIVE', 'INVITED', 'management@example.com']],
    );
  });

  it('builds an OU tree and moves accounts through it', async () => {
    const rootId = (await orgs().send(new ListRootsCommand({}))).Roots?.[0].Id ?? '';
    const member = createMemberAccountInternal(sb.current.context, {
      name: 'tree',
      email: 'tree@example.com',
    });
    const { OrganizationalUnit: ou } = await orgs().send(
      new CreateOrganizationalUnitCommand({
        ParentId: rootId,
        Name: 'Workloads',
        Tags: [{ Key: 'tier', Value: 'a' }],
      }),
    );
    assert.match(ou?.Id ?? '', new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
    await assert.rejects(
      orgs().send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' })),
      rejectsWith('DuplicateOrganizationalUnitException'),
    );
    await assert.rejects(
      orgs().send(new CreateOrganizationalUnitCommand({ ParentId: 'ou-zzzz-zzzzzzzz', Name: 'x' })),
      rejectsWith('ParentNotFoundException'),
    );
    const { OrganizationalUnit: prod } = await orgs().send(
      new CreateOrganizationalUnitCommand({ ParentId: ou?.Id, Name: 'Prod' }),
    );
    const updated = await orgs().send(
      new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: prod?.Id, Name: 'Production' }),
    );
    assert.equal(updated.OrganizationalUnit?.Name, 'Production');
    const described = await orgs().send(
      new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: prod?.Id }),
    );
    assert.equal(described.OrganizationalUnit?.Arn, prod?.Arn);

    await orgs().send(
      new MoveAccountCommand({ AccountId: member.id, SourceParentId: rootId, DestinationParentId: prod?.Id }),
    );
    await assert.rejects(
      orgs().send(
        new MoveAccountCommand({
          AccountId: member.id,
          SourceParentId: rootId,
          DestinationParentId: prod?.Id,
        }),
      ),
      rejectsWith('DuplicateAccountException'),
    );
    await assert.rejects(
      orgs().send(
        new MoveAccountCommand({
          AccountId: member.id,
          SourceParentId: 'ou-zzzz-zzzzzzzz',
          DestinationParentId: rootId,
        }),
      ),
      rejectsWith('SourceParentNotFoundException'),
    );
    await assert.rejects(
      orgs().send(
        new MoveAccountCommand({
          AccountId: member.id,
          SourceParentId: prod?.Id,
          DestinationParentId: 'ou-zzzz-zzzzzzzz',
        }),
      ),
      rejectsWith('DestinationParentNotFoundException'),
    );
    await assert.rejects(
      orgs().send(
        new MoveAccountCommand({
          AccountId: '111111111111',
          SourceParentId: rootId,
          DestinationParentId: prod?.Id,
        }),
      ),
      rejectsWith('AccountNotFoundException'),
    );
    const parents = await orgs().send(new ListParentsCommand({ ChildId: member.id }));
    assert.deepEqual(parents.Parents, [{ Id: prod?.Id, Type: 'ORGANIZATIONAL_UNIT' }]);
    const ouParents = await orgs().send(new ListParentsCommand({ ChildId: ou?.Id }));
    assert.deepEqual(ouParents.Parents, [{ Id: rootId, Type: 'ROOT' }]);
    const children = await orgs().send(new ListChildrenCommand({ ParentId: prod?.Id, ChildType: 'ACCOUNT' }));
    assert.deepEqual(children.Children, [{ Id: member.id, Type: 'ACCOUNT' }]);
    const units = await orgs().send(new ListOrganizationalUnitsForParentCommand({ ParentId: ou?.Id }));
    assert.deepEqual(
      units.OrganizationalUnits?.map((u) => u.Name),
      ['Production'],
    );

    await assert.rejects(
      orgs().send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou?.Id })),
      rejectsWith('OrganizationalUnitNotEmptyException'),
    );
    await orgs().send(
      new MoveAccountCommand({ AccountId: member.id, SourceParentId: prod?.Id, DestinationParentId: rootId }),
    );
    await orgs().send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: prod?.Id }));
    await assert.rejects(
      orgs().send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: prod?.Id })),
      rejectsWith('OrganizationalUnitNotFoundException'),
    );
  });

  it('refuses an OU tree deeper than five levels', async () => {
    let parent = (await orgs().send(new ListRootsCommand({}))).Roots?.[0].Id;
    for (let depth = 1; depth <= 5; depth++) {
      const out = await orgs().send(
        new CreateOrganizationalUnitCommand({ ParentId: parent, Name: `level-${depth}` }),
      );
      parent = out.OrganizationalUnit?.Id;
    }
    await assert.rejects(
      orgs().send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: 'level-6' })),
      rejectsWith('ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED'),
    );
  });

  it('tags accounts, OUs and roots', async () => {
    const rootId = (await orgs().send(new ListRootsCommand({}))).Roots?.[0].Id;
    const mgmt = sb.current.admin.accountId;
    await orgs().send(
      new TagResourceCommand({
        ResourceId: mgmt,
        Tags: [
          { Key: 'env', Value: 'mgmt' },
          { Key: 'o', Value: 'x' },
        ],
      }),
    );
    await orgs().send(new UntagResourceCommand({ ResourceId: mgmt, TagKeys: ['o'] }));
    assert.deepEqual((await orgs().send(new ListTagsForResourceCommand({ ResourceId: mgmt }))).Tags, [
      { Key: 'env', Value: 'mgmt' },
    ]);
    await orgs().send(new TagResourceCommand({ ResourceId: rootId, Tags: [{ Key: 'r', Value: '1' }] }));
    assert.equal((await orgs().send(new ListTagsForResourceCommand({ ResourceId: rootId }))).Tags?.length, 1);
    await assert.rejects(
      orgs().send(new ListTagsForResourceCommand({ ResourceId: '123123123123' })),
      rejectsWith('TargetNotFoundException'),
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await assert.rejects(
      orgs().send(new TagResourceCommand({ ResourceId: mgmt, Tags: many })),
      rejectsWith('ConstraintViolationException', 'MAX_TAG_LIMIT_EXCEEDED'),
    );
  });

  it('pages ListAccounts 20 at a time and rejects foreign or broken tokens', async () => {
    for (let i = 0; i < 22; i++) {
      createMemberAccountInternal(sb.current.context, { name: `bulk-${i}`, email: `bulk-${i}@example.com` });
    }
    const total = Object.keys(sb.current.world.organizations.accounts).length;
    const first = await orgs().send(new ListAccountsCommand({}));
    assert.equal(first.Accounts?.length, 20);
    assert.ok(first.NextToken);
    const ids = new Set(first.Accounts?.map((a) => a.Id));
    let token: string | undefined = first.NextToken;
    while (token) {
      const page: ListAccountsCommandOutput = await orgs().send(
        new ListAccountsCommand({ NextToken: token, MaxResults: 7 }),
      );
      assert.ok((page.Accounts?.length ?? 0) <= 7);
      for (const a of page.Accounts ?? []) ids.add(a.Id);
      token = page.NextToken;
    }
    assert.equal(ids.size, total);
    await assert.rejects(
      orgs().send(new ListAccountsCommand({ MaxResults: 21 })),
      rejectsWith('InvalidInputException', 'MAX_VALUE_EXCEEDED'),
    );
    await assert.rejects(
      orgs().send(new ListAccountsCommand({ NextToken: 'garbage' })),
      rejectsWith('InvalidInputException', 'INVALID_NEXT_TOKEN'),
    );
    await assert.rejects(
      orgs().send(new ListRootsCommand({ NextToken: first.NextToken })),
      rejectsWith('InvalidInputException', 'INVALID_NEXT_TOKEN'),
    );
  });

  it('trusts AWS services such as IAM Identity Center', async () => {
    await orgs().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    const out = await orgs().send(new ListAWSServiceAccessForOrganizationCommand({}));
    assert.deepEqual(
      out.EnabledServicePrincipals?.map((s) => s.ServicePrincipal),
      ['sso.amazonaws.com'],
    );
    assert.ok(out.EnabledServicePrincipals?.[0].DateEnabled instanceof Date);
    await assert.rejects(
      orgs().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'nonsense' })),
      rejectsWith('InvalidInputException', 'UNRECOGNIZED_SERVICE_PRINCIPAL'),
    );
  });

  it('lets members describe the organization but not administer it', async () => {
    const member = createMemberAccountInternal(sb.current.context, {
      name: 'm',
      email: 'member-caller@example.com',
    });
    const user = addUser(sb.current, 'member-admin', {
      accountId: member.id,
      attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    const described = await orgs(user).send(new DescribeOrganizationCommand({}));
    assert.equal(described.Organization?.MasterAccountId, sb.current.admin.accountId);
    await assert.rejects(orgs(user).send(new ListAccountsCommand({})), (e: Error) => {
      rejectsWith('AccessDeniedException')(e);
      assert.equal(e.message, "You don't have permissions to access this resource.");
      return true;
    });
    const outsider = addUser(sb.current, 'outsider', {
      accountId: '444444444444',
      attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    await assert.rejects(
      orgs(outsider).send(new ListRootsCommand({})),
      rejectsWith('AWSOrganizationsNotInUseException'),
    );
  });

  it('deletes the organization only once no member accounts remain', async () => {
    await assert.rejects(
      orgs().send(new DeleteOrganizationCommand({})),
      rejectsWith('OrganizationNotEmptyException'),
    );
    const state = sb.current.world.organizations;
    for (const id of Object.keys(state.accounts))
      if (id !== sb.current.admin.accountId) delete state.accounts[id];
    await orgs().send(new DeleteOrganizationCommand({}));
    await assert.rejects(
      orgs().send(new DescribeOrganizationCommand({})),
      rejectsWith('AWSOrganizationsNotInUseException'),
    );
  });
});
