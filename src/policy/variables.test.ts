// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${like:this}.
/**
 * Policy variables, NotAction / NotResource and the case rules for actions and resources.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACCT, allowAll, type DocCase, policy, roleSession, runCases, user } from './test-support.js';
import type { ContextValue, PolicyDocument, Statement } from './types.js';
import { resolveTemplate } from './variables.js';

const david = user('David');
const s3 = (
  resource: string,
  statements: Statement[],
  context: Record<string, ContextValue> = {},
  principal = david,
  version?: string,
) => {
  const document: PolicyDocument = { Statement: statements };
  if (version !== 'none') document.Version = version ?? '2012-10-17';
  return { principal, action: 's3:GetObject', resource, context, identityPolicies: [{ id: 'p', document }] };
};
const home: Statement = {
  Effect: 'Allow',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::mybucket/${aws:username}/*'],
};

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
const variables: DocCase[] = [
  {
    name: '${aws:username} is the friendly name of the user',
    req: s3('arn:aws:s3:::mybucket/David/notes.txt', [home]),
    expect: 'Allow',
  },
  {
    name: "another user's folder is not covered",
    req: s3('arn:aws:s3:::mybucket/Adele/notes.txt', [home]),
    expect: 'ImplicitDeny',
  },
  {
    name: 'an explicit aws:username in the context wins over the derived one',
    req: s3('arn:aws:s3:::mybucket/Adele/notes.txt', [home], { 'aws:username': 'Adele' }),
    expect: 'Allow',
  },
  {
    name: 'variable names are case-insensitive',
    req: s3('arn:aws:s3:::mybucket/David/x', [
      { ...home, Resource: 'arn:aws:s3:::mybucket/${AWS:UserName}/*' },
    ]),
    expect: 'Allow',
  },
  {
    name: 'without Version the variable is a literal string',
    req: s3('arn:aws:s3:::mybucket/David/x', [home], {}, david, 'none'),
    expect: 'ImplicitDeny',
  },
  {
    name: 'without Version the literal text matches itself',
    req: s3('arn:aws:s3:::mybucket/${aws:username}/x', [home], {}, david, 'none'),
    expect: 'Allow',
  },
  {
    name: 'a role session has no aws:username, so the resource matches nothing',
    req: s3('arn:aws:s3:::mybucket/David/x', [home], {}, roleSession('David', 's')),
    expect: 'ImplicitDeny',
  },
  {
    name: 'principal tags as variables',
    req: s3(
      'arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow/k',
      [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team}/*',
        },
      ],
      { 'aws:PrincipalTag/team': 'yellow' },
    ),
    expect: 'Allow',
  },
  {
    name: "default value when the tag is missing: ${aws:PrincipalTag/team, 'company-wide'}",
    req: s3('arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide/k', [
      {
        Effect: 'Allow',
        Action: 's3:*',
        Resource: "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}/*",
      },
    ]),
    expect: 'Allow',
  },
  {
    name: 'the default is not used when the tag is present',
    req: s3(
      'arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide/k',
      [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}/*",
        },
      ],
      { 'aws:PrincipalTag/team': 'yellow' },
    ),
    expect: 'ImplicitDeny',
  },
  {
    name: '${*} is a literal asterisk, not a wildcard',
    req: s3('arn:aws:s3:::bucket/abc', [
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/${*}' },
    ]),
    expect: 'ImplicitDeny',
  },
  {
    name: '${*} matches an object literally named *',
    req: s3('arn:aws:s3:::bucket/*', [
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/${*}' },
    ]),
    expect: 'Allow',
  },
  {
    name: '${?} and ${$} are literal characters',
    req: s3('arn:aws:s3:::bucket/why?$', [
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/why${?}${$}' },
    ]),
    expect: 'Allow',
  },
  {
    name: 'a variable value containing * is matched literally',
    req: s3('arn:aws:s3:::mybucket/abc/x', [home], { 'aws:username': 'a*' }),
    expect: 'ImplicitDeny',
  },
  {
    name: 'a condition variable with no value: StringEquals does not match',
    req: s3(
      'arn:aws:s3:::b/k',
      [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
        },
      ],
      { 'aws:ResourceTag/team': 'red' },
    ),
    expect: 'ImplicitDeny',
  },
  {
    name: 'a condition variable with no value: StringNotEquals matches, so a Deny applies',
    req: {
      ...s3('arn:aws:s3:::b/k', [], { 'aws:ResourceTag/team': 'red' }),
      identityPolicies: [
        allowAll(),
        policy('team', {
          Sid: 'SameTeam',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
        }),
      ],
    },
    expect: 'ExplicitDeny',
  },
  {
    name: 'a condition variable compared with the principal tag',
    req: s3(
      'arn:aws:s3:::b/k',
      [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
        },
      ],
      { 'aws:ResourceTag/team': 'red', 'aws:PrincipalTag/team': 'red' },
    ),
    expect: 'Allow',
  },
];

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
const alice = user('alice');
const req = (
  action: string,
  resource: string,
  statements: Statement[],
  context: Record<string, ContextValue> = {},
) => ({
  principal: alice,
  action,
  resource,
  context,
  identityPolicies: [policy('p', ...statements)],
});
const notIam: Statement = { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' };
const mfa: Statement = {
  Sid: 'DenyAllUsersNotUsingMFA',
  Effect: 'Deny',
  NotAction: 'iam:*',
  Resource: '*',
  Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
};
const payroll: Statement = {
  Sid: 'OnlyPayroll',
  Effect: 'Deny',
  Action: 's3:*',
  NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'],
};
const notElements: DocCase[] = [
  {
    name: 'Allow NotAction iam:* allows other services',
    req: req('s3:GetObject', 'arn:aws:s3:::b/k', [notIam]),
    expect: 'Allow',
  },
  {
    name: 'Allow NotAction iam:* does not allow IAM',
    req: req('iam:CreateUser', '*', [notIam]),
    expect: 'ImplicitDeny',
  },
  {
    name: 'Allow NotAction s3:DeleteBucket scoped to S3 resources',
    req: req('s3:PutObject', 'arn:aws:s3:::b/k', [
      { Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::*' },
    ]),
    expect: 'Allow',
  },
  {
    name: 'Allow NotAction s3:DeleteBucket excludes DeleteBucket',
    req: req('s3:DeleteBucket', 'arn:aws:s3:::b', [
      { Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::*' },
    ]),
    expect: 'ImplicitDeny',
  },
  {
    name: 'Deny NotAction iam:* without MFA denies EC2',
    req: req('ec2:RunInstances', '*', [{ Effect: 'Allow', Action: '*', Resource: '*' }, mfa], {
      'aws:MultiFactorAuthPresent': 'false',
    }),
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'DenyAllUsersNotUsingMFA' }],
  },
  {
    name: 'Deny NotAction iam:* without MFA leaves IAM allowed',
    req: req('iam:ListUsers', '*', [{ Effect: 'Allow', Action: '*', Resource: '*' }, mfa], {
      'aws:MultiFactorAuthPresent': 'false',
    }),
    expect: 'Allow',
  },
  {
    name: 'Deny NotAction iam:* with MFA does not apply',
    req: req('ec2:RunInstances', '*', [{ Effect: 'Allow', Action: '*', Resource: '*' }, mfa], {
      'aws:MultiFactorAuthPresent': 'true',
    }),
    expect: 'Allow',
  },
  {
    name: 'BoolIfExists: MFA key missing (long-term keys) still denies',
    req: req('ec2:RunInstances', '*', [{ Effect: 'Allow', Action: '*', Resource: '*' }, mfa]),
    expect: 'ExplicitDeny',
  },
  {
    name: 'Deny NotResource: the Payroll folder stays reachable',
    req: req('s3:GetObject', 'arn:aws:s3:::HRBucket/Payroll/jan.csv', [
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      payroll,
    ]),
    expect: 'Allow',
  },
  {
    name: 'Deny NotResource: everything else in S3 is denied',
    req: req('s3:GetObject', 'arn:aws:s3:::HRBucket/Other/x', [
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      payroll,
    ]),
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'OnlyPayroll' }],
  },
  {
    name: 'Deny NotResource applies only to its actions',
    req: req('ec2:RunInstances', '*', [{ Effect: 'Allow', Action: '*', Resource: '*' }, payroll]),
    expect: 'Allow',
  },
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html (case-insensitive)
  {
    name: 'actions are case-insensitive',
    req: req('S3:GETOBJECT', 'arn:aws:s3:::b/k', [
      { Effect: 'Allow', Action: 's3:getObject', Resource: '*' },
    ]),
    expect: 'Allow',
  },
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html (case-sensitive)
  {
    name: 'resources are case-sensitive',
    req: req('s3:GetObject', 'arn:aws:s3:::bucket/k', [
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::Bucket/*' },
    ]),
    expect: 'ImplicitDeny',
  },
  {
    name: '? matches exactly one character',
    req: req('s3:GetObject', 'arn:aws:s3:::bucket-10/k', [
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket-?/*' },
    ]),
    expect: 'ImplicitDeny',
  },
  {
    name: 'a wildcard in the region field does not cross colons',
    req: req('ec2:StartInstances', `arn:aws:ec2:us-east-1:${ACCT}:instance/i-1`, [
      { Effect: 'Allow', Action: 'ec2:*', Resource: 'arn:aws:ec2:*:instance/*' },
    ]),
    expect: 'ImplicitDeny',
  },
  {
    name: 'wildcards in region and account fields',
    req: req('ec2:StartInstances', `arn:aws:ec2:us-east-1:${ACCT}:instance/i-1`, [
      { Effect: 'Allow', Action: 'ec2:*', Resource: 'arn:aws:ec2:*:*:instance/*' },
    ]),
    expect: 'Allow',
  },
  {
    name: 'iam:*Report does not match iam:GetReportSomething',
    req: req('iam:GetReportSomething', '*', [{ Effect: 'Allow', Action: 'iam:*Report', Resource: '*' }]),
    expect: 'ImplicitDeny',
  },
];

runCases('policy variables', variables);
runCases('NotAction, NotResource and case rules', notElements);

test('resolveTemplate: glob mode escapes substituted values and keeps template wildcards', () => {
  const lookup = (k: string) => ({ 'aws:username': 'a*b', 'aws:principaltag/x': 'q?' })[k.toLowerCase()];
  assert.equal(resolveTemplate('home/${aws:username}/*', lookup, 'glob'), 'home/a\\*b/*');
  assert.equal(resolveTemplate('${aws:PrincipalTag/x}', lookup, 'literal'), 'q?');
  assert.equal(resolveTemplate("${aws:missing, 'dflt'}-${$}", lookup, 'literal'), 'dflt-$');
  assert.equal(resolveTemplate('${aws:missing}', lookup, 'literal'), undefined);
  assert.equal(resolveTemplate('unclosed ${aws:username', lookup, 'literal'), 'unclosed ${aws:username');
});
