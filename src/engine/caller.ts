/**
 * Who runs onramp, as the blueprint's `${caller.arn}` needs it: a stable principal ARN, never a
 * session ARN. An assumed-role session (`arn:aws:sts::A:assumed-role/Name/session`) becomes the
 * role's own ARN, path included: the path is not in the session ARN, so GetRole tells it (an
 * Identity Center role lives under /aws-reserved/sso.amazonaws.com/…, which a trust policy must
 * spell exactly).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
import { GetRoleCommand } from '@aws-sdk/client-iam';
import type { AwsClients, CallerIdentity } from '../aws/clients.js';

export async function stableCallerArn(
  aws: AwsClients,
  me: CallerIdentity,
  signal?: AbortSignal,
): Promise<string> {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(me.arn);
  if (!m) return me.arn;
  const [, partition, account, roleName] = m;
  try {
    const r = await aws.call('iam', 'GetRole', (c) => c.send(new GetRoleCommand({ RoleName: roleName })), {
      what: `finding the path of role ${roleName}`,
      signal,
    });
    if (r.Role?.Arn) return r.Role.Arn;
  } catch {
    // Without iam:GetRole, fall back to AWS's known paths.
  }
  const path = roleName.startsWith('AWSReservedSSO_') ? '/aws-reserved/sso.amazonaws.com/' : '/';
  return `arn:${partition}:iam::${account}:role${path}${roleName}`;
}
