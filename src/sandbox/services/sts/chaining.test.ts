import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { useSandbox } from '../../test-support.js';
import { addRole, addUser, allow, doc, type Keys, keysOf, trust } from './test-fixtures.js';

describe('sts:AssumeRole chains, source identity, session tags and session policies', () => {
  const sb = useSandbox();
  const sts = (keys?: Keys) => new STSClient(sb.current.clientConfig(keys));
  const assume = async (keys: Keys, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }) =>
    sts(keys).send(new AssumeRoleCommand({ RoleSessionName: 'chain', ...input }));
  const session = async (keys: Keys, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }) =>
    keysOf((await assume(keys, input)).Credentials);
  const principalOf = (keys: Keys) => sb.current.world.credentials[keys.accessKeyId].principal;
  const denied = (action: string) => (e: Error) => {
    assert.equal(e.name, 'AccessDenied', e.message);
    assert.match(e.message, new RegExp(`is not authorized to perform: ${action} on resource: `));
    return true;
  };

  it('chains role to role, caps the chained session at one hour, and marks it chained', async () => {
    const user = addUser(sb.current, 'chainer');
    const first = addRole(sb.current, 'hop-1', doc([trust(user.arn)]), { maxSessionDuration: 43200 });
    const second = addRole(sb.current, 'hop-2', doc([trust(first.Arn)]), { maxSessionDuration: 43200 });
    const hop1 = await session(user, { RoleArn: first.Arn, DurationSeconds: 7200 });
    await assert.rejects(assume(hop1, { RoleArn: second.Arn, DurationSeconds: 3601 }), (e: Error) => {
      assert.equal(e.name, 'ValidationError');
      assert.equal(
        e.message,
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
      return true;
    });
    const hop2 = await session(hop1, { RoleArn: second.Arn, DurationSeconds: 3600 });
    const id = await sts(hop2).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:sts::${sb.current.admin.accountId}:assumed-role/hop-2/chain`);
    const p = principalOf(hop2);
    assert.equal(p.type === 'assumed-role' && p.chained, true);
    const q = principalOf(hop1);
    assert.equal(q.type === 'assumed-role' && q.chained, false);
  });

  it('lets a trust that names a role ARN match every session of that role', async () => {
    const user = addUser(sb.current, 'any-session-user');
    const base = addRole(sb.current, 'base-role', doc([trust(user.arn)]));
    const target = addRole(sb.current, 'trusts-base', doc([trust(base.Arn)]));
    for (const name of ['one', 'two']) {
      const s = await session(user, { RoleArn: base.Arn, RoleSessionName: name });
      const out = await assume(s, { RoleArn: target.Arn });
      assert.ok(out.Credentials?.AccessKeyId);
    }
  });

  it('stops matching a trust that names a session ARN once the session name changes (Fractal runbook)', async () => {
    const user = addUser(sb.current, 'fractal-admin');
    const sso = addRole(sb.current, 'sso-like-role', doc([trust(user.arn)]));
    const callerArn = `arn:aws:sts::${sb.current.admin.accountId}:assumed-role/sso-like-role/alice`;
    const initializer = addRole(sb.current, 'fractal-cloud-initializer', doc([trust(callerArn)]), {
      attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    const alice = await session(user, { RoleArn: sso.Arn, RoleSessionName: 'alice' });
    const out = await assume(alice, { RoleArn: initializer.Arn, RoleSessionName: 'init' });
    assert.ok(out.Credentials?.AccessKeyId);
    const bob = await session(user, { RoleArn: sso.Arn, RoleSessionName: 'bob' });
    await assert.rejects(assume(bob, { RoleArn: initializer.Arn }), denied('sts:AssumeRole'));
  });

  it('runs the Fractal SDK path over the wire: a role trusting the caller ARN, created with IAM, then assumed', async () => {
    const user = addUser(sb.current, 'fractal-sdk');
    const sso = addRole(sb.current, 'AWSReservedSSO_Admin_0123456789abcdef', doc([trust(user.arn)]), {
      attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    const caller = await session(user, { RoleArn: sso.Arn, RoleSessionName: 'alice' });
    const { Arn: callerArn } = await sts(caller).send(new GetCallerIdentityCommand({}));
    const iam = new IAMClient(sb.current.clientConfig(caller));
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'fractal-cloud-initializer-wire',
        AssumeRolePolicyDocument: doc([trust(callerArn ?? '')]),
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: 'fractal-cloud-initializer-wire',
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    const out = await assume(caller, { RoleArn: created.Role?.Arn ?? '', RoleSessionName: 'alice' });
    const id = await sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    assert.equal(
      id.Arn,
      `arn:aws:sts::${sb.current.admin.accountId}:assumed-role/fractal-cloud-initializer-wire/alice`,
    );
  });

  it('carries a source identity through the chain and refuses to change it', async () => {
    const user = addUser(sb.current, 'si-user', {
      inline: { p: doc([allow(['sts:AssumeRole', 'sts:SetSourceIdentity'])]) },
    });
    const first = addRole(
      sb.current,
      'si-first',
      doc([trust(user.arn, ['sts:AssumeRole', 'sts:SetSourceIdentity'])]),
      {
        inline: { chain: doc([allow(['sts:AssumeRole', 'sts:SetSourceIdentity'])]) },
      },
    );
    const condition = { Condition: { StringEquals: { 'sts:SourceIdentity': 'alice' } } };
    const second = addRole(
      sb.current,
      'si-second',
      doc([trust(first.Arn, ['sts:AssumeRole', 'sts:SetSourceIdentity'], condition)]),
    );
    const noSet = addRole(sb.current, 'si-no-set', doc([trust(user.arn)]));

    await assert.rejects(
      assume(user, { RoleArn: noSet.Arn, SourceIdentity: 'alice' }),
      denied('sts:SetSourceIdentity'),
    );
    const firstOut = await assume(user, { RoleArn: first.Arn, SourceIdentity: 'alice' });
    assert.equal(firstOut.SourceIdentity, 'alice');
    const hop1 = keysOf(firstOut.Credentials);

    const secondOut = await assume(hop1, { RoleArn: second.Arn });
    assert.equal(secondOut.SourceIdentity, 'alice', 'inherited without being passed again');
    const p = principalOf(keysOf(secondOut.Credentials));
    assert.equal(p.type === 'assumed-role' && p.sourceIdentity, 'alice');
    await assert.rejects(
      assume(hop1, { RoleArn: second.Arn, SourceIdentity: 'mallory' }),
      denied('sts:SetSourceIdentity'),
    );
    const mallory = await session(user, { RoleArn: first.Arn, SourceIdentity: 'mallory' });
    await assert.rejects(assume(mallory, { RoleArn: second.Arn }), denied('sts:AssumeRole'));
  });

  it('requires sts:TagSession for session tags and keeps transitive tags along the chain', async () => {
    const user = addUser(sb.current, 'tagger');
    const untaggable = addRole(sb.current, 'no-tags', doc([trust(user.arn)]));
    const first = addRole(
      sb.current,
      'tags-first',
      doc([trust(user.arn, ['sts:AssumeRole', 'sts:TagSession'])]),
      {
        inline: { chain: doc([allow('sts:AssumeRole')]) },
      },
    );
    const second = addRole(
      sb.current,
      'tags-second',
      doc([
        trust(first.Arn, 'sts:AssumeRole', {
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
        }),
      ]),
    );
    const tags = [
      { Key: 'team', Value: 'blue' },
      { Key: 'ticket', Value: 'T-1' },
    ];
    await assert.rejects(assume(user, { RoleArn: untaggable.Arn, Tags: tags }), denied('sts:TagSession'));
    const out = await assume(user, { RoleArn: first.Arn, Tags: tags, TransitiveTagKeys: ['team'] });
    assert.ok((out.PackedPolicySize ?? 0) > 0);
    const hop1 = keysOf(out.Credentials);
    const p1 = principalOf(hop1);
    assert.deepEqual(p1.type === 'assumed-role' && p1.sessionTags, { team: 'blue', ticket: 'T-1' });
    const hop2 = await session(hop1, { RoleArn: second.Arn });
    const p2 = principalOf(hop2);
    assert.deepEqual(p2.type === 'assumed-role' && p2.sessionTags, { team: 'blue' });
    await assert.rejects(
      assume(hop1, { RoleArn: second.Arn, Tags: [{ Key: 'Team', Value: 'red' }] }),
      (e: Error) => e.name === 'ValidationError' && /cannot be overridden/.test(e.message),
    );
    await assert.rejects(
      assume(user, {
        RoleArn: first.Arn,
        Tags: [
          { Key: 'Team', Value: 'a' },
          { Key: 'team', Value: 'b' },
        ],
      }),
      (e: Error) => e.name === 'ValidationError' && /case insensitive/.test(e.message),
    );
  });

  it('limits the session to what the session policy allows', async () => {
    await new OrganizationsClient(sb.current.clientConfig()).send(new CreateOrganizationCommand({}));
    const user = addUser(sb.current, 'narrowed');
    const admin = addRole(sb.current, 'admin-role', doc([trust(user.arn)]), {
      attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    const full = await session(user, { RoleArn: admin.Arn });
    const narrow = await session(user, {
      RoleArn: admin.Arn,
      Policy: doc([allow('organizations:DescribeOrganization')]),
    });
    const orgs = (keys: Keys) => new OrganizationsClient(sb.current.clientConfig(keys));
    await orgs(full).send(new ListRootsCommand({}));
    await orgs(narrow).send(new DescribeOrganizationCommand({}));
    await assert.rejects(
      orgs(narrow).send(new ListRootsCommand({})),
      (e: Error) => e.name === 'AccessDeniedException',
    );
    const managed = await session(user, {
      RoleArn: admin.Arn,
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    });
    await orgs(managed).send(new ListRootsCommand({}));
  });
});
