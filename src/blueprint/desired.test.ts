import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OnrampError } from '../core/errors.js';
import { toDesired, topoSort } from './desired.js';
import { formatDeferred, isDeferred } from './evaluate.js';
import { requireValid } from './load.js';
import type { Blueprint, DesiredResource, VarInput } from './types.js';
import { validateBlueprint } from './validate.js';

const load = (name: string, vars: Record<string, string> = {}): Blueprint => {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
  const inputs: VarInput[] = Object.entries(vars).map(([n, value]) => ({
    name: n,
    value,
    source: { kind: 'flag', flag: `--var ${n}` },
  }));
  return requireValid(validateBlueprint({ text, file: name }, { vars: inputs }));
};

const byKey = (rs: DesiredResource[], key: string) => {
  const r = rs.find((x) => x.key === key);
  assert.ok(r, `no resource ${key}`);
  return r;
};

/** Every dependency comes before its dependent. */
function assertOrdered(rs: DesiredResource[]): void {
  const seen = new Set<string>();
  for (const r of rs) {
    for (const d of r.deps) assert.ok(seen.has(d), `${r.key} depends on ${d}, which comes later`);
    seen.add(r.key);
  }
}

const orchestera = () =>
  load('orchestera.yaml', {
    externalId: 'orch-7f3a9c',
    memberEmail: 'spark@example.com',
    adminUsers: 'alice',
  });

describe('toDesired', () => {
  test('Orchestera: kinds, stable keys, dependencies and order', () => {
    const rs = toDesired(orchestera());
    assert.deepEqual(
      rs.map((r) => `${r.kind} ${r.key}`),
      [
        'AWS::Organizations::Account account/sparklith',
        'AWS::IAM::ManagedPolicy iam/management/policy/GrantAccessToOrganizationAccountAccessRole',
        'AWS::IAM::ManagedPolicy iam/sparklith/policy/OrchesteraAccessPolicy',
        'AWS::IAM::Role iam/sparklith/role/OrchesteraAccessRole',
        'AWS::IAM::Group iam/management/group/orchestera-admin-group',
        'AWS::IAM::UserToGroupAddition iam/management/group/orchestera-admin-group/users',
      ],
    );
    assertOrdered(rs);
    const role = byKey(rs, 'iam/sparklith/role/OrchesteraAccessRole');
    assert.deepEqual(role.deps, ['account/sparklith', 'iam/sparklith/policy/OrchesteraAccessPolicy']);
    assert.equal(role.account, 'sparklith');
    assert.deepEqual(byKey(rs, 'iam/management/group/orchestera-admin-group').deps, [
      'iam/management/policy/GrantAccessToOrganizationAccountAccessRole',
    ]);
    assert.deepEqual(byKey(rs, 'iam/management/group/orchestera-admin-group/users').deps, [
      'iam/management/group/orchestera-admin-group',
    ]);
    assert.equal(byKey(rs, 'account/sparklith').account, '@organization');
  });

  test('Orchestera: props mirror the AWS API, with ownership tags and the vendor trust', () => {
    const rs = toDesired(orchestera());
    const account = byKey(rs, 'account/sparklith');
    assert.deepEqual(account.props, {
      accountName: 'Orchestera Sparklith',
      email: 'spark@example.com',
      accessRoleName: 'OrganizationAccountAccessRole',
      tags: { 'onramp:blueprint': 'orchestera' },
    });
    const role = byKey(rs, 'iam/sparklith/role/OrchesteraAccessRole');
    assert.equal(role.kind, 'AWS::IAM::Role');
    if (role.kind !== 'AWS::IAM::Role') return;
    assert.deepEqual(role.props.assumeRolePolicyDocument, {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::017059471480:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'orch-7f3a9c' } },
        },
      ],
    });
    assert.equal(role.props.tags['onramp:blueprint'], 'orchestera');
    const [policyArn] = role.props.managedPolicyArns;
    assert.ok(isDeferred(policyArn));
    assert.equal(policyArn.when, 'apply');
    assert.equal(formatDeferred(policyArn), 'arn:aws:iam::(known after apply):policy/OrchesteraAccessPolicy');
  });

  test('resolved values replace deferred ones', () => {
    const rs = toDesired(orchestera(), {
      'accounts.sparklith.id': '444455556666',
      'caller.account': '111122223333',
    });
    const role = byKey(rs, 'iam/sparklith/role/OrchesteraAccessRole');
    assert.equal(role.accountId, '444455556666');
    if (role.kind !== 'AWS::IAM::Role') return;
    assert.deepEqual(role.props.managedPolicyArns, [
      'arn:aws:iam::444455556666:policy/OrchesteraAccessPolicy',
    ]);
    const grant = byKey(rs, 'iam/management/policy/GrantAccessToOrganizationAccountAccessRole');
    assert.equal(grant.accountId, '111122223333');
    if (grant.kind !== 'AWS::IAM::ManagedPolicy') return;
    assert.deepEqual(grant.props.policyDocument.Statement, [
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::444455556666:role/OrganizationAccountAccessRole',
      },
    ]);
    const group = byKey(rs, 'iam/management/group/orchestera-admin-group');
    if (group.kind !== 'AWS::IAM::Group') return;
    assert.deepEqual(group.props.managedPolicyArns, [
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::111122223333:policy/GrantAccessToOrganizationAccountAccessRole',
    ]);
  });

  test('Fractal: the caller trust is deferred to plan time until GetCallerIdentity is known', () => {
    const bp = load('fractal.yaml', { adminEmail: 'ops@example.com' });
    const before = byKey(toDesired(bp), 'iam/main/role/fractal-cloud-initializer');
    if (before.kind !== 'AWS::IAM::Role') return assert.fail('not a role');
    const principal = (
      before.props.assumeRolePolicyDocument.Statement as unknown as { Principal: { AWS: unknown } }[]
    )[0].Principal.AWS;
    assert.ok(isDeferred(principal));
    assert.equal(principal.when, 'plan');
    assert.equal(formatDeferred(principal), '(known at plan time)');

    const rs = toDesired(bp, {
      'caller.arn': 'arn:aws:iam::123456789012:role/Admin',
      'caller.account': '123456789012',
    });
    assert.deepEqual(
      rs.map((r) => r.key),
      [
        'iam/main/role/fractal-cloud-initializer',
        'identitystore/user/fractal-admin',
        'sso/permission-set/AdministratorAccess',
        'sso/assignment/AdministratorAccess/USER/fractal-admin/main',
      ],
    );
    const assignment = byKey(rs, 'sso/assignment/AdministratorAccess/USER/fractal-admin/main');
    assert.deepEqual(assignment.props, {
      permissionSetName: 'AdministratorAccess',
      principalType: 'USER',
      principalName: 'fractal-admin',
      targetType: 'AWS_ACCOUNT',
      targetId: '123456789012',
    });
    assert.deepEqual(assignment.deps, [
      'identitystore/user/fractal-admin',
      'sso/permission-set/AdministratorAccess',
    ]);
  });

  test('Amplify: permission set props and the assignment to the management account', () => {
    const rs = toDesired(load('amplify.yaml', { email: 'dev@example.com' }), {
      'caller.account': '123456789012',
    });
    const ps = byKey(rs, 'sso/permission-set/amplify-policy');
    assert.deepEqual(ps.props, {
      name: 'amplify-policy',
      sessionDuration: 'PT12H',
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmplifyBackendDeployFullAccess'],
      customerManagedPolicies: [],
      tags: { 'onramp:blueprint': 'amplify' },
    });
    const user = byKey(rs, 'identitystore/user/amplify-admin');
    assert.deepEqual(user.props, {
      userName: 'amplify-admin',
      displayName: 'Amplify Admin',
      name: { givenName: 'Amplify', familyName: 'Admin' },
      emails: [{ value: 'dev@example.com', type: 'work', primary: true }],
    });
  });

  test('Workbench: one assignment per listed account, memberships after group and user', () => {
    const rs = toDesired(load('workbench.yaml'));
    assertOrdered(rs);
    const assignments = rs.filter((r) => r.kind === 'AWS::SSO::Assignment').map((r) => r.props);
    assert.deepEqual(
      assignments.map((a) => ('targetId' in a ? a.targetId : '')),
      ['111111111111', '222222222222', '333333333333'],
    );
    assert.deepEqual(byKey(rs, 'identitystore/group/DataScientists').deps, []);
    assert.deepEqual(byKey(rs, 'identitystore/group/DataScientists/member/alice').deps, [
      'identitystore/group/DataScientists',
      'identitystore/user/alice',
    ]);
  });

  test('the same input gives the same graph every time', () => {
    const a = JSON.stringify(toDesired(orchestera()));
    const b = JSON.stringify(toDesired(orchestera()));
    assert.equal(a, b);
  });
});

describe('graph edges from references and structure', () => {
  const graph = readFileSync(fileURLToPath(new URL('./fixtures/graph.yaml', import.meta.url)), 'utf8');
  const text = (accounts: string) => graph.replace('      accounts: [prod]', accounts);

  test('a role trusting another blueprint role depends on it, with its path', () => {
    const rs = toDesired(requireValid(validateBlueprint({ text: text('      accounts: [prod]') })));
    assertOrdered(rs);
    const deploy = byKey(rs, 'iam/prod/role/deploy');
    assert.deepEqual(deploy.deps, ['account/prod', 'iam/prod/policy/Read', 'iam/tools/role/deployer']);
    if (deploy.kind !== 'AWS::IAM::Role') return;
    const st = (
      deploy.props.assumeRolePolicyDocument.Statement as unknown as { Principal: { AWS: string } }[]
    )[0];
    assert.equal(st.Principal.AWS, 'arn:aws:iam::111111111111:role/ci/deployer');
  });

  test('an assignment waits for its customer managed policy in the target account', () => {
    const rs = toDesired(requireValid(validateBlueprint({ text: text('      accounts: [prod]') })));
    assert.deepEqual(byKey(rs, 'sso/assignment/reader/GROUP/ops/prod').deps, [
      'account/prod',
      'iam/prod/policy/Read',
      'identitystore/group/ops',
      'sso/permission-set/reader',
    ]);
  });

  test('an OU target expands when its accounts are known, and is deferred otherwise', () => {
    const bp = requireValid(validateBlueprint({ text: text('      accounts: { ou: ou-ab12-abcdefgh }') }));
    const deferred = toDesired(bp).filter((r) => r.kind === 'AWS::SSO::Assignment');
    assert.equal(deferred.length, 1);
    assert.equal(deferred[0].key, 'sso/assignment/reader/GROUP/ops/ou:ou-ab12-abcdefgh');
    const known = toDesired(bp, {
      'organization.ous.ou-ab12-abcdefgh.accounts': ['222222222222', '111111111111'],
    });
    assert.deepEqual(
      known.filter((r) => r.kind === 'AWS::SSO::Assignment').map((r) => r.key),
      ['sso/assignment/reader/GROUP/ops/111111111111', 'sso/assignment/reader/GROUP/ops/222222222222'],
    );
  });

  test('topoSort refuses a cyclic graph', () => {
    const r = (key: string, deps: string[]) =>
      ({
        kind: 'AWS::IAM::Group',
        key,
        account: 'a',
        origin: key,
        deps,
        props: {},
      }) as unknown as DesiredResource;
    assert.throws(
      () => topoSort([r('a', ['b']), r('b', ['a'])]),
      (e: unknown) => e instanceof OnrampError && e.code === 'ONR-E127',
    );
  });
});
