/**
 * The AWS-managed policies the sandbox knows: real names, paths, ARNs, descriptions and dates (from
 * the AWS managed policy reference, https://docs.aws.amazon.com/aws-managed-policy/latest/reference/),
 * with compact documents written for the sandbox that keep each policy's intent (read-only policies
 * allow Get/List/Describe per service, full-access policies the service's `*`), not AWS's full text.
 */

/** One statement; Resource defaults to "*". */
export interface Stmt {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface CatalogEntry {
  name: string;
  path: string;
  description: string;
  /** The version AWS currently serves as default (informational; the sandbox stores one version). */
  versionId: string;
  createDate: string;
  updateDate: string;
  statements: Stmt[];
}

export const allow = (action: string | string[], resource: string | string[] = '*'): Stmt => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});

/** Get*, List* and Describe* on each service: the shape of AWS's read-only job-function policies. */
export const readOnly = (services: string[], verbs = ['Get*', 'List*', 'Describe*']): string[] =>
  services.flatMap((s) => verbs.map((v) => `${s}:${v}`));

export const serviceLinkedRole = (service: string): Stmt => ({
  Effect: 'Allow',
  Action: 'iam:CreateServiceLinkedRole',
  Resource: '*',
  Condition: { StringEquals: { 'iam:AWSServiceName': service } },
});

const CORE_SERVICES = [
  'iam',
  'organizations',
  'account',
  'sso',
  'sso-directory',
  'identitystore',
  's3',
  'ec2',
  'cloudformation',
  'cloudtrail',
  'cloudwatch',
  'logs',
  'lambda',
  'dynamodb',
  'kms',
  'sns',
  'sqs',
  'amplify',
  'config',
  'guardduty',
  'securityhub',
  'access-analyzer',
];

/** Job-function and account-wide policies. */
export const JOB_FUNCTION_POLICIES: CatalogEntry[] = [
  {
    name: 'AdministratorAccess',
    path: '/',
    description: 'Provides full access to AWS services and resources.',
    versionId: 'v1',
    createDate: '2015-02-06T18:39:46Z',
    updateDate: '2015-02-06T18:39:46Z',
    statements: [allow('*')],
  },
  {
    name: 'PowerUserAccess',
    path: '/',
    description:
      'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    versionId: 'v12',
    createDate: '2015-02-06T18:39:47Z',
    updateDate: '2026-02-12T17:59:14Z',
    statements: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow([
        'account:GetAccountInformation',
        'account:ListRegions',
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
      ]),
    ],
  },
  {
    name: 'ReadOnlyAccess',
    path: '/',
    description: 'Provides read-only access to AWS services and resources.',
    versionId: 'v182',
    createDate: '2015-02-06T18:39:48Z',
    updateDate: '2026-04-03T15:27:12Z',
    statements: [allow(readOnly(CORE_SERVICES))],
  },
  {
    name: 'ViewOnlyAccess',
    path: '/job-function/',
    description:
      'This policy grants permissions to view resources and basic metadata across all AWS services',
    versionId: 'v45',
    createDate: '2016-11-10T17:20:15Z',
    updateDate: '2026-04-22T18:12:21Z',
    statements: [
      allow([
        ...readOnly(CORE_SERVICES, ['List*', 'Describe*']),
        'iam:GetAccountSummary',
        'iam:GetLoginProfile',
        's3:GetBucketLocation',
      ]),
    ],
  },
  {
    name: 'IAMFullAccess',
    path: '/',
    description: 'Provides full access to IAM via the AWS Management Console.',
    versionId: 'v2',
    createDate: '2015-02-06T18:40:38Z',
    updateDate: '2019-06-21T19:40:00Z',
    statements: [
      allow('iam:*'),
      allow([
        'organizations:DescribeAccount',
        'organizations:DescribeOrganization',
        'organizations:DescribeOrganizationalUnit',
        'organizations:DescribePolicy',
        'organizations:ListChildren',
        'organizations:ListParents',
        'organizations:ListPoliciesForTarget',
        'organizations:ListRoots',
        'organizations:ListPolicies',
        'organizations:ListTargetsForPolicy',
      ]),
    ],
  },
  {
    name: 'IAMReadOnlyAccess',
    path: '/',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    versionId: 'v4',
    createDate: '2015-02-06T18:40:39Z',
    updateDate: '2018-01-25T19:11:27Z',
    statements: [
      allow([
        'iam:GenerateCredentialReport',
        'iam:GenerateServiceLastAccessedDetails',
        'iam:Get*',
        'iam:List*',
        'iam:SimulateCustomPolicy',
        'iam:SimulatePrincipalPolicy',
      ]),
    ],
  },
  {
    name: 'SecurityAudit',
    path: '/',
    description:
      'The security audit template grants access to read security configuration metadata. It is useful for software that audits the configuration of an AWS account.',
    versionId: 'v86',
    createDate: '2015-02-06T18:41:01Z',
    updateDate: '2026-05-01T03:12:13Z',
    statements: [
      allow([...readOnly(CORE_SERVICES), 'iam:GenerateCredentialReport', 'iam:SimulatePrincipalPolicy']),
    ],
  },
  {
    name: 'Billing',
    path: '/job-function/',
    description:
      'Grants permissions for billing and cost management. This includes viewing account usage and viewing and modifying budgets and payment methods.',
    versionId: 'v28',
    createDate: '2016-11-10T17:33:18Z',
    updateDate: '2026-04-08T17:12:18Z',
    statements: [
      allow([
        'aws-portal:*',
        'billing:*',
        'budgets:*',
        'ce:*',
        'consolidatedbilling:*',
        'cur:*',
        'freetier:*',
        'invoicing:*',
        'payments:*',
        'pricing:*',
        'purchase-orders:*',
        'tax:*',
        'account:GetAccountInformation',
        'account:GetContactInformation',
      ]),
    ],
  },
];
