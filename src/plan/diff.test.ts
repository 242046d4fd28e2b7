import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffPlan, isEmptyPlan, planCounts } from './diff.js';
import { policiesEqual } from './policy-equal.js';
import { renderPlan } from './render.js';
import type { DesiredResource, ObservedResource } from './types.js';

const trust = (account: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
  ],
});

const role = (props: Record<string, unknown>, deps: string[] = []): DesiredResource => ({
  kind: 'AWS::IAM::Role',
  account: '111111111111',
  key: 'vendor',
  props: {
    path: '/',
    trustPolicy: trust('222222222222'),
    managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ...props,
  },
  deps,
});

const seen = (props: Record<string, unknown>, owner: string | null = 'bp'): ObservedResource => ({
  kind: 'AWS::IAM::Role',
  account: '111111111111',
  key: 'vendor',
  props: {
    path: '/',
    trustPolicy: trust('222222222222'),
    managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ...props,
  },
  owner: owner ?? undefined,
});

describe('plan diff', () => {
  it('creates what does not exist', () => {
    const plan = diffPlan([role({})], [], { blueprint: 'bp' });
    assert.deepEqual(
      plan.actions.map((a) => [a.op, a.reasons]),
      [['create', ['does not exist']]],
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
    const plan = diffPlan([role({})], [seen({ trustPolicy: reencoded })], { blueprint: 'bp' });
    assert.equal(isEmptyPlan(plan), true);
  });

  it('updates a changed trust policy and says why', () => {
    const plan = diffPlan([role({ trustPolicy: trust('333333333333') })], [seen({})], { blueprint: 'bp' });
    const [a] = plan.actions;
    assert.equal(a.op, 'update');
    assert.deepEqual(a.reasons, ['trustPolicy differs']);
    assert.match(renderPlan(plan), /- +"AWS": "arn:aws:iam::222222222222:root"/);
    assert.match(renderPlan(plan), /\+ +"AWS": "arn:aws:iam::333333333333:root"/);
  });

  it('replaces when a field AWS cannot change in place differs', () => {
    const plan = diffPlan([role({ path: '/vendors/' })], [seen({})], { blueprint: 'bp' });
    assert.equal(plan.actions[0].op, 'replace');
  });

  it('compares managed policy lists as sets', () => {
    const a = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const b = 'arn:aws:iam::aws:policy/SecurityAudit';
    const plan = diffPlan([role({ managedPolicies: [a, b] })], [seen({ managedPolicies: [b, a] })], {
      blueprint: 'bp',
    });
    assert.equal(isEmptyPlan(plan), true);
  });

  it('refuses to touch an unowned resource unless adopted', () => {
    const plan = diffPlan([role({})], [seen({}, null)], { blueprint: 'bp' });
    assert.equal(plan.actions.length, 0);
    assert.equal(plan.problems[0].code, 'ONR-E210');
    assert.match(plan.problems[0].hint, /--adopt 'AWS::IAM::Role\/111111111111\/vendor'/);
    const adopted = diffPlan([role({})], [seen({}, null)], {
      blueprint: 'bp',
      adopt: new Set(['AWS::IAM::Role/111111111111/vendor']),
    });
    assert.deepEqual(
      adopted.actions.map((a) => a.op),
      ['update'],
    );
  });

  it('deletes only owned resources no longer declared, and ignores others', () => {
    const mine = { ...seen({}), key: 'old' };
    const theirs = { ...seen({}, 'other'), key: 'theirs' };
    const nobody = { ...seen({}, null), key: 'nobody' };
    const plan = diffPlan([], [mine, theirs, nobody], { blueprint: 'bp' });
    assert.deepEqual(
      plan.actions.map((a) => [a.op, a.key]),
      [['delete', 'old']],
    );
  });

  it('orders creates by dependency and deletes in reverse kind order', () => {
    const ps: DesiredResource = {
      kind: 'AWS::SSO::PermissionSet',
      account: 'm',
      key: 'admin',
      props: { name: 'Admin' },
      deps: [],
    };
    const user: DesiredResource = {
      kind: 'AWS::IdentityStore::User',
      account: 'm',
      key: 'alice',
      props: { userName: 'alice' },
      deps: [],
    };
    const asg: DesiredResource = {
      kind: 'AWS::SSO::Assignment',
      account: '111111111111',
      key: 'alice/admin',
      props: {},
      deps: ['AWS::SSO::PermissionSet/m/admin', 'AWS::IdentityStore::User/m/alice'],
    };
    const plan = diffPlan([asg, ps, user], [], { blueprint: 'bp' });
    assert.deepEqual(
      plan.actions.map((a) => a.key),
      ['alice', 'admin', 'alice/admin'],
    );
    assert.deepEqual(plan.actions[2].deps.sort(), [
      'AWS::IdentityStore::User/m/alice',
      'AWS::SSO::PermissionSet/m/admin',
    ]);

    const observed: ObservedResource[] = [ps, user, asg].map((d) => ({
      kind: d.kind,
      account: d.account,
      key: d.key,
      props: d.props,
      owner: 'bp',
    }));
    const teardown = diffPlan([], observed, { blueprint: 'bp' });
    assert.deepEqual(
      teardown.actions.map((a) => a.kind),
      ['AWS::SSO::Assignment', 'AWS::SSO::PermissionSet', 'AWS::IdentityStore::User'],
    );
    assert.deepEqual(teardown.actions[1].deps, ['AWS::SSO::Assignment/111111111111/alice/admin']);
    assert.deepEqual(planCounts(teardown), { create: 0, update: 0, replace: 0, delete: 3, noop: 0 });
  });

  it('reports a dependency cycle', () => {
    const a: DesiredResource = {
      kind: 'AWS::IAM::Role',
      account: 'x',
      key: 'a',
      props: {},
      deps: ['AWS::IAM::Role/x/b'],
    };
    const b: DesiredResource = {
      kind: 'AWS::IAM::Role',
      account: 'x',
      key: 'b',
      props: {},
      deps: ['AWS::IAM::Role/x/a'],
    };
    assert.throws(() => diffPlan([a, b], [], { blueprint: 'bp' }), /dependency cycle/);
  });

  it('shows values known only after apply as such', () => {
    const plan = diffPlan(
      [role({ description: { $knownAfterApply: 'accounts.member.id' } })],
      [seen({ description: 'x' })],
      { blueprint: 'bp' },
    );
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
