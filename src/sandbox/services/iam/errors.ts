/**
 * IAM's error codes with the HTTP statuses AWS answers them with, and the messages worded as AWS
 * words them. Codes and statuses: https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
 * and each operation's Errors section (NoSuchEntity 404, EntityAlreadyExists/DeleteConflict/
 * LimitExceeded 409, MalformedPolicyDocument/InvalidInput/ValidationError 400).
 */
import { AwsError } from '../../aws-error.js';

export type EntityKind = 'role' | 'user' | 'group';

const CAPITAL: Record<EntityKind, string> = { role: 'Role', user: 'User', group: 'Group' };

export const iamError = {
  noSuchEntity: (message: string) => new AwsError('NoSuchEntity', message, 404),
  alreadyExists: (message: string) => new AwsError('EntityAlreadyExists', message, 409),
  deleteConflict: (message: string) => new AwsError('DeleteConflict', message, 409),
  limitExceeded: (message: string) => new AwsError('LimitExceeded', message, 409),
  malformed: (message: string) => new AwsError('MalformedPolicyDocument', message, 400),
  invalidInput: (message: string) => new AwsError('InvalidInput', message, 400),
  validation: (message: string) => new AwsError('ValidationError', message, 400),
};

/** "The role with name X cannot be found." */
export function noSuchEntityNamed(kind: EntityKind, name: string): AwsError {
  return iamError.noSuchEntity(`The ${kind} with name ${name} cannot be found.`);
}

/** "Role with name X already exists." */
export function entityExists(kind: EntityKind, name: string): AwsError {
  return iamError.alreadyExists(`${CAPITAL[kind]} with name ${name} already exists.`);
}

/** "The role policy with name X cannot be found." (inline policies) */
export function noSuchInlinePolicy(kind: EntityKind, name: string): AwsError {
  return iamError.noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
}

/** GetPolicy, DetachRolePolicy, ListEntitiesForPolicy on a policy that is not there. */
export function policyNotFound(arn: string): AwsError {
  return iamError.noSuchEntity(`Policy ${arn} was not found.`);
}

/** AttachRolePolicy and permissions boundaries naming a policy that is not there. */
export function policyNotAttachable(arn: string): AwsError {
  return iamError.noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
}

/** "Cannot exceed quota for PoliciesPerRole: 10" — AWS's wording for every account quota. */
export function quotaExceeded(quota: string, limit: number): AwsError {
  return iamError.limitExceeded(`Cannot exceed quota for ${quota}: ${limit}`);
}
