/** Resolves a managed policy ARN (AWS-managed or customer-managed) to its default version's JSON. */
import type { World } from '../../world.js';
import { findAwsManagedPolicy } from './aws-managed.js';

export function resolveManagedPolicyDocument(world: World, arn: string): string | undefined {
  const aws = findAwsManagedPolicy(arn);
  if (aws) return aws.document;
  const account = /^arn:aws:iam::(\d{12}):policy\//.exec(arn)?.[1];
  if (!account) return undefined;
  const policy = world.accounts[account]?.iam.policies[arn];
  return policy?.Versions.find((v) => v.VersionId === policy.DefaultVersionId)?.Document;
}
