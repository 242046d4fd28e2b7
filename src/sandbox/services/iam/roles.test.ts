import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  paginateListRoles,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { ManualClock } from '../../../core/clock.js';
import { useSandbox } from '../../test-support.js';
import { findRole } from './model.js';
import { rejectsWith, S3_READ, trustAccount } from './test-iam.js';

describe('iam roles', () => {
  const clock = new ManualClock();
  const sb = useSandbox({ seed: 'fresh', clock });
  const iam = () => new IAMClient(sb.current.clientConfig());
  const account = () => sb.current.admin.accountId;
  const stored = (name: string) => findRole(sb.current.world.accounts[account()].iam, name);

  it('creates, reads, updates and deletes a role', async () => {
    const created = await iam().send(
      new CreateRoleCommand({
        RoleName: 'deployer',
        Path: '/platform/',
        AssumeRolePolicyDocument: trustAccount(account()),
        Description: 'deploys things',
        MaxSessionDuration: 7200,
        Tags: [{ Key: 'team', Value: 'platform' }],
      }),
    );
    const role = created.Role!;
    assert.equal(role.Arn, `arn:aws:iam::${account()}:role/platform/deployer`);
    assert.match(role.RoleId ?? '', /^AROA[A-Z2-7]{17}$/);
    assert.equal(role.Path, '/platform/');
    assert.equal(role.MaxSessionDuration, 7200);
    assert.deepEqual(role.Tags, [{ Key: 'team', Value: 'platform' }]);
    assert.ok(role.CreateDate instanceof Date);
    assert.deepEqual(
      JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)),
      JSON.parse(trustAccount(account())),
    );

    // Names are case-insensitive: GetRole finds it under any case and answers with the stored name.
    const got = (await iam().send(new GetRoleCommand({ RoleName: 'DEPLOYER' }))).Role!;
    assert.equal(got.RoleName, 'deployer');
    assert.equal(got.Description, 'deploys things');

    clock.advance(1000);
    await iam().send(
      new UpdateRoleCommand({ RoleName: 'deployer', Description: 'new', MaxSessionDuration: 43200 }),
    );
    const updated = (await iam().send(new GetRoleCommand({ RoleName: 'deployer' }))).Role!;
    assert.equal(updated.Description, 'new');
    assert.equal(updated.MaxSessionDuration, 43200);
    assert.equal(stored('deployer')?.ChangedAt, clock.now());

    await iam().send(new DeleteRoleCommand({ RoleName: 'deployer' }));
    await rejectsWith(iam().send(new GetRoleCommand({ RoleName: 'deployer' })), 'NoSuchEntity', {
      status: 404,
      message: 'The role with name deployer cannot be found.',
    });
  });

  it('replaces the trust policy and restarts the propagation clock', async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: 'trusty', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    const before = stored('trusty')!.ChangedAt;
    clock.advance(5000);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
    await iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'trusty', PolicyDocument: trust }));
    assert.equal(stored('trusty')!.ChangedAt, before + 5000);
    const role = (await iam().send(new GetRoleCommand({ RoleName: 'trusty' }))).Role!;
    assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), trust);
  });

  it('restarts the propagation clock on every change to what a role may do', async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: 'clocked', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    const arn = (
      await iam().send(
        new CreatePolicyCommand({
          PolicyName: 'clocked-policy',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
          }),
        }),
      )
    ).Policy!.Arn!;
    const changes: Array<[string, () => Promise<unknown>]> = [
      ['attach', () => iam().send(new AttachRolePolicyCommand({ RoleName: 'clocked', PolicyArn: arn }))],
      [
        'inline',
        () =>
          iam().send(
            new PutRolePolicyCommand({ RoleName: 'clocked', PolicyName: 'p', PolicyDocument: S3_READ }),
          ),
      ],
      [
        'tag',
        () => iam().send(new TagRoleCommand({ RoleName: 'clocked', Tags: [{ Key: 'k', Value: 'v' }] })),
      ],
      [
        'new default version of an attached policy',
        () =>
          iam().send(
            new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: S3_READ, SetAsDefault: true }),
          ),
      ],
      [
        'boundary',
        () =>
          iam().send(
            new PutRolePermissionsBoundaryCommand({ RoleName: 'clocked', PermissionsBoundary: arn }),
          ),
      ],
    ];
    for (const [what, change] of changes) {
      clock.advance(60_000);
      await change();
      assert.equal(stored('clocked')!.ChangedAt, clock.now(), what);
    }
  });

  it('attaches, lists and detaches managed policies; DeleteRole conflicts until they are gone', async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    for (const arn of [
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    ])
      await iam().send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: arn }));
    // Attaching twice is not an error and does not duplicate.
    await iam().send(
      new AttachRolePolicyCommand({
        RoleName: 'worker',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    const listed = await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'worker' }));
    assert.deepEqual(listed.AttachedPolicies, [
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      { PolicyName: 'ViewOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' },
    ]);
    const onlyJob = await iam().send(
      new ListAttachedRolePoliciesCommand({ RoleName: 'worker', PathPrefix: '/job-function/' }),
    );
    assert.deepEqual(
      onlyJob.AttachedPolicies?.map((p) => p.PolicyName),
      ['ViewOnlyAccess'],
    );

    await rejectsWith(iam().send(new DeleteRoleCommand({ RoleName: 'worker' })), 'DeleteConflict', {
      status: 409,
      message: 'Cannot delete entity, must detach all policies first.',
    });
    await iam().send(
      new DetachRolePolicyCommand({
        RoleName: 'worker',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    await rejectsWith(
      iam().send(
        new DetachRolePolicyCommand({
          RoleName: 'worker',
          PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
      'NoSuchEntity',
      { message: 'Policy arn:aws:iam::aws:policy/ReadOnlyAccess was not found.' },
    );
    await iam().send(
      new DetachRolePolicyCommand({
        RoleName: 'worker',
        PolicyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      }),
    );
    await iam().send(new DeleteRoleCommand({ RoleName: 'worker' }));
  });

  it('stores inline policies, lists them, and refuses DeleteRole while any remain', async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: 'inliner', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    await iam().send(
      new PutRolePolicyCommand({ RoleName: 'inliner', PolicyName: 'read', PolicyDocument: S3_READ }),
    );
    await iam().send(
      new PutRolePolicyCommand({ RoleName: 'inliner', PolicyName: 'again', PolicyDocument: S3_READ }),
    );
    const names = await iam().send(new ListRolePoliciesCommand({ RoleName: 'inliner' }));
    assert.deepEqual(names.PolicyNames, ['again', 'read']);
    const got = await iam().send(new GetRolePolicyCommand({ RoleName: 'inliner', PolicyName: 'read' }));
    assert.equal(got.RoleName, 'inliner');
    assert.equal(decodeURIComponent(got.PolicyDocument!), S3_READ);

    await rejectsWith(iam().send(new DeleteRoleCommand({ RoleName: 'inliner' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam().send(new DeleteRolePolicyCommand({ RoleName: 'inliner', PolicyName: 'read' }));
    await iam().send(new DeleteRolePolicyCommand({ RoleName: 'inliner', PolicyName: 'again' }));
    await rejectsWith(
      iam().send(new GetRolePolicyCommand({ RoleName: 'inliner', PolicyName: 'read' })),
      'NoSuchEntity',
      { status: 404, message: 'The role policy with name read cannot be found.' },
    );
    await iam().send(new DeleteRoleCommand({ RoleName: 'inliner' }));
  });

  it('tags and untags a role (keys case-insensitive) and lists tags', async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    await iam().send(
      new TagRoleCommand({
        RoleName: 'tagged',
        Tags: [
          { Key: 'env', Value: 'dev' },
          { Key: 'owner', Value: 'me@example.com' },
        ],
      }),
    );
    await iam().send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'ENV', Value: 'prod' }] }));
    const tags = await iam().send(new ListRoleTagsCommand({ RoleName: 'tagged' }));
    assert.deepEqual(tags.Tags, [
      { Key: 'ENV', Value: 'prod' },
      { Key: 'owner', Value: 'me@example.com' },
    ]);
    assert.equal(tags.IsTruncated, false);
    await iam().send(new UntagRoleCommand({ RoleName: 'tagged', TagKeys: ['env', 'missing'] }));
    const after = await iam().send(new ListRoleTagsCommand({ RoleName: 'tagged' }));
    assert.deepEqual(after.Tags, [{ Key: 'owner', Value: 'me@example.com' }]);
  });

  it('sets and removes a permissions boundary', async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: 'bounded', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    const arn = 'arn:aws:iam::aws:policy/PowerUserAccess';
    await iam().send(
      new PutRolePermissionsBoundaryCommand({ RoleName: 'bounded', PermissionsBoundary: arn }),
    );
    const role = (await iam().send(new GetRoleCommand({ RoleName: 'bounded' }))).Role!;
    assert.deepEqual(role.PermissionsBoundary, {
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: arn,
    });
    await rejectsWith(
      iam().send(
        new PutRolePermissionsBoundaryCommand({
          RoleName: 'bounded',
          PermissionsBoundary: 'arn:aws:iam::aws:policy/Nope',
        }),
      ),
      'NoSuchEntity',
      { message: 'Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.' },
    );
    await iam().send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'bounded' }));
    const cleared = (await iam().send(new GetRoleCommand({ RoleName: 'bounded' }))).Role!;
    assert.equal(cleared.PermissionsBoundary, undefined);
  });

  it('round-trips documents with characters that need URL-encoding', async () => {
    const doc = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Odd',
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::bucket/a b+c%20d&e=f?g#h/ü/*',
            Condition: { StringLike: { 's3:prefix': ['it\'s "quoted" <x> ~!*()'] } },
          },
        ],
      },
      null,
      2,
    );
    await iam().send(
      new CreateRoleCommand({ RoleName: 'encoder', AssumeRolePolicyDocument: trustAccount(account()) }),
    );
    await iam().send(
      new PutRolePolicyCommand({ RoleName: 'encoder', PolicyName: 'odd', PolicyDocument: doc }),
    );
    const got = await iam().send(new GetRolePolicyCommand({ RoleName: 'encoder', PolicyName: 'odd' }));
    // On the wire it is percent-encoded (no raw spaces, '+' or '&'), and decodes to exactly what was sent.
    assert.doesNotMatch(got.PolicyDocument!, /[ +&"\n]/);
    assert.equal(decodeURIComponent(got.PolicyDocument!), doc);
  });

  it('pages ListRoles over 250 roles with the SDK paginator', async () => {
    const names = Array.from({ length: 250 }, (_, i) => `paged-${String(i).padStart(3, '0')}`);
    const client = iam();
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(
        names.slice(i, i + 25).map((RoleName) =>
          client.send(
            new CreateRoleCommand({
              RoleName,
              Path: '/paged/',
              AssumeRolePolicyDocument: trustAccount(account()),
            }),
          ),
        ),
      );
    }
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListRoles({ client }, { PathPrefix: '/paged/' })) {
      pages++;
      seen.push(...(page.Roles ?? []).map((r) => r.RoleName!));
    }
    assert.equal(pages, 3, 'default MaxItems is 100');
    assert.deepEqual(seen, names);

    const small: string[] = [];
    for await (const page of paginateListRoles({ client, pageSize: 7 }, { PathPrefix: '/paged/' })) {
      assert.ok((page.Roles ?? []).length <= 7);
      small.push(...(page.Roles ?? []).map((r) => r.RoleName!));
    }
    assert.deepEqual(small, names);

    const all = await client.send(new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 1000 }));
    assert.equal(all.Roles?.length, 250);
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Marker, undefined);
    // ListRoles leaves out what only GetRole returns.
    assert.equal(all.Roles?.[0].Tags, undefined);
  });

  it('treats names that shadow Object.prototype members as plain names', async () => {
    for (const RoleName of ['__proto__', 'constructor', 'toString']) {
      await rejectsWith(iam().send(new GetRoleCommand({ RoleName })), 'NoSuchEntity');
      await iam().send(
        new CreateRoleCommand({ RoleName, Path: '/odd/', AssumeRolePolicyDocument: trustAccount(account()) }),
      );
      await iam().send(
        new PutRolePolicyCommand({ RoleName, PolicyName: '__proto__', PolicyDocument: S3_READ }),
      );
      const got = await iam().send(new GetRolePolicyCommand({ RoleName, PolicyName: '__proto__' }));
      assert.equal(decodeURIComponent(got.PolicyDocument!), S3_READ);
    }
    const listed = await iam().send(new ListRolesCommand({ PathPrefix: '/odd/' }));
    assert.deepEqual(
      listed.Roles?.map((r) => r.RoleName),
      ['__proto__', 'constructor', 'toString'],
    );
  });

  it('keeps its place when roles are deleted between pages', async () => {
    const client = iam();
    for (const n of ['m1', 'm2', 'm3', 'm4'])
      await client.send(
        new CreateRoleCommand({
          RoleName: n,
          Path: '/m/',
          AssumeRolePolicyDocument: trustAccount(account()),
        }),
      );
    const first = await client.send(new ListRolesCommand({ PathPrefix: '/m/', MaxItems: 2 }));
    assert.deepEqual(
      first.Roles?.map((r) => r.RoleName),
      ['m1', 'm2'],
    );
    await client.send(new DeleteRoleCommand({ RoleName: 'm2' }));
    const second = await client.send(
      new ListRolesCommand({ PathPrefix: '/m/', MaxItems: 2, Marker: first.Marker }),
    );
    assert.deepEqual(
      second.Roles?.map((r) => r.RoleName),
      ['m3', 'm4'],
    );
    assert.equal(second.IsTruncated, false);
  });
});
