import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useSandbox } from '../../test-support.js';
import { rejectsWith, S3_READ, trustAccount } from './test-iam.js';

describe('iam users, groups and access keys', () => {
  const sb = useSandbox({ seed: 'fresh' });
  const iam = () => new IAMClient({ ...sb.current.clientConfig(), maxAttempts: 1 });
  const account = () => sb.current.admin.accountId;

  it('creates, reads, tags, lists and deletes a user', async () => {
    const created = await iam().send(
      new CreateUserCommand({ UserName: 'alice', Path: '/people/', Tags: [{ Key: 'team', Value: 'data' }] }),
    );
    assert.equal(created.User?.Arn, `arn:aws:iam::${account()}:user/people/alice`);
    assert.match(created.User?.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
    const got = (await iam().send(new GetUserCommand({ UserName: 'ALICE' }))).User!;
    assert.equal(got.UserName, 'alice');
    assert.deepEqual(got.Tags, [{ Key: 'team', Value: 'data' }]);

    await iam().send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'level', Value: '3' }] }));
    await iam().send(new UntagUserCommand({ UserName: 'alice', TagKeys: ['team'] }));
    assert.deepEqual((await iam().send(new ListUserTagsCommand({ UserName: 'alice' }))).Tags, [
      { Key: 'level', Value: '3' },
    ]);

    const people = await iam().send(new ListUsersCommand({ PathPrefix: '/people/' }));
    assert.deepEqual(
      people.Users?.map((u) => u.UserName),
      ['alice'],
    );

    await iam().send(new DeleteUserCommand({ UserName: 'alice' }));
    await rejectsWith(iam().send(new GetUserCommand({ UserName: 'alice' })), 'NoSuchEntity', {
      status: 404,
      message: 'The user with name alice cannot be found.',
    });
  });

  it('GetUser without a name answers for the caller, and refuses role sessions', async () => {
    const me = (await iam().send(new GetUserCommand({}))).User!;
    assert.equal(me.UserName, 'onramp-admin');
    assert.equal(me.Arn, sb.current.admin.arn);

    // A role session (as STS would mint one) has no user to default to, even with every permission.
    await iam().send(
      new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    await iam().send(
      new AttachRolePolicyCommand({
        RoleName: 'r',
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    sb.current.world.credentials.ASIATESTROLESESSION1 = {
      accessKeyId: 'ASIATESTROLESESSION1',
      secretAccessKey: 's'.repeat(40),
      sessionToken: 'token',
      expiration: Date.now() + 3_600_000,
      principal: {
        type: 'assumed-role',
        accountId: account(),
        arn: `arn:aws:sts::${account()}:assumed-role/r/s`,
        roleArn: `arn:aws:iam::${account()}:role/r`,
        roleName: 'r',
        roleId: 'AROAAAAAAAAAAAAAAAAAA',
        sessionName: 's',
        chained: false,
      },
    };
    const asRole = new IAMClient({
      ...sb.current.clientConfig({
        accessKeyId: 'ASIATESTROLESESSION1',
        secretAccessKey: 's'.repeat(40),
        sessionToken: 'token',
      }),
      maxAttempts: 1,
    });
    await rejectsWith(asRole.send(new GetUserCommand({})), 'ValidationError', {
      message: 'Must specify userName when calling with non-User credentials',
    });
  });

  it('issues access keys that sign requests, can be deactivated, and are limited to two', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'bot' }));
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: 'bot' }))).AccessKey!;
    assert.match(key.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(key.SecretAccessKey?.length, 40);
    assert.equal(key.Status, 'Active');

    const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const sts = new STSClient({ ...sb.current.clientConfig(creds), maxAttempts: 1 });
    const id = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:iam::${account()}:user/bot`);
    assert.equal(id.Account, account());
    // With a policy allowing it, the key's own user can ask IAM who it is; without one IAM refuses.
    const selfIam = new IAMClient({ ...sb.current.clientConfig(creds), maxAttempts: 1 });
    await rejectsWith(selfIam.send(new GetUserCommand({})), 'AccessDenied', {
      status: 403,
      message: `User: arn:aws:iam::${account()}:user/bot is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${account()}:user/bot because no identity-based policy allows the iam:GetUser action`,
    });
    const getSelf = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template.
        { Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::*:user/${aws:username}' },
      ],
    });
    await iam().send(
      new PutUserPolicyCommand({ UserName: 'bot', PolicyName: 'self', PolicyDocument: getSelf }),
    );
    const self = await new IAMClient({ ...sb.current.clientConfig(creds), maxAttempts: 1 }).send(
      new GetUserCommand({}),
    );
    assert.equal(self.User?.UserName, 'bot');

    await iam().send(
      new UpdateAccessKeyCommand({ UserName: 'bot', AccessKeyId: key.AccessKeyId, Status: 'Inactive' }),
    );
    await rejectsWith(sts.send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', { status: 403 });
    const listed = await iam().send(new ListAccessKeysCommand({ UserName: 'bot' }));
    assert.deepEqual(
      listed.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status, k.UserName]),
      [[key.AccessKeyId, 'Inactive', 'bot']],
    );
    await iam().send(
      new UpdateAccessKeyCommand({ UserName: 'bot', AccessKeyId: key.AccessKeyId, Status: 'Active' }),
    );
    assert.equal(
      (await sts.send(new GetCallerIdentityCommand({}))).Arn,
      `arn:aws:iam::${account()}:user/bot`,
    );

    await iam().send(new CreateAccessKeyCommand({ UserName: 'bot' }));
    await rejectsWith(iam().send(new CreateAccessKeyCommand({ UserName: 'bot' })), 'LimitExceeded', {
      status: 409,
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
    });
    await rejectsWith(iam().send(new DeleteUserCommand({ UserName: 'bot' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must delete access keys first.',
    });
    for (const k of (await iam().send(new ListAccessKeysCommand({ UserName: 'bot' }))).AccessKeyMetadata ??
      [])
      await iam().send(new DeleteAccessKeyCommand({ UserName: 'bot', AccessKeyId: k.AccessKeyId }));
    await rejectsWith(sts.send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId');
    await rejectsWith(
      iam().send(new DeleteAccessKeyCommand({ UserName: 'bot', AccessKeyId: key.AccessKeyId })),
      'NoSuchEntity',
      { message: `The Access Key with id ${key.AccessKeyId} cannot be found.` },
    );
    await iam().send(new DeleteUserPolicyCommand({ UserName: 'bot', PolicyName: 'self' }));
    await iam().send(new DeleteUserCommand({ UserName: 'bot' }));
  });

  it("lists the caller's own keys, including the seeded administrator's", async () => {
    const mine = await iam().send(new ListAccessKeysCommand({}));
    assert.deepEqual(
      mine.AccessKeyMetadata?.map((k) => [k.UserName, k.AccessKeyId, k.Status]),
      [['onramp-admin', sb.current.admin.accessKeyId, 'Active']],
    );
  });

  it('manages user policies and refuses DeleteUser while they remain', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'carol' }));
    await iam().send(
      new AttachUserPolicyCommand({ UserName: 'carol', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    await iam().send(
      new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'extra', PolicyDocument: S3_READ }),
    );
    assert.deepEqual(
      (await iam().send(new ListAttachedUserPoliciesCommand({ UserName: 'carol' }))).AttachedPolicies?.map(
        (p) => p.PolicyName,
      ),
      ['ReadOnlyAccess'],
    );
    assert.deepEqual((await iam().send(new ListUserPoliciesCommand({ UserName: 'carol' }))).PolicyNames, [
      'extra',
    ]);
    const inline = await iam().send(new GetUserPolicyCommand({ UserName: 'carol', PolicyName: 'extra' }));
    assert.equal(decodeURIComponent(inline.PolicyDocument!), S3_READ);
    await rejectsWith(
      iam().send(new GetUserPolicyCommand({ UserName: 'carol', PolicyName: 'nope' })),
      'NoSuchEntity',
      {
        message: 'The user policy with name nope cannot be found.',
      },
    );
    // A user's inline policies share 2,048 characters.
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: Array.from({ length: 200 }, (_, i) => `s3:Get${i}`), Resource: '*' },
      ],
    });
    await rejectsWith(
      iam().send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'big', PolicyDocument: big })),
      'LimitExceeded',
      { message: 'Maximum policy size of 2048 bytes exceeded for user carol' },
    );

    await rejectsWith(iam().send(new DeleteUserCommand({ UserName: 'carol' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must detach all policies first.',
    });
    await iam().send(
      new DetachUserPolicyCommand({ UserName: 'carol', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    await rejectsWith(iam().send(new DeleteUserCommand({ UserName: 'carol' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam().send(new DeleteUserPolicyCommand({ UserName: 'carol', PolicyName: 'extra' }));
    await iam().send(new DeleteUserCommand({ UserName: 'carol' }));
  });

  it('manages groups, members and group policies', async () => {
    const g = (await iam().send(new CreateGroupCommand({ GroupName: 'devs', Path: '/eng/' }))).Group!;
    assert.equal(g.Arn, `arn:aws:iam::${account()}:group/eng/devs`);
    assert.match(g.GroupId ?? '', /^AGPA[A-Z2-7]{17}$/);
    await iam().send(new CreateUserCommand({ UserName: 'dave' }));
    await iam().send(new CreateUserCommand({ UserName: 'erin' }));
    await iam().send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'dave' }));
    await iam().send(new AddUserToGroupCommand({ GroupName: 'DEVS', UserName: 'erin' }));
    await iam().send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'erin' }));
    const got = await iam().send(new GetGroupCommand({ GroupName: 'devs' }));
    assert.equal(got.Group?.GroupName, 'devs');
    assert.deepEqual(
      got.Users?.map((u) => u.UserName),
      ['dave', 'erin'],
    );
    assert.deepEqual(
      (await iam().send(new ListGroupsForUserCommand({ UserName: 'dave' }))).Groups?.map((x) => x.GroupName),
      ['devs'],
    );
    assert.deepEqual(
      (await iam().send(new ListGroupsCommand({ PathPrefix: '/eng/' }))).Groups?.map((x) => x.GroupName),
      ['devs'],
    );

    await iam().send(
      new AttachGroupPolicyCommand({
        GroupName: 'devs',
        PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    await iam().send(
      new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'g-inline', PolicyDocument: S3_READ }),
    );
    assert.deepEqual(
      (await iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: 'devs' }))).AttachedPolicies?.map(
        (p) => p.PolicyArn,
      ),
      ['arn:aws:iam::aws:policy/PowerUserAccess'],
    );
    assert.deepEqual((await iam().send(new ListGroupPoliciesCommand({ GroupName: 'devs' }))).PolicyNames, [
      'g-inline',
    ]);
    const gp = await iam().send(new GetGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'g-inline' }));
    assert.equal(gp.GroupName, 'devs');

    const details = await iam().send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Group'] }),
    );
    const dave = details.UserDetailList?.find((u) => u.UserName === 'dave');
    assert.deepEqual(dave?.GroupList, ['devs']);
    const devs = details.GroupDetailList?.find((x) => x.GroupName === 'devs');
    assert.deepEqual(
      devs?.GroupPolicyList?.map((p) => p.PolicyName),
      ['g-inline'],
    );
    assert.deepEqual(details.RoleDetailList, []);

    await rejectsWith(iam().send(new DeleteUserCommand({ UserName: 'dave' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must remove users from group first.',
    });
    await rejectsWith(iam().send(new DeleteGroupCommand({ GroupName: 'devs' })), 'DeleteConflict', {
      status: 409,
      message: 'Cannot delete entity, must remove users from group first.',
    });
    for (const UserName of ['dave', 'erin'])
      await iam().send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName }));
    assert.deepEqual((await iam().send(new GetGroupCommand({ GroupName: 'devs' }))).Users, []);
    await rejectsWith(iam().send(new DeleteGroupCommand({ GroupName: 'devs' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must detach all policies first.',
    });
    await iam().send(
      new DetachGroupPolicyCommand({
        GroupName: 'devs',
        PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    await rejectsWith(iam().send(new DeleteGroupCommand({ GroupName: 'devs' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam().send(new DeleteGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'g-inline' }));
    await iam().send(new DeleteGroupCommand({ GroupName: 'devs' }));
    await rejectsWith(iam().send(new GetGroupCommand({ GroupName: 'devs' })), 'NoSuchEntity', {
      message: 'The group with name devs cannot be found.',
    });
  });
});
