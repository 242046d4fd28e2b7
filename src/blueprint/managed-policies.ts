/**
 * Short names for AWS-managed policies, and ARN checks. AWS-managed policies live under paths
 * (job-function/, service-role/) that people rarely remember, so a blueprint may say `ViewOnlyAccess`
 * and get arn:aws:iam::aws:policy/job-function/ViewOnlyAccess. Unknown short names fail with
 * suggestions; full ARNs pass after a shape check.
 */
import { E } from './codes.js';
import { didYouMean } from './edit-distance.js';
import type { Problem } from './names.js';

/** name → path (between `policy` and the name), from the IAM console's AWS-managed policy list. */
const AWS_MANAGED: Record<string, string> = {
  AdministratorAccess: '/',
  'AdministratorAccess-Amplify': '/',
  'AdministratorAccess-AWSElasticBeanstalk': '/',
  PowerUserAccess: '/',
  ReadOnlyAccess: '/',
  IAMFullAccess: '/',
  IAMReadOnlyAccess: '/',
  SecurityAudit: '/',
  ViewOnlyAccess: '/job-function/',
  Billing: '/job-function/',
  DatabaseAdministrator: '/job-function/',
  DataScientist: '/job-function/',
  NetworkAdministrator: '/job-function/',
  SystemAdministrator: '/job-function/',
  SupportUser: '/job-function/',
  AmplifyBackendDeployFullAccess: '/service-role/',
  AWSLambdaBasicExecutionRole: '/service-role/',
  AWSGlueServiceRole: '/service-role/',
  AmazonS3FullAccess: '/',
  AmazonS3ReadOnlyAccess: '/',
  AmazonEC2FullAccess: '/',
  AmazonEC2ReadOnlyAccess: '/',
  AmazonEC2ContainerRegistryReadOnly: '/',
  AmazonEKSClusterPolicy: '/',
  AmazonEKSWorkerNodePolicy: '/',
  AmazonEKS_CNI_Policy: '/',
  AmazonECS_FullAccess: '/',
  AmazonDynamoDBFullAccess: '/',
  AmazonDynamoDBReadOnlyAccess: '/',
  AmazonRDSFullAccess: '/',
  AmazonRDSReadOnlyAccess: '/',
  AmazonSQSFullAccess: '/',
  AmazonSNSFullAccess: '/',
  AmazonVPCFullAccess: '/',
  AmazonVPCReadOnlyAccess: '/',
  AmazonRoute53FullAccess: '/',
  AmazonAthenaFullAccess: '/',
  AmazonSageMakerFullAccess: '/',
  AmazonSSMFullAccess: '/',
  AmazonSSMReadOnlyAccess: '/',
  AmazonSSMManagedInstanceCore: '/',
  AWSLambda_FullAccess: '/',
  AWSLambda_ReadOnlyAccess: '/',
  AWSCloudFormationFullAccess: '/',
  AWSCloudFormationReadOnlyAccess: '/',
  AWSCloudShellFullAccess: '/',
  AWSCloudTrail_FullAccess: '/',
  AWSCloudTrail_ReadOnlyAccess: '/',
  CloudWatchFullAccess: '/',
  CloudWatchReadOnlyAccess: '/',
  CloudWatchLogsFullAccess: '/',
  CloudWatchLogsReadOnlyAccess: '/',
  AWSOrganizationsFullAccess: '/',
  AWSOrganizationsReadOnlyAccess: '/',
  AWSSSOMasterAccountAdministrator: '/',
  AWSSSOMemberAccountAdministrator: '/',
  AWSSSOReadOnly: '/',
  AWSSSODirectoryAdministrator: '/',
  AWSBillingReadOnlyAccess: '/',
  AWSSupportAccess: '/',
  AWSKeyManagementServicePowerUser: '/',
  SecretsManagerReadWrite: '/',
  AWSGlueConsoleFullAccess: '/',
};

/** Every short name the table knows. */
export const AWS_MANAGED_POLICY_NAMES: readonly string[] = Object.keys(AWS_MANAGED).sort();

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/** The ARN of a known AWS-managed policy, or undefined. */
export function awsManagedPolicyArn(name: string, partition = 'aws'): string | undefined {
  const path = Object.hasOwn(AWS_MANAGED, name) ? AWS_MANAGED[name] : undefined;
  return path === undefined ? undefined : `arn:${partition}:iam::aws:policy${path}${name}`;
}

export interface ParsedPolicyArn {
  partition: string;
  /** `aws` for AWS-managed policies, else the 12-digit account. */
  account: string;
  path: string;
  name: string;
}

const POLICY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(aws|\d{12}):policy(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,128})$/;

export function parsePolicyArn(arn: string): ParsedPolicyArn | undefined {
  const m = POLICY_ARN.exec(arn);
  return m ? { partition: m[1], account: m[2], path: m[3], name: m[4] } : undefined;
}

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/;

export function parseRoleArn(
  arn: string,
): { partition: string; account: string; path: string; name: string } | undefined {
  const m = ROLE_ARN.exec(arn);
  return m ? { partition: m[1], account: m[2], path: m[3], name: m[4] } : undefined;
}

/** A role ARN check that explains the common mistake of pasting a session ARN. */
export function checkRoleArn(arn: string): Problem | undefined {
  if (parseRoleArn(arn)) return undefined;
  const session = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  return {
    code: E.invalidArn,
    message: `${JSON.stringify(arn)} is not an IAM role ARN`,
    expected: 'arn:aws:iam::123456789012:role/[path/]name',
    hint: session
      ? `that is a session ARN; trust the role instead: arn:aws:iam::${session[1]}:role/${session[2]} (add its path)`
      : 'role ARNs look like arn:aws:iam::123456789012:role/name',
  };
}

export type PolicyRef =
  | { kind: 'aws-managed'; arn: string }
  | { kind: 'customer'; arn: string; account: string }
  | { kind: 'blueprint'; name: string };

/**
 * Resolves a managedPolicies entry: a name defined in the same account's `iam.policies`, an
 * AWS-managed short name, or a full policy ARN.
 */
export function resolvePolicyRef(value: string, localPolicies: readonly string[]): PolicyRef | Problem {
  if (value.startsWith('arn:')) {
    const parsed = parsePolicyArn(value);
    if (!parsed) {
      return {
        code: E.invalidArn,
        message: `${JSON.stringify(value)} is not an IAM policy ARN`,
        expected: 'arn:aws:iam::aws:policy/[path/]Name or arn:aws:iam::123456789012:policy/[path/]Name',
      };
    }
    return parsed.account === 'aws'
      ? { kind: 'aws-managed', arn: value }
      : { kind: 'customer', arn: value, account: parsed.account };
  }
  if (localPolicies.includes(value)) return { kind: 'blueprint', name: value };
  const arn = awsManagedPolicyArn(value);
  if (arn) return { kind: 'aws-managed', arn };
  const hint = didYouMean(value, [...AWS_MANAGED_POLICY_NAMES, ...localPolicies]);
  return {
    code: E.unknownManagedPolicy,
    message: `unknown managed policy \`${value}\``,
    expected: "an AWS-managed policy name, a policy in this account's iam.policies, or a policy ARN",
    hint: hint ?? 'use the full ARN for AWS-managed policies onramp has no short name for',
  };
}

export function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && 'code' in v && 'message' in v;
}
