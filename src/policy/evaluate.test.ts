/**
 * Documented examples of the evaluation logic: one table per AWS doc page.
 */
import { ACCT, allowAll, type DocCase, OTHER, policy, roleSession, runCases, user } from './test-support.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// (example identity-based and resource-based policy evaluation: Carlos and his buckets)
const carlos = user('carlossalazar');
const carlosPolicy = policy(
  'user/carlossalazar inline policy s3',
  {
    Sid: 'AllowS3ListRead',
    Effect: 'Allow',
    Action: [
      's3:GetBucketLocation',
      's3:GetAccountPublicAccessBlock',
      's3:ListAccessPoints',
      's3:ListAllMyBuckets',
    ],
    Resource: 'arn:aws:s3:::*',
  },
  {
    Sid: 'AllowS3Self',
    Effect: 'Allow',
    Action: 's3:*',
    Resource: ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar'],
  },
  { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
);
const carlosBucket = policy('bucket policy carlossalazar', {
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCT}:user/carlossalazar` },
  Action: 's3:*',
  Resource: ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar'],
});
// The explicit-vs-implicit deny example on the same page.
const getList = policy(
  'GetListNoReports',
  { Sid: 'AllowGetList', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
  { Sid: 'DenyReports', Effect: 'Deny', Action: 'iam:*Report', Resource: '*' },
);
const evaluationLogic: DocCase[] = [
  {
    name: 'Carlos writing to carlossalazar-logs is explicitly denied by DenyS3Logs',
    req: {
      principal: carlos,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::carlossalazar-logs/file.txt',
      identityPolicies: [carlosPolicy],
    },
    expect: 'ExplicitDeny',
    stage: 'explicit-deny',
    decidedBy: [{ sid: 'DenyS3Logs', role: 'identity', effect: 'Deny' }],
    reason: /explicitly denied by statement 'DenyS3Logs' in user\/carlossalazar inline policy s3/,
  },
  {
    name: 'Carlos writing to his own bucket is allowed by both policies',
    req: {
      principal: carlos,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::carlossalazar/file.txt',
      identityPolicies: [carlosPolicy],
      resourcePolicy: carlosBucket,
    },
    expect: 'Allow',
    decidedBy: [{ sid: 'AllowS3Self', role: 'identity' }],
  },
  {
    name: 'same account: the bucket policy alone allows when the identity policy does not',
    req: {
      principal: carlos,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::carlossalazar/f',
      resourcePolicy: carlosBucket,
    },
    expect: 'Allow',
    decidedBy: [{ role: 'resource', policyId: 'bucket policy carlossalazar' }],
  },
  {
    name: 'same account: the identity policy alone allows when there is no bucket policy',
    req: {
      principal: carlos,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::carlossalazar/f',
      identityPolicies: [carlosPolicy],
    },
    expect: 'Allow',
  },
  {
    name: 'iam:GetUser is allowed by AllowGetList',
    req: {
      principal: carlos,
      action: 'iam:GetUser',
      resource: `arn:aws:iam::${ACCT}:user/x`,
      identityPolicies: [getList],
    },
    expect: 'Allow',
    decidedBy: [{ sid: 'AllowGetList' }],
  },
  {
    name: 'iam:CreatePolicy is implicitly denied',
    req: { principal: carlos, action: 'iam:CreatePolicy', resource: '*', identityPolicies: [getList] },
    expect: 'ImplicitDeny',
    stage: 'identity',
    reason:
      /no identity-based policy allows arn:aws:iam::111122223333:user\/carlossalazar to perform iam:CreatePolicy/,
  },
  {
    name: 'iam:GenerateCredentialReport is explicitly denied by DenyReports',
    req: {
      principal: carlos,
      action: 'iam:GenerateCredentialReport',
      resource: '*',
      identityPolicies: [getList],
    },
    expect: 'ExplicitDeny',
    decidedBy: [{ sid: 'DenyReports' }],
  },
  {
    name: 'an explicit deny overrides an allow: iam:GetOrganizationsAccessReport',
    req: {
      principal: carlos,
      action: 'iam:GetOrganizationsAccessReport',
      resource: '*',
      identityPolicies: [getList],
    },
    expect: 'ExplicitDeny',
  },
  {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html (resource_block)
    name: 'an identity statement without Resource is invalid and grants nothing',
    req: {
      principal: carlos,
      action: 's3:ListAllMyBuckets',
      resource: '*',
      identityPolicies: [
        { id: 'bad', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*' } } },
      ],
    },
    expect: 'ImplicitDeny',
  },
  {
    name: 'by default every request is implicitly denied',
    req: { principal: carlos, action: 's3:ListAllMyBuckets', resource: '*' },
    expect: 'ImplicitDeny',
    stage: 'identity',
  },
  {
    name: 'the root user has full access without policies',
    req: {
      principal: { arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, isRoot: true },
      action: 'iam:DeleteUser',
      resource: '*',
    },
    expect: 'Allow',
  },
  {
    name: 'the root user of a member account is still limited by SCPs',
    req: {
      principal: { arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, isRoot: true },
      action: 'iam:DeleteUser',
      resource: '*',
      scps: [
        [
          allowAll('FullAWSAccess'),
          policy('DenyIam', { Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' }),
        ],
      ],
    },
    expect: 'ExplicitDeny',
    decidedBy: [{ role: 'scp', sid: 'NoIam' }],
  },
  {
    name: 'SCPs: an identity allow without an SCP allow is implicitly denied',
    req: {
      principal: carlos,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      identityPolicies: [allowAll()],
      scps: [[policy('OnlyEc2', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' })]],
    },
    expect: 'ImplicitDeny',
    stage: 'scp',
    reason: /service control policies at level 1 \(OnlyEc2\)/,
  },
  {
    name: 'SCPs: every level of the OU path must allow',
    req: {
      principal: carlos,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      identityPolicies: [allowAll()],
      scps: [
        [allowAll('FullAWSAccess')],
        [policy('OnlyEc2', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' })],
      ],
    },
    expect: 'ImplicitDeny',
    reason: /level 2/,
  },
  {
    name: 'SCPs: allowed at every level',
    req: {
      principal: carlos,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      identityPolicies: [allowAll()],
      scps: [
        [allowAll('FullAWSAccess')],
        [policy('S3', { Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' })],
      ],
    },
    expect: 'Allow',
    decidedBy: [{ role: 'scp', sid: 'S3' }, { role: 'identity' }],
  },
];

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html (Shirley's example)
// and the resource-policy table in reference_policies_evaluation-logic.html#policy-eval-denyallow
const shirley = user('ShirleyRodriguez');
const boundary = policy('arn:aws:iam::111122223333:policy/S3CloudWatchEc2Boundary', {
  Sid: 'Boundary',
  Effect: 'Allow',
  Action: ['s3:*', 'cloudwatch:*', 'ec2:*'],
  Resource: '*',
});
const createUser = policy('CreateUser', { Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*' });
const app = roleSession('app', 's1');
const bucket = 'arn:aws:s3:::shared/k';
const bucketPolicy = (principal: string) =>
  policy('bucket policy shared', {
    Sid: 'Grant',
    Effect: 'Allow',
    Principal: { AWS: principal },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::shared/*',
  });
const putOnly = policy('session policy PutOnly', { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' });
const boundaries: DocCase[] = [
  {
    name: 'boundary: Shirley cannot create a user although her policy allows it',
    req: {
      principal: shirley,
      action: 'iam:CreateUser',
      resource: '*',
      identityPolicies: [createUser],
      permissionsBoundary: boundary,
    },
    expect: 'ImplicitDeny',
    stage: 'boundary',
    reason:
      /permissions boundary arn:aws:iam::111122223333:policy\/S3CloudWatchEc2Boundary does not allow iam:CreateUser/,
  },
  {
    name: 'boundary: allowed when both identity policy and boundary allow',
    req: {
      principal: shirley,
      action: 's3:GetObject',
      resource: bucket,
      identityPolicies: [allowAll()],
      permissionsBoundary: boundary,
    },
    expect: 'Allow',
    decidedBy: [{ role: 'boundary', sid: 'Boundary' }, { role: 'identity' }],
  },
  {
    name: 'boundary: an explicit deny in the boundary wins',
    req: {
      principal: shirley,
      action: 's3:DeleteBucket',
      resource: 'arn:aws:s3:::b',
      identityPolicies: [allowAll()],
      permissionsBoundary: policy(
        'pb',
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
      ),
    },
    expect: 'ExplicitDeny',
    decidedBy: [{ role: 'boundary', effect: 'Deny' }],
  },
  {
    name: 'resource policy naming the IAM user is not limited by the boundary',
    req: {
      principal: shirley,
      action: 's3:GetObject',
      resource: bucket,
      permissionsBoundary: policy('pb', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
      resourcePolicy: bucketPolicy(shirley.arn),
    },
    expect: 'Allow',
    decidedBy: [{ role: 'resource', sid: 'Grant' }],
  },
  {
    name: 'resource policy naming the role ARN is limited by the role boundary',
    req: {
      principal: app,
      action: 's3:GetObject',
      resource: bucket,
      permissionsBoundary: policy('pb', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
      resourcePolicy: bucketPolicy(app.roleArn!),
    },
    expect: 'ImplicitDeny',
    stage: 'boundary',
  },
  {
    name: 'resource policy naming the role ARN stands in for the identity policy',
    req: {
      principal: app,
      action: 's3:GetObject',
      resource: bucket,
      resourcePolicy: bucketPolicy(app.roleArn!),
    },
    expect: 'Allow',
    decidedBy: [{ role: 'resource' }],
  },
  {
    name: 'resource policy naming the role ARN is limited by a session policy',
    req: {
      principal: app,
      action: 's3:GetObject',
      resource: bucket,
      sessionPolicies: [putOnly],
      resourcePolicy: bucketPolicy(app.roleArn!),
    },
    expect: 'ImplicitDeny',
    stage: 'session',
  },
  {
    name: 'resource policy naming the role session ARN is limited by neither boundary nor session policy',
    req: {
      principal: app,
      action: 's3:GetObject',
      resource: bucket,
      sessionPolicies: [putOnly],
      permissionsBoundary: policy('pb', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
      resourcePolicy: bucketPolicy(app.arn),
    },
    expect: 'Allow',
  },
  {
    name: 'session policy: the session gets the intersection with the role policies',
    req: {
      principal: app,
      action: 's3:GetObject',
      resource: bucket,
      identityPolicies: [allowAll()],
      sessionPolicies: [putOnly],
    },
    expect: 'ImplicitDeny',
    stage: 'session',
    reason: /no session policy allows s3:GetObject/,
  },
  {
    name: 'session policy: allowed when role policy and session policy allow',
    req: {
      principal: app,
      action: 's3:PutObject',
      resource: bucket,
      identityPolicies: [allowAll()],
      sessionPolicies: [putOnly],
    },
    expect: 'Allow',
    decidedBy: [{ role: 'session' }, { role: 'identity' }],
  },
  {
    name: 'a federated user session without a session policy has no permissions',
    req: {
      principal: { arn: `arn:aws:sts::${ACCT}:federated-user/bob`, accountId: ACCT },
      action: 's3:GetObject',
      resource: bucket,
      identityPolicies: [allowAll()],
    },
    expect: 'ImplicitDeny',
    stage: 'session',
  },
  {
    name: 'a resource policy naming the account only delegates: identity policy still needed',
    req: { principal: shirley, action: 's3:GetObject', resource: bucket, resourcePolicy: bucketPolicy(ACCT) },
    expect: 'ImplicitDeny',
    stage: 'identity',
  },
  {
    name: 'a resource policy naming the account plus an identity allow',
    req: {
      principal: shirley,
      action: 's3:GetObject',
      resource: bucket,
      identityPolicies: [allowAll()],
      resourcePolicy: bucketPolicy(`arn:aws:iam::${ACCT}:root`),
    },
    expect: 'Allow',
  },
];

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
const outsider = user('bob', OTHER);
const crossBucket = (principal: string, effect: 'Allow' | 'Deny' = 'Allow') =>
  policy('bucket policy shared', {
    Sid: `${effect}Cross`,
    Effect: effect,
    Principal: { AWS: principal },
    Action: 's3:*',
    Resource: 'arn:aws:s3:::shared/*',
  });
const crossAccount: DocCase[] = [
  {
    name: 'identity allow without a resource policy is not enough across accounts',
    req: {
      principal: outsider,
      action: 's3:GetObject',
      resource: bucket,
      resourceAccount: ACCT,
      identityPolicies: [allowAll()],
    },
    expect: 'ImplicitDeny',
    stage: 'resource',
    reason: /cross-account/,
  },
  {
    name: 'resource policy naming the account without an identity allow',
    req: {
      principal: outsider,
      action: 's3:GetObject',
      resource: bucket,
      resourceAccount: ACCT,
      resourcePolicy: crossBucket(OTHER),
    },
    expect: 'ImplicitDeny',
    stage: 'identity',
  },
  {
    name: 'both sides allow',
    req: {
      principal: outsider,
      action: 's3:GetObject',
      resource: bucket,
      resourceAccount: ACCT,
      identityPolicies: [allowAll()],
      resourcePolicy: crossBucket(`arn:aws:iam::${OTHER}:root`),
    },
    expect: 'Allow',
    decidedBy: [{ role: 'identity' }, { role: 'resource', sid: 'AllowCross' }],
  },
  {
    name: 'naming the user directly still needs its identity policy across accounts',
    req: {
      principal: outsider,
      action: 's3:GetObject',
      resource: bucket,
      resourceAccount: ACCT,
      resourcePolicy: crossBucket(outsider.arn),
    },
    expect: 'ImplicitDeny',
    stage: 'identity',
  },
  {
    name: 'a deny in the resource policy wins across accounts',
    req: {
      principal: outsider,
      action: 's3:GetObject',
      resource: bucket,
      resourceAccount: ACCT,
      identityPolicies: [allowAll()],
      resourcePolicy: crossBucket(OTHER, 'Deny'),
    },
    expect: 'ExplicitDeny',
    decidedBy: [{ role: 'resource', sid: 'DenyCross' }],
  },
];

// KMS key policies, like trust policies, must allow access themselves (same page, policy-eval-denyallow).
const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const keyPolicy = (principal: string) =>
  policy('key policy', {
    Sid: 'KeyUse',
    Effect: 'Allow',
    Principal: { AWS: principal },
    Action: 'kms:*',
    Resource: '*',
  });
const keyPolicies: DocCase[] = [
  {
    name: 'a key policy that does not name the caller denies even with an identity allow',
    req: {
      principal: shirley,
      action: 'kms:Decrypt',
      resource: KEY,
      identityPolicies: [allowAll()],
      resourcePolicy: keyPolicy(`arn:aws:iam::${ACCT}:user/admin`),
    },
    expect: 'ImplicitDeny',
    stage: 'resource',
    reason: /key policy of arn:aws:kms/,
  },
  {
    name: 'a key policy delegating to the account lets IAM policies decide',
    req: {
      principal: shirley,
      action: 'kms:Decrypt',
      resource: KEY,
      identityPolicies: [allowAll()],
      resourcePolicy: keyPolicy(`arn:aws:iam::${ACCT}:root`),
    },
    expect: 'Allow',
  },
  {
    name: 'a key policy delegating to the account without an identity allow',
    req: {
      principal: shirley,
      action: 'kms:Decrypt',
      resource: KEY,
      resourcePolicy: keyPolicy(`arn:aws:iam::${ACCT}:root`),
    },
    expect: 'ImplicitDeny',
    stage: 'identity',
  },
  {
    name: 'without its key policy a key is evaluated as having the default (delegating) policy',
    req: { principal: shirley, action: 'kms:Decrypt', resource: KEY, identityPolicies: [allowAll()] },
    expect: 'Allow',
  },
];

runCases('evaluation logic', evaluationLogic);
runCases('KMS key policies', keyPolicies);
runCases('boundaries and sessions', boundaries);
runCases('cross-account', crossAccount);
