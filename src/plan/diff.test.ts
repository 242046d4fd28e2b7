// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DesiredResource, RoleProps } from '../blueprint/types.js';
import { policiesEqual } from '../policy/canonical.js';
import { identityOf } from '../resources/identity.js';
import { diffPlan, isEmptyPlan, planCounts } from './diff.js';
import { renderPlan } from './render.js';
import type { ObservedResource } from './types.js';

const ACCT = '111111111111';
const trust = (account: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
  ],
});
const roleProps = (extra: Partial<RoleProps> = {}): RoleProps => ({
  roleName: 'vendor',
  path: '/',
  maxSessionDuration: 3600,
  assumeRolePolicyDocument: trust('222222222222'),
  managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  inlinePolicies: {},
  tags: { 'onramp:blueprint': 'bp' },
  ...extra,
});
const role = (extra: Partial<RoleProps> = {}, deps: string[] = []): DesiredResource => ({
  kind: 'AWS::IAM::Role',
  key: 'iam/main/role/vendor',
  account: 'main',
  accountId: ACCT,
  origin: 'accounts.main.iam.roles.vendor',
  props: roleProps(extra),
  deps,
});
const seen = (extra: Partial<RoleProps> = {}, owner: string | null = 'bp'): ObservedResource => {
  const props = roleProps(extra);
  return {
    kind: 'AWS::IAM::Role',
    key: 'iam/main/role/vendor',
    account: 'main',
    accountId: ACCT,
    identity: identityOf('AWS::IAM::Role', props, ACCT),
    props: props as unknown as Record<string, unknown>,
    ...(owner ? { owner } : {}),
    ref: { arn: `arn:aws:iam::${ACCT}:role/vendor` },
  };
};

describe('plan diff', () => {
  it('creates what does not exist', () => {
    const plan = diffPlan([role()], [], { blueprint: 'bp' });
    assert.deepEqual(
      plan.actions.map((a) => [a.op, a.reasons]),
      [['create', ['does not exist']]],
    );
  });

  it('matches by identity: IAM role names ignore case', () => {
    const o = seen({ roleName: 'VENDOR' });
    const plan = diffPlan([role()], [{ ...o, key: 'iam/main/role/VENDOR' }], { blueprint: 'bp' });
    assert.deepEqual(
      plan.actions.map((a) => a.op),
      ['noop'],
    );
  });

  it('is empty when AWS returns the same policy re-encoded and reordered', () => {
    const reencoded = encodeURIComponent(
      JSON.stringify({
        Statement: {
          Action: ['sts:AssumeRole'],
          Principal: { AWS: 'arn:aws:iam::222222222222:root' },
          Effect: 'Allow',
        },
        Version: '2012-10-17',
      }),
    );
    const o = seen();
    o.props.assumeRolePolicyDocument = reencoded;
    assert.equal(isEmptyPlan(diffPlan([role()], [o], { blueprint: 'bp' })), true);
  });

  it('updates a changed trust policy and says why', () => {
    const plan = diffPlan([role({ assumeRolePolicyDocument: trust('333333333333') })], [seen()], {
      blueprint: 'bp',
    });
    const [a] = plan.actions;
    assert.equal(a.op, 'update');
    assert.deepEqual(a.reasons, ['assumeRolePolicyDocument differs']);
    assert.match(renderPlan(plan), /- +"AWS": "arn:aws:iam::222222222222:root"/);
    assert.match(renderPlan(plan), /\+ +"AWS": "arn:aws:iam::333333333333:root"/);
  });

  it('removes a boundary the blueprint no longer declares (the blueprint is the whole truth)', () => {
    const plan = diffPlan(
      [role()],
      [seen({ permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' })],
      {
        blueprint: 'bp',
      },
    );
    assert.deepEqual(plan.actions[0].reasons, ['permissionsBoundary differs']);
  });

  it('replaces when a field AWS cannot change in place differs', () => {
    const plan = diffPlan([role({ path: '/vendors/' })], [seen()], { blueprint: 'bp' });
    assert.equal(plan.actions[0].op, 'replace');
  });

  it('compares managed policy lists as sets', () => {
    const a = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const b = 'arn:aws:iam::aws:policy/SecurityAudit';
    const plan = diffPlan([role({ managedPolicyArns: [a, b] })], [seen({ managedPolicyArns: [b, a] })], {
      blueprint: 'bp',
    });
    assert.equal(isEmptyPlan(plan), true);
  });

  it('refuses to touch an unowned resource unless adopted', () => {
    const unowned = seen({ tags: {} }, null);
    const plan = diffPlan([role()], [unowned], { blueprint: 'bp' });
    assert.equal(plan.actions.length, 0);
    assert.equal(plan.problems[0].code, 'ONR-E160');
    assert.match(plan.problems[0].hint, /--adopt iam\/main\/role\/vendor/);
    const adopted = diffPlan([role()], [unowned], {
      blueprint: 'bp',
      adopt: new Set(['iam/main/role/vendor']),
    });
    assert.deepEqual(
      adopted.actions.map((a) => [a.op, a.reasons]),
      [['update', ['adopted: will be marked as owned by this blueprint', 'tags differs']]],
    );
  });

  it('reports an --adopt key that names nothing', () => {
    const plan = diffPlan([role()], [], { blueprint: 'bp', adopt: new Set(['iam/main/role/nope']) });
    assert.equal(plan.problems[0].code, 'ONR-E161');
  });

  it('deletes only owned resources no longer declared, and ignores others', () => {
    const mine = { ...seen(), key: 'old', identity: 'x:1' };
    const theirs = { ...seen({}, 'other'), key: 'theirs', identity: 'x:2' };
    const nobody = { ...seen({}, null), key: 'nobody', identity: 'x:3' };
    const plan = diffPlan([], [mine, theirs, nobody], { blueprint: 'bp' });
    assert.deepEqual(
      plan.actions.map((a) => [a.op, a.key]),
      [['delete', 'old']],
    );
  });

  it('orders creates by dependency and deletes in reverse, each waiting for later kinds', () => {
    const ps: DesiredResource = {
      kind: 'AWS::SSO::PermissionSet',
      key: 'sso/permission-set/Admin',
      account: '@organization',
      origin: 'identityCenter.permissionSets.admin',
      props: {
        name: 'Admin',
        sessionDuration: 'PT1H',
        managedPolicyArns: [],
        customerManagedPolicies: [],
        tags: {},
      },
      deps: [],
    };
    const user: DesiredResource = {
      kind: 'AWS::IdentityStore::User',
      key: 'identitystore/user/alice',
      account: '@organization',
      origin: 'identityCenter.users.alice',
      props: { userName: 'alice', displayName: 'A', name: { givenName: 'A', familyName: 'B' }, emails: [] },
      deps: [],
    };
    const asg: DesiredResource = {
      kind: 'AWS::SSO::Assignment',
      key: 'sso/assignment/Admin/USER/alice/main',
      account: '@organization',
      origin: 'identityCenter.assignments[0]',
      props: {
        permissionSetName: 'Admin',
        principalType: 'USER',
        principalName: 'alice',
        targetType: 'AWS_ACCOUNT',
        targetId: ACCT,
      },
      deps: [ps.key, user.key],
    };
    const plan = diffPlan([asg, ps, user], [], { blueprint: 'bp' });
    assert.deepEqual(
      plan.actions.map((a) => a.key),
      [user.key, ps.key, asg.key],
    );
    assert.deepEqual(plan.actions[2].deps, [user.key, ps.key].sort());
    const observed: ObservedResource[] = [ps, user, asg].map((d) => ({
      kind: d.kind,
      key: d.key,
      account: d.account,
      identity: identityOf(d.kind, d.props as never),
      props: d.props as unknown as Record<string, unknown>,
      owner: 'bp',
      ref: {},
    }));
    const teardown = diffPlan([], observed, { blueprint: 'bp' });
    assert.deepEqual(
      teardown.actions.map((a) => a.kind),
      ['AWS::SSO::Assignment', 'AWS::SSO::PermissionSet', 'AWS::IdentityStore::User'],
    );
    assert.deepEqual(teardown.actions[1].deps, [asg.key]);
    assert.deepEqual(teardown.actions[2].deps, [asg.key, ps.key]);
    assert.deepEqual(planCounts(teardown), { create: 0, update: 0, replace: 0, delete: 3, noop: 0 });
  });

  it('reports a dependency cycle', () => {
    const a = { ...role({ roleName: 'a' }), key: 'a', deps: ['b'] };
    const b = { ...role({ roleName: 'b' }), key: 'b', deps: ['a'] };
    assert.throws(() => diffPlan([a, b], [], { blueprint: 'bp' }), /dependency cycle/);
  });

  it('shows values known only after apply as such', () => {
    const later = {
      kind: 'deferred' as const,
      template: '${accounts.member.id}',
      refs: ['accounts.member.id'],
      when: 'apply' as const,
    };
    const plan = diffPlan([role({ description: later })], [seen({ description: 'x' })], { blueprint: 'bp' });
    assert.match(renderPlan(plan), /description: "x" → \(known after apply\)/);
  });
});

describe('semantic policy equality', () => {
  it('treats a lone statement, one-element lists and duplicate actions as the same', () => {
    assert.ok(
      policiesEqual(
        {
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObject'], Resource: '*' },
        },
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['*'] }] },
      ),
    );
  });

  it('sees a real difference', () => {
    assert.ok(
      !policiesEqual(
        { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
        { Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] },
      ),
    );
  });
});
