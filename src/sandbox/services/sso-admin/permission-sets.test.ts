import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreateInstanceCommand,
  CreatePermissionSetCommand,
  DeleteInlinePolicyFromPermissionSetCommand,
  DeletePermissionSetCommand,
  DeletePermissionsBoundaryFromPermissionSetCommand,
  DescribeInstanceCommand,
  DescribePermissionSetCommand,
  DetachCustomerManagedPolicyReferenceFromPermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListTagsForResourceCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  SSOAdminClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateInstanceCommand,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { useSandbox } from '../../test-support.js';
import { memberCredentials, type SsoTestWorld, ssoTestWorld } from './test-world.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** Asserts an SDK call fails with this AWS error code and, optionally, a message matching `re`. */
async function rejectsWith(p: Promise<unknown>, code: string, re?: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, code, `expected ${code}, got ${e.name}: ${e.message}`);
    if (re) assert.match(e.message, re);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    return true;
  });
}

describe('sso-admin permission sets', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });
  let w: SsoTestWorld;
  before(() => {
    w = ssoTestWorld(sb.current);
  });

  const create = (Name: string, extra: Record<string, unknown> = {}) =>
    w.sso.send(new CreatePermissionSetCommand({ InstanceArn: w.instanceArn, Name, ...extra }));

  it('lists and describes the organization instance with AWS-shaped ids', async () => {
    const list = await w.sso.send(new ListInstancesCommand({}));
    assert.equal(list.Instances?.length, 1);
    const i = list.Instances?.[0];
    assert.match(i?.InstanceArn ?? '', /^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    assert.match(i?.IdentityStoreId ?? '', /^d-[0-9a-f]{10}$/);
    assert.equal(i?.OwnerAccountId, sb.current.admin.accountId);
    assert.equal(i?.Status, 'ACTIVE');
    assert.ok(i?.CreatedDate instanceof Date);
    const d = await w.sso.send(new DescribeInstanceCommand({ InstanceArn: w.instanceArn }));
    assert.equal(d.IdentityStoreId, w.identityStoreId);
  });

  it('shows the organization instance only to the management account and enables it once', async () => {
    await rejectsWith(w.sso.send(new CreateInstanceCommand({ Name: 'second' })), 'ConflictException');
    await w.sso.send(new UpdateInstanceCommand({ InstanceArn: w.instanceArn, Name: 'renamed' }));
    assert.equal(
      (await w.sso.send(new DescribeInstanceCommand({ InstanceArn: w.instanceArn }))).Name,
      'renamed',
    );
    const member = new SSOAdminClient({
      ...sb.current.clientConfig(await memberCredentials(sb.current, w.members[0])),
      maxAttempts: 1,
    });
    assert.deepEqual((await member.send(new ListInstancesCommand({}))).Instances, []);
    await rejectsWith(
      member.send(new DescribeInstanceCommand({ InstanceArn: w.instanceArn })),
      'ResourceNotFoundException',
    );
    await rejectsWith(member.send(new CreateInstanceCommand({})), 'ValidationException', /account instances/);
  });

  it('creates, describes, updates and deletes a permission set', async () => {
    const out = await create('Developers', {
      Description: 'dev access',
      RelayState: 'https://console.aws.amazon.com/',
    });
    const ps = out.PermissionSet;
    assert.match(
      ps?.PermissionSetArn ?? '',
      /^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/,
    );
    assert.equal(ps?.SessionDuration, 'PT1H', 'AWS defaults the session to one hour');
    assert.ok(ps?.CreatedDate instanceof Date);
    const arn = ps?.PermissionSetArn ?? '';
    await w.sso.send(
      new UpdatePermissionSetCommand({
        InstanceArn: w.instanceArn,
        PermissionSetArn: arn,
        SessionDuration: 'PT8H',
      }),
    );
    const d = await w.sso.send(
      new DescribePermissionSetCommand({ InstanceArn: w.instanceArn, PermissionSetArn: arn }),
    );
    assert.equal(d.PermissionSet?.SessionDuration, 'PT8H');
    assert.equal(d.PermissionSet?.Description, 'dev access');
    assert.equal(d.PermissionSet?.RelayState, 'https://console.aws.amazon.com/');
    await w.sso.send(new DeletePermissionSetCommand({ InstanceArn: w.instanceArn, PermissionSetArn: arn }));
    await rejectsWith(
      w.sso.send(new DescribePermissionSetCommand({ InstanceArn: w.instanceArn, PermissionSetArn: arn })),
      'ResourceNotFoundException',
    );
  });

  it('refuses a duplicate name with ConflictException', async () => {
    await create('Dup');
    await rejectsWith(create('Dup'), 'ConflictException', /PermissionSet with name Dup already exists/);
  });

  it('validates names, durations and ARNs the way AWS does', async () => {
    await rejectsWith(
      create('has spaces'),
      'ValidationException',
      /^1 validation error detected: Value 'has spaces' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await rejectsWith(create('x'.repeat(33)), 'ValidationException', /length less than or equal to 32/);
    await rejectsWith(
      create('TooLong', { SessionDuration: 'PT13H' }),
      'ValidationException',
      /sessionDuration/,
    );
    await rejectsWith(
      create('TooShort', { SessionDuration: 'PT30M' }),
      'ValidationException',
      /sessionDuration/,
    );
    await rejectsWith(
      create('NotIso', { SessionDuration: '2 hours' }),
      'ValidationException',
      /sessionDuration/,
    );
    await rejectsWith(
      w.sso.send(
        new CreatePermissionSetCommand({ InstanceArn: 'arn:aws:sso:::instance/nope', Name: 'Bad Name' }),
      ),
      'ValidationException',
      /^2 validation errors detected: .*'name'.*; .*'instanceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:\(aws\|aws-us-gov\|aws-cn\|aws-iso\|aws-iso-b\):sso:::instance\//,
    );
    await rejectsWith(
      w.sso.send(
        new CreatePermissionSetCommand({
          InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000',
          Name: 'Ok',
        }),
      ),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      w.sso.send(
        new DescribePermissionSetCommand({
          InstanceArn: w.instanceArn,
          PermissionSetArn: `arn:aws:sso:::permissionSet/${w.instanceArn.split('/')[1]}/ps-0000000000000000`,
        }),
      ),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      w.sso.send(new ListPermissionSetsCommand({ InstanceArn: w.instanceArn, MaxResults: 101 })),
      'ValidationException',
      /'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/,
    );
    await rejectsWith(
      w.sso.send(
        new ListPermissionSetsCommand({ InstanceArn: w.instanceArn, NextToken: 'bm90LWEtdG9rZW4=' }),
      ),
      'ValidationException',
    );
    // Still serving after all of that.
    assert.equal((await w.sso.send(new ListInstancesCommand({}))).Instances?.length, 1);
  });

  it('pages ListPermissionSets with MaxResults and NextToken', async () => {
    for (let i = 0; i < 5; i++) await create(`Paged${i}`);
    const all = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await w.sso.send(
        new ListPermissionSetsCommand({ InstanceArn: w.instanceArn, MaxResults: 2, NextToken: token }),
      );
      assert.ok((page.PermissionSets?.length ?? 0) <= 2);
      for (const arn of page.PermissionSets ?? []) all.add(arn);
      token = page.NextToken;
      pages++;
    } while (token);
    const total = (await w.sso.send(new ListPermissionSetsCommand({ InstanceArn: w.instanceArn })))
      .PermissionSets;
    assert.equal(all.size, total?.length);
    assert.equal(pages, Math.ceil((total?.length ?? 0) / 2));
  });

  it('attaches, lists and detaches AWS-managed and customer-managed policies', async () => {
    const arn = (await create('Policies')).PermissionSet?.PermissionSetArn ?? '';
    const target = { InstanceArn: w.instanceArn, PermissionSetArn: arn };
    await w.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn: ADMIN }));
    const managed = await w.sso.send(new ListManagedPoliciesInPermissionSetCommand(target));
    assert.deepEqual(managed.AttachedManagedPolicies, [{ Arn: ADMIN, Name: 'AdministratorAccess' }]);
    await rejectsWith(
      w.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn: ADMIN })),
      'ConflictException',
    );
    await rejectsWith(
      w.sso.send(
        new AttachManagedPolicyToPermissionSetCommand({
          ...target,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicyXyz',
        }),
      ),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      w.sso.send(
        new AttachManagedPolicyToPermissionSetCommand({
          ...target,
          ManagedPolicyArn: `arn:aws:iam::${w.members[0]}:policy/Mine`,
        }),
      ),
      'ValidationException',
      /managedPolicyArn/,
    );
    const ref = { Name: 'TeamPolicy', Path: '/team/' };
    await w.sso.send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        ...target,
        CustomerManagedPolicyReference: ref,
      }),
    );
    const refs = await w.sso.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand(target));
    assert.deepEqual(refs.CustomerManagedPolicyReferences, [ref]);
    // 1 managed + 1 customer-managed already; AWS allows 20 together.
    for (let i = 0; i < 18; i++) {
      await w.sso.send(
        new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
          ...target,
          CustomerManagedPolicyReference: { Name: `P${i}` },
        }),
      );
    }
    await rejectsWith(
      w.sso.send(
        new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
          ...target,
          CustomerManagedPolicyReference: { Name: 'OneTooMany' },
        }),
      ),
      'ServiceQuotaExceededException',
    );
    await w.sso.send(new DetachManagedPolicyFromPermissionSetCommand({ ...target, ManagedPolicyArn: ADMIN }));
    await w.sso.send(
      new DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({
        ...target,
        CustomerManagedPolicyReference: ref,
      }),
    );
    assert.deepEqual(
      (await w.sso.send(new ListManagedPoliciesInPermissionSetCommand(target))).AttachedManagedPolicies,
      [],
    );
    await rejectsWith(
      w.sso.send(new DetachManagedPolicyFromPermissionSetCommand({ ...target, ManagedPolicyArn: ADMIN })),
      'ResourceNotFoundException',
    );
  });

  it('puts, reads and deletes the inline policy and permissions boundary', async () => {
    const arn = (await create('Inline')).PermissionSet?.PermissionSetArn ?? '';
    const target = { InstanceArn: w.instanceArn, PermissionSetArn: arn };
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    await w.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...target, InlinePolicy: doc }));
    assert.equal((await w.sso.send(new GetInlinePolicyForPermissionSetCommand(target))).InlinePolicy, doc);
    await rejectsWith(
      w.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...target, InlinePolicy: '{"Statement": [' })),
      'ValidationException',
    );
    const huge = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(10_300)}/*` },
      ],
    });
    await rejectsWith(
      w.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...target, InlinePolicy: huge })),
      'ServiceQuotaExceededException',
    );
    await w.sso.send(new DeleteInlinePolicyFromPermissionSetCommand(target));
    assert.equal(
      (await w.sso.send(new GetInlinePolicyForPermissionSetCommand(target))).InlinePolicy ?? '',
      '',
    );

    await rejectsWith(
      w.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(target)),
      'ResourceNotFoundException',
    );
    await w.sso.send(
      new PutPermissionsBoundaryToPermissionSetCommand({
        ...target,
        PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/' } },
      }),
    );
    const b = await w.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(target));
    assert.deepEqual(b.PermissionsBoundary, {
      CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/' },
    });
    await rejectsWith(
      w.sso.send(
        new PutPermissionsBoundaryToPermissionSetCommand({
          ...target,
          PermissionsBoundary: { ManagedPolicyArn: ADMIN, CustomerManagedPolicyReference: { Name: 'Both' } },
        }),
      ),
      'ValidationException',
    );
    await w.sso.send(new DeletePermissionsBoundaryFromPermissionSetCommand(target));
    await rejectsWith(
      w.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(target)),
      'ResourceNotFoundException',
    );
  });

  it('tags and untags a permission set', async () => {
    const arn =
      (await create('Tagged', { Tags: [{ Key: 'team', Value: 'platform' }] })).PermissionSet
        ?.PermissionSetArn ?? '';
    const base = { InstanceArn: w.instanceArn, ResourceArn: arn };
    await w.sso.send(
      new TagResourceCommand({
        ...base,
        Tags: [
          { Key: 'env', Value: 'dev' },
          { Key: 'team', Value: 'core' },
        ],
      }),
    );
    const tags = (await w.sso.send(new ListTagsForResourceCommand(base))).Tags;
    assert.deepEqual(tags, [
      { Key: 'team', Value: 'core' },
      { Key: 'env', Value: 'dev' },
    ]);
    await w.sso.send(new UntagResourceCommand({ ...base, TagKeys: ['team'] }));
    assert.deepEqual((await w.sso.send(new ListTagsForResourceCommand(base))).Tags, [
      { Key: 'env', Value: 'dev' },
    ]);
    await rejectsWith(
      w.sso.send(new TagResourceCommand({ ...base, Tags: [{ Key: '', Value: 'x' }] })),
      'ValidationException',
    );
  });
});
