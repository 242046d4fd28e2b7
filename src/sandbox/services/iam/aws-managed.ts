/**
 * AWS-managed policies the sandbox knows, with their real ARNs and paths. (Placeholder: the IAM
 * service module extends this catalog.)
 */
export interface AwsManagedPolicy {
  name: string;
  path: string;
  arn: string;
  description: string;
  document: string;
}

const ADMIN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

export const AWS_MANAGED_POLICIES: AwsManagedPolicy[] = [
  {
    name: 'AdministratorAccess',
    path: '/',
    arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    description: 'Provides full access to AWS services and resources.',
    document: ADMIN,
  },
];

export function findAwsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return AWS_MANAGED_POLICIES.find((p) => p.arn === arn);
}
