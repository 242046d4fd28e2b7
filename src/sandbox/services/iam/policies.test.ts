import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  paginateListPolicies,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from '@aws-sdk/client-iam';
import { useSandbox } from '../../test-support.js';
import { AWS_MANAGED_POLICIES, findAwsManagedPolicy } from './aws-managed.js';
import { validatePolicyDocument } from './policy-document.js';
import { rejectsWith, trustAccount } from './test-iam.js';
import { policySize } from './validate.js';

const REQUIRED_CATALOG: Array<[string, string]> = [
  ['AdministratorAccess', '/'],
  ['PowerUserAccess', '/'],
  ['ReadOnlyAccess', '/'],
  ['ViewOnlyAccess', '/job-function/'],
  ['IAMFullAccess', '/'],
  ['IAMReadOnlyAccess', '/'],
  ['AmazonS3FullAccess', '/'],
  ['AmazonS3ReadOnlyAccess', '/'],
  ['AWSOrganizationsFullAccess', '/'],
  ['AWSSSOMasterAccountAdministrator', '/'],
  ['AWSSSODirectoryAdministrator', '/'],
  ['AWSSSOReadOnly', '/'],
  ['AmplifyBackendDeployFullAccess', '/service-role/'],
  ['AdministratorAccess-Amplify', '/'],
  ['AWSCloudFormationFullAccess', '/'],
  ['SecurityAudit', '/'],
  ['Billing', '/job-function/'],
  ['AmazonEC2FullAccess', '/'],
  ['AmazonEC2ReadOnlyAccess', '/'],
];

const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('iam managed policies', () => {
  const sb = useSandbox({ seed: 'fresh' });
  const iam = () => new IAMClient({ ...sb.current.clientConfig(), maxAttempts: 1 });
  const account = () => sb.current.admin.accountId;

  it('creates a policy, versions it up to five, switches the default and deletes it', async () => {
    const created = await iam().send(
      new CreatePolicyCommand({
        PolicyName: 'app-read',
        Path: '/apps/',
        Description: 'reads app data',
        PolicyDocument: doc('s3:GetObject'),
        Tags: [{ Key: 'owner', Value: 'platform' }],
      }),
    );
    const arn = created.Policy!.Arn!;
    assert.equal(arn, `arn:aws:iam::${account()}:policy/apps/app-read`);
    assert.match(created.Policy!.PolicyId!, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(created.Policy!.DefaultVersionId, 'v1');
    assert.equal(created.Policy!.AttachmentCount, 0);

    const got = (await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    assert.equal(got.Description, 'reads app data');
    assert.deepEqual(got.Tags, [{ Key: 'owner', Value: 'platform' }]);

    for (const action of ['s3:GetObject2', 's3:GetObject3', 's3:GetObject4']) {
      await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(action) }));
    }
    const v5 = await iam().send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        PolicyDocument: doc('s3:GetObject5'),
        SetAsDefault: true,
      }),
    );
    assert.deepEqual(
      {
        id: v5.PolicyVersion?.VersionId,
        isDefault: v5.PolicyVersion?.IsDefaultVersion,
        doc: v5.PolicyVersion?.Document,
      },
      { id: 'v5', isDefault: true, doc: undefined },
    );
    await rejectsWith(
      iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:GetObject6') })),
      'LimitExceeded',
      {
        status: 409,
        message:
          'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      },
    );
    const versions = await iam().send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(
      versions.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion]),
      [
        ['v5', true],
        ['v4', false],
        ['v3', false],
        ['v2', false],
        ['v1', false],
      ],
    );
    const v3 = await iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    assert.equal(decodeURIComponent(v3.PolicyVersion!.Document!), doc('s3:GetObject3'));
    await rejectsWith(
      iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
      'NoSuchEntity',
      {
        message: `Policy ${arn} version v9 does not exist or is not attachable.`,
      },
    );

    await rejectsWith(
      iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' })),
      'DeleteConflict',
      {
        status: 409,
        message: 'Cannot delete the default version of a policy.',
      },
    );
    await iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    assert.equal((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId, 'v2');
    await rejectsWith(iam().send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflict', {
      message:
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    });
    for (const VersionId of ['v1', 'v3', 'v4', 'v5'])
      await iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId }));
    // Version ids are never reused.
    const v6 = await iam().send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:PutObject') }),
    );
    assert.equal(v6.PolicyVersion?.VersionId, 'v6');
    await iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v6' }));

    await iam().send(new DeletePolicyCommand({ PolicyArn: arn }));
    await rejectsWith(iam().send(new GetPolicyCommand({ PolicyArn: arn })), 'NoSuchEntity', {
      status: 404,
      message: `Policy ${arn} was not found.`,
    });
  });

  it('refuses to delete an attached policy and lists the entities it is attached to', async () => {
    const arn = (
      await iam().send(new CreatePolicyCommand({ PolicyName: 'shared', PolicyDocument: doc('s3:GetObject') }))
    ).Policy!.Arn!;
    await iam().send(
      new CreateRoleCommand({ RoleName: 'consumer', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'consumer', PolicyArn: arn }));
    await iam().send(new AttachUserPolicyCommand({ UserName: 'onramp-admin', PolicyArn: arn }));
    assert.equal((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount, 2);

    const entities = await iam().send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    assert.deepEqual(
      entities.PolicyRoles?.map((r) => r.RoleName),
      ['consumer'],
    );
    assert.deepEqual(
      entities.PolicyUsers?.map((u) => u.UserName),
      ['onramp-admin'],
    );
    assert.deepEqual(entities.PolicyGroups, []);
    const rolesOnly = await iam().send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }),
    );
    assert.deepEqual(rolesOnly.PolicyUsers, []);

    await rejectsWith(iam().send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflict', {
      message: 'Cannot delete a policy attached to entities.',
    });
    await iam().send(new DetachRolePolicyCommand({ RoleName: 'consumer', PolicyArn: arn }));
    await iam().send(new DetachUserPolicyCommand({ UserName: 'onramp-admin', PolicyArn: arn }));
    await iam().send(new DeletePolicyCommand({ PolicyArn: arn }));
  });

  it('tags customer-managed policies', async () => {
    const arn = (
      await iam().send(
        new CreatePolicyCommand({ PolicyName: 'tagged-p', PolicyDocument: doc('s3:GetObject') }),
      )
    ).Policy!.Arn!;
    await iam().send(
      new TagPolicyCommand({
        PolicyArn: arn,
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await iam().send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['a'] }));
    assert.deepEqual((await iam().send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags, [
      { Key: 'b', Value: '2' },
    ]);
  });

  it('serves the AWS-managed catalog with real ARNs and paths', async () => {
    for (const [name, path] of REQUIRED_CATALOG) {
      const arn = `arn:aws:iam::aws:policy${path}${name}`;
      const p = (await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
      assert.equal(p.PolicyName, name);
      assert.equal(p.Path, path);
      assert.ok(p.Description && p.Description.length > 10, `${name} has a description`);
      const v = await iam().send(
        new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: p.DefaultVersionId }),
      );
      const document = decodeURIComponent(v.PolicyVersion!.Document!);
      // Our own documents obey the grammar and the size quota AWS applies to managed policies.
      validatePolicyDocument(document, 'managed');
      assert.ok(policySize(document) <= 6144, `${name} fits 6144`);
    }
    const readOnly = findAwsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')!;
    assert.doesNotMatch(readOnly.document, /iam:(Create|Put|Attach|Delete)/);
    await rejectsWith(
      iam().send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/NoSuchManagedPolicy' })),
      'NoSuchEntity',
      { message: 'Policy arn:aws:iam::aws:policy/NoSuchManagedPolicy was not found.' },
    );
    await rejectsWith(
      iam().send(
        new CreatePolicyVersionCommand({
          PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          PolicyDocument: doc('s3:*'),
        }),
      ),
      'AccessDenied',
      { status: 403 },
    );
  });

  it('lists policies by scope, path and attachment', async () => {
    await iam().send(
      new CreatePolicyCommand({
        PolicyName: 'local-one',
        Path: '/local/',
        PolicyDocument: doc('s3:GetObject'),
      }),
    );
    const awsNames: string[] = [];
    for await (const page of paginateListPolicies({ client: iam(), pageSize: 5 }, { Scope: 'AWS' }))
      awsNames.push(...(page.Policies ?? []).map((p) => p.PolicyName!));
    assert.deepEqual(awsNames.sort(), AWS_MANAGED_POLICIES.map((p) => p.name).sort());
    for (const [name] of REQUIRED_CATALOG) assert.ok(awsNames.includes(name), name);

    const local = await iam().send(new ListPoliciesCommand({ Scope: 'Local' }));
    assert.ok(local.Policies?.every((p) => p.Arn?.startsWith(`arn:aws:iam::${account()}:policy/`)));
    assert.ok(local.Policies?.some((p) => p.PolicyName === 'local-one'));

    const jobs = await iam().send(new ListPoliciesCommand({ Scope: 'AWS', PathPrefix: '/job-function/' }));
    assert.deepEqual(jobs.Policies?.map((p) => p.PolicyName).sort(), ['Billing', 'ViewOnlyAccess']);

    // The seeded administrator has AdministratorAccess attached.
    const attached = await iam().send(new ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }));
    const admin = attached.Policies?.find((p) => p.PolicyName === 'AdministratorAccess');
    assert.ok(admin && (admin.AttachmentCount ?? 0) >= 1);
    assert.ok(attached.Policies?.every((p) => (p.AttachmentCount ?? 0) > 0));
  });

  it('agrees with moto on the catalog ARNs and paths', (t) => {
    const script = [
      'import json',
      'from moto.iam.aws_managed_policies import aws_managed_policies_data as d',
      'print(json.dumps({k: v.get("Path") for k, v in json.loads(d).items()}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
    if (run.status !== 0) {
      if (process.env.CI === 'true') assert.fail(`moto is required in CI: ${run.stderr}`);
      t.skip('python3 with moto is not available here');
      return;
    }
    const paths = JSON.parse(run.stdout) as Record<string, string>;
    for (const p of AWS_MANAGED_POLICIES) assert.equal(paths[p.name], p.path, `${p.name} path`);
  });
});
