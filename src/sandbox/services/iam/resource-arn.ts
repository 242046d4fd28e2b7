/**
 * The resource an IAM call is authorised against, as the IAM service authorization reference lists
 * it: the role, group or user the call names (its stored ARN with path, or the ARN it will have),
 * the caller for self-service user calls, the policy for policy calls, otherwise "*".
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
import type { SandboxRequest } from '../../service.js';
import { findGroup, findRole, findUser, iamArn } from './model.js';

/** Calls that act on the signing user when they name no user. */
const SELF_USER_OPERATIONS = new Set([
  'GetUser',
  'CreateAccessKey',
  'ListAccessKeys',
  'UpdateAccessKey',
  'DeleteAccessKey',
]);

export function iamResourceArn(req: SandboxRequest): string {
  const caller = req.caller;
  if (!caller) return '*';
  const account = caller.accountId;
  const iam = req.ctx.world.accounts[account]?.iam;
  const param = (name: string) => {
    const v = req.params[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const path = param('Path') ?? '/';
  const role = param('RoleName');
  if (role) return (iam && findRole(iam, role)?.Arn) ?? iamArn(account, 'role', path, role);
  const group = param('GroupName');
  if (group) return (iam && findGroup(iam, group)?.Arn) ?? iamArn(account, 'group', path, group);
  const user = param('UserName');
  if (user) return (iam && findUser(iam, user)?.Arn) ?? iamArn(account, 'user', path, user);
  if (SELF_USER_OPERATIONS.has(req.operation) && caller.type === 'user') return caller.arn;
  const policyArn = param('PolicyArn');
  if (policyArn) return policyArn;
  const policyName = param('PolicyName');
  if (req.operation === 'CreatePolicy' && policyName) return iamArn(account, 'policy', path, policyName);
  return '*';
}
