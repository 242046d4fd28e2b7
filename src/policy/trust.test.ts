/**
 * sts:AssumeRole against role trust policies, and Principal / NotPrincipal matching.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './evaluate.js';
import { ACCT, allowAll, type DocCase, OTHER, policy, roleSession, runCases, user } from './test-support.js';
import type { PrincipalBlock, Statement } from './types.js';

const ROLE = `arn:aws:iam::${ACCT}:role/target`;
const alice = user('alice');
const trust = (principal: PrincipalBlock, extra: Partial<Statement> = {}) =>
  policy(`${ROLE} trust policy`, {
    Sid: 'Trust',
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRole',
    ...extra,
  });
const assumeAny = policy('AssumeAnyRole', {
  Sid: 'Assume',
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Resource: '*',
});
const assume = (principal = alice) => ({
  principal,
  action: 'sts:AssumeRole',
  resource: ROLE,
  resourceAccount: ACCT,
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policy-eval-denyallow
// ("IAM role trust policies ... must explicitly allow access for principals") and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
const sameAccountTrust: DocCase[] = [
  {
    name: 'trust policy naming the user ARN: no identity policy needed in the same account',
    req: { ...assume(), resourcePolicy: trust({ AWS: alice.arn }) },
    expect: 'Allow',
    decidedBy: [{ role: 'resource', sid: 'Trust' }],
  },
  {
    name: 'trust policy naming the account: the identity policy must also allow',
    req: { ...assume(), resourcePolicy: trust({ AWS: ACCT }) },
    expect: 'ImplicitDeny',
    stage: 'identity',
    reason: /trusts account 111122223333 rather than arn:aws:iam::111122223333:user\/alice itself/,
  },
  {
    name: 'trust policy naming the account root ARN plus an identity allow',
    req: {
      ...assume(),
      identityPolicies: [assumeAny],
      resourcePolicy: trust({ AWS: `arn:aws:iam::${ACCT}:root` }),
    },
    expect: 'Allow',
    decidedBy: [
      { role: 'identity', sid: 'Assume' },
      { role: 'resource', sid: 'Trust' },
    ],
  },
  {
    name: 'an identity allow is not enough when the trust policy does not name the caller',
    req: {
      ...assume(),
      identityPolicies: [assumeAny],
      resourcePolicy: trust({ AWS: `arn:aws:iam::${ACCT}:user/bob` }),
    },
    expect: 'ImplicitDeny',
    stage: 'resource',
    reason: new RegExp(
      `^no statement in the trust policy of ${ROLE} allows arn:aws:iam::111122223333:user/alice to perform sts:AssumeRole$`,
    ),
  },
  {
    name: 'role chaining: a trust policy naming the session ARN',
    req: {
      ...assume(roleSession('ops', 'jo')),
      resourcePolicy: trust({ AWS: roleSession('ops', 'jo').arn }),
    },
    expect: 'Allow',
  },
  {
    name: 'role chaining: a trust policy naming the role ARN matches its sessions',
    req: {
      ...assume(roleSession('ops', 'jo')),
      resourcePolicy: trust({ AWS: `arn:aws:iam::${ACCT}:role/ops` }),
    },
    expect: 'Allow',
  },
  {
    name: 'role ARN in the trust policy: the caller role boundary still applies',
    req: {
      ...assume(roleSession('ops', 'jo')),
      permissionsBoundary: policy('pb', { Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      resourcePolicy: trust({ AWS: `arn:aws:iam::${ACCT}:role/ops` }),
    },
    expect: 'ImplicitDeny',
    stage: 'boundary',
  },
  {
    name: 'role principals given as unique ids (AROA…) match the role sessions',
    req: {
      ...assume(roleSession('ops', 'jo', ACCT, 'AROAEXAMPLEID1234567')),
      resourcePolicy: trust({ AWS: 'AROAEXAMPLEID1234567' }),
    },
    expect: 'Allow',
  },
  {
    name: 'a service principal assumes a service role',
    req: {
      ...assume({ arn: 'ec2.amazonaws.com', accountId: ACCT, service: 'ec2.amazonaws.com' }),
      resourcePolicy: trust({ Service: 'ec2.amazonaws.com' }),
    },
    expect: 'Allow',
  },
  {
    name: 'a different service is not trusted',
    req: {
      ...assume({ arn: 'lambda.amazonaws.com', accountId: ACCT, service: 'lambda.amazonaws.com' }),
      resourcePolicy: trust({ Service: 'ec2.amazonaws.com' }),
    },
    expect: 'ImplicitDeny',
    reason: /service lambda.amazonaws.com/,
  },
  {
    name: 'SAML federation: a Federated saml-provider principal',
    req: {
      principal: {
        arn: `arn:aws:iam::${ACCT}:saml-provider/Okta`,
        accountId: ACCT,
        federated: `arn:aws:iam::${ACCT}:saml-provider/Okta`,
      },
      action: 'sts:AssumeRoleWithSAML',
      resource: ROLE,
      resourcePolicy: trust(
        { Federated: `arn:aws:iam::${ACCT}:saml-provider/Okta` },
        { Action: 'sts:AssumeRoleWithSAML' },
      ),
    },
    expect: 'Allow',
  },
  {
    name: 'a Deny in the trust policy wins over an Allow',
    req: {
      ...assume(),
      resourcePolicy: policy(
        'trust',
        { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' },
        { Sid: 'NoAlice', Effect: 'Deny', Principal: { AWS: alice.arn }, Action: 'sts:*' },
      ),
    },
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'NoAlice', role: 'resource' }],
  },
];

// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
const exampleCorp = user('deployer', OTHER);
const externalTrust = trust(
  { AWS: OTHER },
  { Condition: { StringEquals: { 'sts:ExternalId': 'Unique-ID-Assigned-by-Example-Corp' } } },
);
const externalId: DocCase[] = [
  {
    name: 'cross-account AssumeRole with the right external id',
    req: {
      ...assume(exampleCorp),
      identityPolicies: [assumeAny],
      resourcePolicy: externalTrust,
      context: { 'sts:ExternalId': 'Unique-ID-Assigned-by-Example-Corp' },
    },
    expect: 'Allow',
  },
  {
    name: 'cross-account AssumeRole with the wrong external id',
    req: {
      ...assume(exampleCorp),
      identityPolicies: [assumeAny],
      resourcePolicy: externalTrust,
      context: { 'sts:ExternalId': 'guess' },
    },
    expect: 'ImplicitDeny',
    stage: 'resource',
  },
  {
    name: 'cross-account AssumeRole without an external id',
    req: { ...assume(exampleCorp), identityPolicies: [assumeAny], resourcePolicy: externalTrust },
    expect: 'ImplicitDeny',
  },
  {
    name: 'cross-account AssumeRole trusted but not allowed by the caller identity policy',
    req: {
      ...assume(exampleCorp),
      resourcePolicy: externalTrust,
      context: { 'sts:ExternalId': 'Unique-ID-Assigned-by-Example-Corp' },
    },
    expect: 'ImplicitDeny',
    stage: 'identity',
  },
];

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
const bob = user('Bob', OTHER);
const notBob = policy(
  'bucket policy',
  { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:*', Resource: 'arn:aws:s3:::BUCKETNAME/*' },
  {
    Sid: 'DenyAllButBob',
    Effect: 'Deny',
    NotPrincipal: { AWS: [bob.arn, `arn:aws:iam::${OTHER}:root`] },
    Action: 's3:*',
    Resource: ['arn:aws:s3:::BUCKETNAME', 'arn:aws:s3:::BUCKETNAME/*'],
  },
);
const obj = { action: 's3:GetObject', resource: 'arn:aws:s3:::BUCKETNAME/k', resourceAccount: ACCT };
const principals: DocCase[] = [
  {
    name: 'Principal "*" grants users of the same account with no other permissions',
    req: {
      principal: alice,
      ...obj,
      resourcePolicy: policy('public', {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: '*',
      }),
    },
    expect: 'Allow',
  },
  {
    name: 'Principal {"AWS": "*"} is equivalent to "*"',
    req: {
      principal: alice,
      ...obj,
      resourcePolicy: policy('public', {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 's3:GetObject',
        Resource: '*',
      }),
    },
    expect: 'Allow',
  },
  {
    name: 'a resource policy naming another user does not grant',
    req: {
      principal: alice,
      ...obj,
      resourcePolicy: policy('p', {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice2` },
        Action: 's3:*',
        Resource: '*',
      }),
    },
    expect: 'ImplicitDeny',
  },
  {
    name: 'user names in principals are case-sensitive',
    req: {
      principal: alice,
      ...obj,
      resourcePolicy: policy('p', {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCT}:user/Alice` },
        Action: 's3:*',
        Resource: '*',
      }),
    },
    expect: 'ImplicitDeny',
  },
  {
    name: 'NotPrincipal with Deny exempts Bob (with his account listed)',
    req: { principal: bob, ...obj, identityPolicies: [allowAll()], resourcePolicy: notBob },
    expect: 'Allow',
  },
  {
    name: 'NotPrincipal with Deny always denies a principal that has a permissions boundary',
    req: {
      principal: bob,
      ...obj,
      identityPolicies: [allowAll()],
      permissionsBoundary: allowAll('pb'),
      resourcePolicy: notBob,
    },
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'DenyAllButBob' }],
  },
  {
    name: 'NotPrincipal with Deny denies everyone else in Bob account',
    req: { principal: user('carol', OTHER), ...obj, identityPolicies: [allowAll()], resourcePolicy: notBob },
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'DenyAllButBob' }],
  },
];

runCases('trust policies (same account)', sameAccountTrust);
runCases('external id', externalId);
runCases('principals', principals);

test('trust: a Deny statement naming another principal does not apply to the caller', () => {
  const d = evaluate({
    ...assume(),
    identityPolicies: [],
    resourcePolicy: policy(
      'trust',
      { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${ACCT}:user/mallory` }, Action: 'sts:AssumeRole' },
    ),
  });
  assert.equal(d.decision, 'Allow');
});
