// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${like:this}.
/**
 * Condition operators and multi-value conditions, from AWS's documented examples.
 */

import { ACCT, allowAll, type DocCase, policy, runCases, user } from './test-support.js';
import type { ContextValue, Statement } from './types.js';

const alice = user('alice');
/** One identity policy with one statement; the request carries the given context. */
const withStatement = (
  s: Statement,
  context: Record<string, ContextValue> = {},
  action = 'iam:CreateAccessKey',
) => ({
  principal: alice,
  action,
  resource: `arn:aws:iam::${ACCT}:user/alice`,
  context,
  identityPolicies: [policy('p', { Sid: 'S', Resource: '*', ...s })],
});
const allowIf = (op: string, key: string, value: string | string[]) =>
  ({ Effect: 'Allow', Action: '*', Condition: { [op]: { [key]: value } } }) as Statement;

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
const operators: DocCase[] = [
  {
    name: 'StringEquals on aws:PrincipalTag/job-category',
    req: withStatement(allowIf('StringEquals', 'aws:PrincipalTag/job-category', 'iamuser-admin'), {
      'aws:PrincipalTag/job-category': 'iamuser-admin',
    }),
    expect: 'Allow',
  },
  {
    name: 'StringEquals with the tag missing does not match',
    req: withStatement(allowIf('StringEquals', 'aws:PrincipalTag/job-category', 'iamuser-admin')),
    expect: 'ImplicitDeny',
  },
  {
    name: 'StringEquals is case-sensitive on values',
    req: withStatement(allowIf('StringEquals', 'aws:PrincipalTag/job-category', 'iamuser-admin'), {
      'aws:PrincipalTag/job-category': 'IAMUser-Admin',
    }),
    expect: 'ImplicitDeny',
  },
  {
    name: 'StringEqualsIgnoreCase ignores case',
    req: withStatement(allowIf('StringEqualsIgnoreCase', 'aws:PrincipalTag/job-category', 'iamuser-admin'), {
      'aws:PrincipalTag/job-category': 'IAMUser-Admin',
    }),
    expect: 'Allow',
  },
  {
    name: 'condition key names are case-insensitive',
    req: withStatement(allowIf('StringEquals', 'AWS:principaltag/JOB-category', 'iamuser-admin'), {
      'aws:PrincipalTag/job-category': 'iamuser-admin',
    }),
    expect: 'Allow',
  },
  {
    name: 'StringNotEquals with the key missing is true',
    req: withStatement(allowIf('StringNotEquals', 'aws:PrincipalTag/team', 'red')),
    expect: 'Allow',
  },
  {
    name: 'StringLike home directory with ${aws:username}',
    req: {
      ...withStatement(
        allowIf('StringLike', 's3:prefix', ['', 'home/', 'home/${aws:username}/']),
        { 's3:prefix': 'home/alice/' },
        's3:ListBucket',
      ),
    },
    expect: 'Allow',
  },
  {
    name: "StringLike does not match another user's home",
    req: withStatement(
      allowIf('StringLike', 's3:prefix', ['', 'home/', 'home/${aws:username}/']),
      { 's3:prefix': 'home/bob/' },
      's3:ListBucket',
    ),
    expect: 'ImplicitDeny',
  },
  {
    name: 'StringNotLike with a wildcard',
    req: withStatement(
      allowIf('StringNotLike', 's3:prefix', 'private/*'),
      { 's3:prefix': 'public/x' },
      's3:ListBucket',
    ),
    expect: 'Allow',
  },
  {
    name: 'NumericLessThanEquals s3:max-keys 10 with 10',
    req: withStatement(
      allowIf('NumericLessThanEquals', 's3:max-keys', '10'),
      { 's3:max-keys': '10' },
      's3:ListBucket',
    ),
    expect: 'Allow',
  },
  {
    name: 'NumericLessThanEquals s3:max-keys 10 with 11',
    req: withStatement(
      allowIf('NumericLessThanEquals', 's3:max-keys', '10'),
      { 's3:max-keys': 11 },
      's3:ListBucket',
    ),
    expect: 'ImplicitDeny',
  },
  {
    name: 'DateGreaterThan aws:TokenIssueTime for credentials issued later',
    req: withStatement(allowIf('DateGreaterThan', 'aws:TokenIssueTime', '2020-01-01T00:00:01Z'), {
      'aws:TokenIssueTime': '2020-06-01T12:00:00Z',
    }),
    expect: 'Allow',
  },
  {
    name: 'DateGreaterThan: long-term keys have no aws:TokenIssueTime',
    req: withStatement(allowIf('DateGreaterThan', 'aws:TokenIssueTime', '2020-01-01T00:00:01Z')),
    expect: 'ImplicitDeny',
  },
  {
    name: 'DateLessThan compares epoch seconds with ISO dates',
    req: withStatement(allowIf('DateLessThan', 'aws:CurrentTime', '2030-01-01T00:00:00Z'), {
      'aws:CurrentTime': '1700000000',
    }),
    expect: 'Allow',
  },
  {
    name: 'Bool: deny S3 when aws:SecureTransport is false',
    req: {
      ...withStatement(
        {
          Sid: 'BooleanExample',
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { 'aws:SecureTransport': false },
        's3:GetObject',
      ),
      identityPolicies: [
        allowAll(),
        policy('deny-http', {
          Sid: 'BooleanExample',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ],
    },
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'BooleanExample' }],
  },
  {
    name: 'Bool: the same deny does not apply over TLS',
    req: {
      ...withStatement({ Effect: 'Allow', Action: '*' }, { 'aws:SecureTransport': true }, 's3:GetObject'),
      identityPolicies: [
        allowAll(),
        policy('deny-http', {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ],
    },
    expect: 'Allow',
  },
  {
    name: 'IpAddress 203.0.113.0/24 contains 203.0.113.7',
    req: withStatement(allowIf('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), {
      'aws:SourceIp': '203.0.113.7',
    }),
    expect: 'Allow',
  },
  {
    name: 'IpAddress outside the range',
    req: withStatement(allowIf('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), {
      'aws:SourceIp': '198.51.100.1',
    }),
    expect: 'ImplicitDeny',
  },
  {
    name: 'IpAddress mixing IPv4 and IPv6 ranges',
    req: withStatement(allowIf('IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:DB8:1234:5678::/64']), {
      'aws:SourceIp': '2001:db8:1234:5678:abcd::1',
    }),
    expect: 'Allow',
  },
  {
    name: 'IpAddress: a bare address means /32',
    req: withStatement(allowIf('IpAddress', 'aws:SourceIp', '203.0.113.5'), {
      'aws:SourceIp': '203.0.113.6',
    }),
    expect: 'ImplicitDeny',
  },
  {
    name: 'NotIpAddress in a Deny blocks requests from elsewhere',
    req: {
      ...withStatement({ Effect: 'Allow', Action: '*' }, { 'aws:SourceIp': '192.0.2.1' }),
      identityPolicies: [
        allowAll(),
        policy('ip', {
          Sid: 'OfficeOnly',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        }),
      ],
    },
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'OfficeOnly' }],
  },
  {
    name: 'ArnEquals on aws:SourceArn',
    req: withStatement(
      allowIf('ArnEquals', 'aws:SourceArn', `arn:aws:sns:us-east-2:${ACCT}:TOPIC-ID`),
      { 'aws:SourceArn': `arn:aws:sns:us-east-2:${ACCT}:TOPIC-ID` },
      'sqs:SendMessage',
    ),
    expect: 'Allow',
  },
  {
    name: 'StringLike lets * cross colons',
    req: withStatement(
      allowIf('StringLike', 'aws:SourceArn', 'arn:aws:someservice:*:111122223333:finance/*'),
      {
        'aws:SourceArn':
          'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt',
      },
    ),
    expect: 'Allow',
  },
  {
    name: 'ArnLike matches each colon-separated field separately',
    req: withStatement(allowIf('ArnLike', 'aws:SourceArn', 'arn:aws:someservice:*:111122223333:finance/*'), {
      'aws:SourceArn':
        'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt',
    }),
    expect: 'ImplicitDeny',
  },
  {
    name: 'ArnNotLike with the key missing is true',
    req: withStatement(allowIf('ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:*:*')),
    expect: 'Allow',
  },
  {
    name: 'StringLikeIfExists: a missing ec2:InstanceType does not block',
    req: withStatement(
      allowIf('StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*', 'm3.*']),
      {},
      'ec2:RunInstances',
    ),
    expect: 'Allow',
  },
  {
    name: 'StringLikeIfExists: a present key must match',
    req: withStatement(
      allowIf('StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*', 'm3.*']),
      { 'ec2:InstanceType': 't3.large' },
      'ec2:RunInstances',
    ),
    expect: 'ImplicitDeny',
  },
  {
    name: 'Deny with StringNotEqualsIfExists still denies when the tag is missing',
    req: {
      ...withStatement({ Effect: 'Allow', Action: '*' }),
      identityPolicies: [
        allowAll(),
        policy('tags', {
          Sid: 'NeedTeam',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } },
        }),
      ],
    },
    expect: 'ExplicitDeny',
  },
  {
    name: 'Null true: the user is not using temporary credentials',
    req: withStatement(allowIf('Null', 'aws:TokenIssueTime', 'true'), {}, 'ec2:DescribeInstances'),
    expect: 'Allow',
  },
  {
    name: 'Null true fails with temporary credentials',
    req: withStatement(
      allowIf('Null', 'aws:TokenIssueTime', 'true'),
      { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' },
      'ec2:DescribeInstances',
    ),
    expect: 'ImplicitDeny',
  },
  {
    name: 'BinaryEquals compares base-64 values byte for byte',
    req: withStatement(allowIf('BinaryEquals', 'custom:blob', 'QmluYXJ5VmFsdWVJbkJhc2U2NA=='), {
      'custom:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA',
    }),
    expect: 'Allow',
  },
  {
    name: 'an unknown operator never matches',
    req: withStatement(allowIf('StringSortOfEquals', 'aws:username', 'alice')),
    expect: 'ImplicitDeny',
  },
];

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
const dynamo = (attrs: string[] | undefined, statements: Statement[], action = 'dynamodb:GetItem') => ({
  principal: alice,
  action,
  resource: `arn:aws:dynamodb:us-east-1:${ACCT}:table/Thread`,
  context: (attrs === undefined ? {} : { 'dynamodb:Attributes': attrs }) as Record<string, ContextValue>,
  identityPolicies: [policy('thread', ...statements)],
});
const onlySome: Statement = {
  Effect: 'Allow',
  Action: 'dynamodb:GetItem',
  Resource: 'arn:aws:dynamodb:*:*:table/Thread',
  Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['ID', 'Message', 'Tags'] } },
};
const denyKeys: Statement = {
  Sid: 'NoKeyEdits',
  Effect: 'Deny',
  Action: 'dynamodb:PutItem',
  Resource: 'arn:aws:dynamodb:*:*:table/Thread',
  Condition: { 'ForAnyValue:StringEquals': { 'dynamodb:Attributes': ['ID', 'PostDateTime'] } },
};
const putAll: Statement = { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' };
const multiValue: DocCase[] = [
  {
    name: 'ForAllValues: every requested attribute is listed',
    req: dynamo(['Message', 'Tags'], [onlySome]),
    expect: 'Allow',
  },
  {
    name: 'ForAllValues: UserName is not listed',
    req: dynamo(['PostDateTime', 'UserName'], [onlySome]),
    expect: 'ImplicitDeny',
  },
  { name: 'ForAllValues: an empty set is true', req: dynamo([], [onlySome]), expect: 'Allow' },
  { name: 'ForAllValues: a missing key is true', req: dynamo(undefined, [onlySome]), expect: 'Allow' },
  {
    name: 'ForAnyValue: PostDateTime among the attributes triggers the deny',
    req: dynamo(['UserName', 'Message', 'PostDateTime'], [putAll, denyKeys], 'dynamodb:PutItem'),
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'NoKeyEdits' }],
  },
  {
    name: 'ForAnyValue: no forbidden attribute',
    req: dynamo(['UserName'], [putAll, denyKeys], 'dynamodb:PutItem'),
    expect: 'Allow',
  },
  {
    name: 'ForAnyValue: a missing key is false',
    req: dynamo(undefined, [putAll, denyKeys], 'dynamodb:PutItem'),
    expect: 'Allow',
  },
  {
    name: 'ForAllValues:StringNotEquals: no requested value may be listed',
    req: dynamo(
      ['Message'],
      [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { 'ForAllValues:StringNotEquals': { 'dynamodb:Attributes': ['ID'] } },
        },
      ],
    ),
    expect: 'Allow',
  },
  {
    name: 'ForAnyValue:StringNotEquals: one requested value outside the list suffices',
    req: dynamo(
      ['ID', 'Message'],
      [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { 'ForAnyValue:StringNotEquals': { 'dynamodb:Attributes': ['ID'] } },
        },
      ],
    ),
    expect: 'Allow',
  },
  {
    name: 'several keys are ANDed, several values ORed',
    req: {
      ...withStatement(
        {
          Effect: 'Allow',
          Action: '*',
          Condition: {
            StringEqualsIgnoreCase: {
              'aws:PrincipalTag/department': ['finance', 'hr', 'legal'],
              'aws:PrincipalTag/role': ['audit', 'security'],
            },
            StringEquals: { 'aws:PrincipalAccount': ACCT },
          },
        },
        { 'aws:PrincipalTag/department': 'HR', 'aws:PrincipalTag/role': 'audit' },
      ),
    },
    expect: 'Allow',
  },
  {
    name: 'several keys are ANDed: one failing key fails the condition',
    req: withStatement(
      {
        Effect: 'Allow',
        Action: '*',
        Condition: {
          StringEqualsIgnoreCase: {
            'aws:PrincipalTag/department': ['finance', 'hr'],
            'aws:PrincipalTag/role': ['audit'],
          },
        },
      },
      { 'aws:PrincipalTag/department': 'HR', 'aws:PrincipalTag/role': 'developer' },
    ),
    expect: 'ImplicitDeny',
  },
  {
    name: 'negated operators with several values act as AND (must differ from all)',
    req: withStatement(allowIf('StringNotEquals', 'aws:PrincipalAccount', ['999988887777', ACCT])),
    expect: 'ImplicitDeny',
  },
];

runCases('condition operators', operators);
runCases('multi-value conditions', multiValue);
