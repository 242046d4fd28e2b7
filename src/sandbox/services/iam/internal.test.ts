import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsError } from '../../aws-error.js';
import { useSandbox } from '../../test-support.js';
import { createRoleInternal, createUserWithKeyInternal, deleteRoleInternal } from './internal.js';
import { findRole, parseRoleArn } from './model.js';
import { trustAccount } from './test-iam.js';

describe('iam in-process helpers for other services', () => {
  const sb = useSandbox({ seed: 'fresh' });
  const MEMBER = '222233334444';

  it('creates a role in another account that its own administrator can read over the wire', async () => {
    const ctx = sb.current.context;
    const role = createRoleInternal(ctx, MEMBER, {
      RoleName: 'OrganizationAccountAccessRole',
      AssumeRolePolicyDocument: trustAccount(sb.current.admin.accountId),
      AttachedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      Tags: [{ Key: 'created-by', Value: 'organizations' }],
    });
    assert.equal(role.Arn, `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`);
    assert.deepEqual(parseRoleArn(role.Arn), {
      accountId: MEMBER,
      path: '/',
      name: 'OrganizationAccountAccessRole',
    });
    assert.ok(
      role.ChangedAt > 0 && role.ChangedAt <= ctx.clock.now(),
      'ChangedAt starts the propagation clock',
    );
    assert.throws(
      () =>
        createRoleInternal(ctx, MEMBER, {
          RoleName: 'organizationaccountaccessrole',
          AssumeRolePolicyDocument: '{}',
        }),
      (e: AwsError) => e instanceof AwsError && e.code === 'EntityAlreadyExists',
    );

    const { credential } = createUserWithKeyInternal(ctx, MEMBER, {
      UserName: 'member-admin',
      AttachedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    const creds = { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey };
    const id = await new STSClient(sb.current.clientConfig(creds)).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:iam::${MEMBER}:user/member-admin`);
    const iam = new IAMClient(sb.current.clientConfig(creds));
    const got = await iam.send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }));
    assert.equal(got.Role?.Arn, role.Arn);
    const attached = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: 'OrganizationAccountAccessRole' }),
    );
    assert.deepEqual(
      attached.AttachedPolicies?.map((p) => p.PolicyName),
      ['AdministratorAccess'],
    );
  });

  it('creates sso-admin style roles under a reserved path and deletes them idempotently', () => {
    const ctx = sb.current.context;
    const role = createRoleInternal(ctx, MEMBER, {
      RoleName: 'AWSReservedSSO_Admin_0123456789abcdef',
      Path: '/aws-reserved/sso.amazonaws.com/',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'arn:aws:iam::222233334444:saml-provider/AWSSSO_x' },
            Action: 'sts:AssumeRoleWithSAML',
          },
        ],
      }),
      InlinePolicies: { AwsSSOInlinePolicy: '{"Version":"2012-10-17","Statement":[]}' },
      MaxSessionDuration: 28800,
    });
    assert.equal(
      role.Arn,
      `arn:aws:iam::${MEMBER}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`,
    );
    assert.equal(role.MaxSessionDuration, 28800);
    assert.equal(deleteRoleInternal(ctx, MEMBER, role.RoleName), true);
    assert.equal(findRole(sb.current.world.accounts[MEMBER].iam, role.RoleName), undefined);
    assert.equal(deleteRoleInternal(ctx, MEMBER, role.RoleName), false);
    assert.equal(deleteRoleInternal(ctx, '999988887777', 'nothing'), false);
  });
});
