import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { useSandbox } from '../../test-support.js';
import { rejectsWith, trustAccount } from './test-iam.js';

/**
 * The IAM service's resource ARNs meet the shared policy evaluator (src/policy) here: what a caller
 * may do follows from its policies, and refusals are worded as AWS words them.
 */
describe('iam authorisation', () => {
  const sb = useSandbox({ seed: 'fresh' });
  const admin = () => new IAMClient({ ...sb.current.clientConfig(), maxAttempts: 1 });
  const account = () => sb.current.admin.accountId;

  async function userClient(name: string, setup: (iam: IAMClient) => Promise<void>): Promise<IAMClient> {
    await admin().send(new CreateUserCommand({ UserName: name }));
    await setup(admin());
    const key = (await admin().send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return new IAMClient({
      ...sb.current.clientConfig({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }),
      maxAttempts: 1,
    });
  }

  it('a user with only ReadOnlyAccess may read roles but not create them', async () => {
    await admin().send(
      new CreateRoleCommand({ RoleName: 'existing', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    const reader = await userClient('reader', (iam) =>
      iam
        .send(
          new AttachUserPolicyCommand({
            UserName: 'reader',
            PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          }),
        )
        .then(() => {}),
    );
    assert.ok((await reader.send(new ListRolesCommand({}))).Roles?.some((r) => r.RoleName === 'existing'));
    assert.equal(
      (await reader.send(new GetRoleCommand({ RoleName: 'existing' }))).Role?.RoleName,
      'existing',
    );
    await rejectsWith(
      reader.send(
        new CreateRoleCommand({
          RoleName: 'new-role',
          Path: '/team/',
          AssumeRolePolicyDocument: trustAccount(account()),
        }),
      ),
      'AccessDenied',
      {
        status: 403,
        message: `User: arn:aws:iam::${account()}:user/reader is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${account()}:role/team/new-role because no identity-based policy allows the iam:CreateRole action`,
      },
    );
  });

  it('authorises against the role ARN the call names, path included', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:CreateRole', Resource: 'arn:aws:iam::*:role/apps/*' }],
    });
    const scoped = await userClient('scoped', (iam) =>
      iam
        .send(new PutUserPolicyCommand({ UserName: 'scoped', PolicyName: 'apps', PolicyDocument: policy }))
        .then(() => {}),
    );
    const created = await scoped.send(
      new CreateRoleCommand({
        RoleName: 'svc',
        Path: '/apps/',
        AssumeRolePolicyDocument: trustAccount(account()),
      }),
    );
    assert.equal(created.Role?.Arn, `arn:aws:iam::${account()}:role/apps/svc`);
    await rejectsWith(
      scoped.send(
        new CreateRoleCommand({ RoleName: 'svc2', AssumeRolePolicyDocument: trustAccount(account()) }),
      ),
      'AccessDenied',
      { message: new RegExp(`on resource: arn:aws:iam::${account()}:role/svc2 `) },
    );
  });

  it('an explicit deny and a permissions boundary both win over AdministratorAccess', async () => {
    const deny = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'iam:CreateRole', Resource: '*' }],
    });
    const denied = await userClient('denied', async (iam) => {
      await iam.send(
        new AttachUserPolicyCommand({
          UserName: 'denied',
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      );
      await iam.send(
        new PutUserPolicyCommand({ UserName: 'denied', PolicyName: 'no-roles', PolicyDocument: deny }),
      );
    });
    await rejectsWith(
      denied.send(
        new CreateRoleCommand({ RoleName: 'nope', AssumeRolePolicyDocument: trustAccount(account()) }),
      ),
      'AccessDenied',
      { message: /with an explicit deny/ },
    );

    const bounded = await userClient('bounded', async (iam) => {
      await iam.send(
        new AttachUserPolicyCommand({
          UserName: 'bounded',
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      );
      await iam.send(
        new PutUserPermissionsBoundaryCommand({
          UserName: 'bounded',
          PermissionsBoundary: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
        }),
      );
    });
    assert.ok(Array.isArray((await bounded.send(new ListRolesCommand({}))).Roles));
    await rejectsWith(
      bounded.send(
        new CreateRoleCommand({ RoleName: 'nope', AssumeRolePolicyDocument: trustAccount(account()) }),
      ),
      'AccessDenied',
    );
  });
});
