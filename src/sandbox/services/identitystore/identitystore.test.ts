import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  DescribeGroupCommand,
  DescribeGroupMembershipCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  IsMemberInGroupsCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-identitystore';
import { useSandbox } from '../../test-support.js';
import { createTestGroup, createTestUser, type SsoTestWorld, ssoTestWorld } from '../sso-admin/test-world.js';

type AwsErr = Error & { ResourceType?: string; ResourceId?: string; Reason?: string; RequestId?: string };

async function rejectsWith(
  p: Promise<unknown>,
  code: string,
  check: (e: AwsErr) => void = () => {},
): Promise<void> {
  await assert.rejects(p, (e: AwsErr) => {
    assert.equal(e.name, code, `expected ${code}, got ${e.name}: ${e.message}`);
    check(e);
    return true;
  });
}

describe('identitystore', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });
  let w: SsoTestWorld;
  let store: string;
  before(() => {
    w = ssoTestWorld(sb.current);
    store = w.identityStoreId;
  });

  it('creates, describes, updates and deletes a user', async () => {
    const userId = await createTestUser(w, 'dana');
    assert.match(userId, /^[0-9a-f]{10}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const u = await w.ids.send(new DescribeUserCommand({ IdentityStoreId: store, UserId: userId }));
    assert.equal(u.UserName, 'dana');
    assert.equal(u.DisplayName, 'dana Example');
    assert.deepEqual(u.Name, { GivenName: 'dana', FamilyName: 'Example' });
    assert.equal(u.Emails?.[0]?.Value, 'dana@example.com');
    assert.equal(u.IdentityStoreId, store);
    await w.ids.send(
      new UpdateUserCommand({
        IdentityStoreId: store,
        UserId: userId,
        Operations: [
          { AttributePath: 'displayName', AttributeValue: 'Dana Scully' },
          { AttributePath: 'name.familyName', AttributeValue: 'Scully' },
          { AttributePath: 'title', AttributeValue: 'Agent' },
        ],
      }),
    );
    const updated = await w.ids.send(new DescribeUserCommand({ IdentityStoreId: store, UserId: userId }));
    assert.equal(updated.DisplayName, 'Dana Scully');
    assert.equal(updated.Name?.FamilyName, 'Scully');
    assert.equal(updated.Title, 'Agent');
    await rejectsWith(
      w.ids.send(
        new UpdateUserCommand({
          IdentityStoreId: store,
          UserId: userId,
          Operations: [{ AttributePath: 'displayName', AttributeValue: undefined }],
        }),
      ),
      'ValidationException',
    );
    await w.ids.send(new DeleteUserCommand({ IdentityStoreId: store, UserId: userId }));
    await rejectsWith(
      w.ids.send(new DescribeUserCommand({ IdentityStoreId: store, UserId: userId })),
      'ResourceNotFoundException',
      (e) => {
        assert.equal(e.ResourceType, 'USER');
        assert.equal(e.ResourceId, userId);
        assert.ok(e.RequestId);
      },
    );
  });

  it('requires what IAM Identity Center requires and keeps user names unique', async () => {
    await rejectsWith(
      w.ids.send(
        new CreateUserCommand({ IdentityStoreId: store, UserName: 'noname', DisplayName: 'No Name' }),
      ),
      'ValidationException',
      (e) => assert.match(e.message, /name\.givenName/),
    );
    await rejectsWith(
      w.ids.send(
        new CreateUserCommand({
          IdentityStoreId: store,
          UserName: 'Administrator',
          DisplayName: 'Admin',
          Name: { GivenName: 'A', FamilyName: 'B' },
        }),
      ),
      'ValidationException',
    );
    await createTestUser(w, 'erin');
    await rejectsWith(
      w.ids.send(
        new CreateUserCommand({
          IdentityStoreId: store,
          UserName: 'ERIN',
          DisplayName: 'Erin Again',
          Name: { GivenName: 'Erin', FamilyName: 'Again' },
        }),
      ),
      'ConflictException',
      (e) => assert.equal(e.Reason, 'UNIQUENESS_CONSTRAINT_VIOLATION'),
    );
  });

  it('finds users by filter and alternate identifier, and pages them', async () => {
    for (let i = 0; i < 7; i++) await createTestUser(w, `pager${i}`);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await w.ids.send(
        new ListUsersCommand({ IdentityStoreId: store, MaxResults: 3, NextToken: token }),
      );
      assert.ok((page.Users?.length ?? 0) <= 3);
      seen.push(...(page.Users ?? []).map((u) => u.UserName ?? ''));
      token = page.NextToken;
    } while (token);
    assert.equal(new Set(seen).size, seen.length, 'no user twice');
    for (let i = 0; i < 7; i++) assert.ok(seen.includes(`pager${i}`));

    const byName = await w.ids.send(
      new ListUsersCommand({
        IdentityStoreId: store,
        Filters: [{ AttributePath: 'UserName', AttributeValue: 'pager3' }],
      }),
    );
    assert.deepEqual(
      byName.Users?.map((u) => u.UserName),
      ['pager3'],
    );
    const byDisplay = await w.ids.send(
      new ListUsersCommand({
        IdentityStoreId: store,
        Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'pager4 Example' }],
      }),
    );
    assert.deepEqual(
      byDisplay.Users?.map((u) => u.UserName),
      ['pager4'],
    );

    const id = await w.ids.send(
      new GetUserIdCommand({
        IdentityStoreId: store,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'pager5' } },
      }),
    );
    const byEmail = await w.ids.send(
      new GetUserIdCommand({
        IdentityStoreId: store,
        AlternateIdentifier: {
          UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: 'pager5@example.com' },
        },
      }),
    );
    assert.equal(byEmail.UserId, id.UserId);
    await rejectsWith(
      w.ids.send(
        new GetUserIdCommand({
          IdentityStoreId: store,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'nobody' } },
        }),
      ),
      'ResourceNotFoundException',
      (e) => assert.equal(e.ResourceType, 'USER'),
    );
    await rejectsWith(
      w.ids.send(new ListUsersCommand({ IdentityStoreId: store, MaxResults: 101 })),
      'ValidationException',
    );
  });

  it('manages groups with unique display names', async () => {
    const groupId = await createTestGroup(w, 'platform');
    const g = await w.ids.send(new DescribeGroupCommand({ IdentityStoreId: store, GroupId: groupId }));
    assert.equal(g.DisplayName, 'platform');
    await rejectsWith(createTestGroup(w, 'Platform'), 'ConflictException', (e) =>
      assert.equal(e.Reason, 'UNIQUENESS_CONSTRAINT_VIOLATION'),
    );
    await w.ids.send(
      new UpdateGroupCommand({
        IdentityStoreId: store,
        GroupId: groupId,
        Operations: [{ AttributePath: 'description', AttributeValue: 'platform team' }],
      }),
    );
    assert.equal(
      (await w.ids.send(new DescribeGroupCommand({ IdentityStoreId: store, GroupId: groupId }))).Description,
      'platform team',
    );
    const listed = await w.ids.send(
      new ListGroupsCommand({
        IdentityStoreId: store,
        Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'platform' }],
      }),
    );
    assert.deepEqual(
      listed.Groups?.map((x) => x.GroupId),
      [groupId],
    );
    const byName = await w.ids.send(
      new GetGroupIdCommand({
        IdentityStoreId: store,
        AlternateIdentifier: {
          UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'platform' },
        },
      }),
    );
    assert.equal(byName.GroupId, groupId);
    await w.ids.send(new DeleteGroupCommand({ IdentityStoreId: store, GroupId: groupId }));
    await rejectsWith(
      w.ids.send(new DescribeGroupCommand({ IdentityStoreId: store, GroupId: groupId })),
      'ResourceNotFoundException',
      (e) => assert.equal(e.ResourceType, 'GROUP'),
    );
  });

  it('manages memberships, refuses duplicates and cleans up when a user goes', async () => {
    const userId = await createTestUser(w, 'frank');
    const groupId = await createTestGroup(w, 'ops');
    const other = await createTestGroup(w, 'finance');
    const created = await w.ids.send(
      new CreateGroupMembershipCommand({
        IdentityStoreId: store,
        GroupId: groupId,
        MemberId: { UserId: userId },
      }),
    );
    const membershipId = created.MembershipId ?? '';
    await rejectsWith(
      w.ids.send(
        new CreateGroupMembershipCommand({
          IdentityStoreId: store,
          GroupId: groupId,
          MemberId: { UserId: userId },
        }),
      ),
      'ConflictException',
      (e) => assert.equal(e.Reason, 'UNIQUENESS_CONSTRAINT_VIOLATION'),
    );
    const d = await w.ids.send(
      new DescribeGroupMembershipCommand({ IdentityStoreId: store, MembershipId: membershipId }),
    );
    assert.deepEqual([d.GroupId, d.MemberId], [groupId, { UserId: userId }]);
    const inGroup = await w.ids.send(
      new ListGroupMembershipsCommand({ IdentityStoreId: store, GroupId: groupId }),
    );
    assert.deepEqual(
      inGroup.GroupMemberships?.map((m) => m.MembershipId),
      [membershipId],
    );
    const forMember = await w.ids.send(
      new ListGroupMembershipsForMemberCommand({ IdentityStoreId: store, MemberId: { UserId: userId } }),
    );
    assert.deepEqual(
      forMember.GroupMemberships?.map((m) => m.GroupId),
      [groupId],
    );
    const check = await w.ids.send(
      new IsMemberInGroupsCommand({
        IdentityStoreId: store,
        MemberId: { UserId: userId },
        GroupIds: [groupId, other],
      }),
    );
    assert.deepEqual(
      check.Results?.map((r) => [r.GroupId, r.MembershipExists]),
      [
        [groupId, true],
        [other, false],
      ],
    );
    const found = await w.ids.send(
      new GetGroupMembershipIdCommand({
        IdentityStoreId: store,
        GroupId: groupId,
        MemberId: { UserId: userId },
      }),
    );
    assert.equal(found.MembershipId, membershipId);
    await w.ids.send(
      new DeleteGroupMembershipCommand({ IdentityStoreId: store, MembershipId: membershipId }),
    );
    await rejectsWith(
      w.ids.send(new DescribeGroupMembershipCommand({ IdentityStoreId: store, MembershipId: membershipId })),
      'ResourceNotFoundException',
      (e) => assert.equal(e.ResourceType, 'GROUP_MEMBERSHIP'),
    );
    await w.ids.send(
      new CreateGroupMembershipCommand({
        IdentityStoreId: store,
        GroupId: other,
        MemberId: { UserId: userId },
      }),
    );
    await w.ids.send(new DeleteUserCommand({ IdentityStoreId: store, UserId: userId }));
    const left = await w.ids.send(
      new ListGroupMembershipsCommand({ IdentityStoreId: store, GroupId: other }),
    );
    assert.deepEqual(left.GroupMemberships, [], 'deleting a user deletes its memberships');
  });

  it('answers bad ids and unknown stores AWS-shaped and keeps serving', async () => {
    await rejectsWith(
      w.ids.send(new DescribeUserCommand({ IdentityStoreId: store, UserId: 'not-an-id' })),
      'ValidationException',
      (e) => assert.match(e.message, /'userId' failed to satisfy constraint/),
    );
    await rejectsWith(
      w.ids.send(new ListUsersCommand({ IdentityStoreId: 'store-1' })),
      'ValidationException',
      (e) => assert.match(e.message, /'identityStoreId'/),
    );
    await rejectsWith(
      w.ids.send(new ListUsersCommand({ IdentityStoreId: 'd-0000000000' })),
      'ResourceNotFoundException',
      (e) => {
        assert.equal(e.ResourceType, 'IDENTITY_STORE');
        assert.equal(e.ResourceId, 'd-0000000000');
      },
    );
    await rejectsWith(
      w.ids.send(
        new CreateGroupMembershipCommand({
          IdentityStoreId: store,
          GroupId: '0000000000-00000000-0000-4000-8000-000000000000',
          MemberId: { UserId: '0000000000-00000000-0000-4000-8000-000000000001' },
        }),
      ),
      'ResourceNotFoundException',
      (e) => assert.equal(e.ResourceType, 'GROUP'),
    );
    const users = await w.ids.send(new ListUsersCommand({ IdentityStoreId: store }));
    assert.ok((users.Users?.length ?? 0) > 0);
  });
});
