/**
 * Test helpers: callers other than the sandbox admin (an IAM user with a given policy, a role
 * session), and small SDK steps the acceptance tests break things with. Excluded from the build.
 */
import * as iamApi from '@aws-sdk/client-iam';
import * as ssoApi from '@aws-sdk/client-sso-admin';
import type { Sandbox } from '../sandbox/sandbox.js';
import type { World } from './test-world.js';

export type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const admin = (sb: Sandbox) => new iamApi.IAMClient({ ...sb.clientConfig(), maxAttempts: 1 });

/** An IAM user in the management account with one inline policy (and optionally a boundary), and its keys. */
export async function userWithPolicy(
  sb: Sandbox,
  name: string,
  document: unknown,
  boundaryArn?: string,
): Promise<{ arn: string; creds: Creds }> {
  const iam = admin(sb);
  const u = await iam.send(new iamApi.CreateUserCommand({ UserName: name }));
  await iam.send(
    new iamApi.PutUserPolicyCommand({
      UserName: name,
      PolicyName: 'access',
      PolicyDocument: JSON.stringify(document),
    }),
  );
  if (boundaryArn)
    await iam.send(
      new iamApi.PutUserPermissionsBoundaryCommand({ UserName: name, PermissionsBoundary: boundaryArn }),
    );
  const k = await iam.send(new iamApi.CreateAccessKeyCommand({ UserName: name }));
  iam.destroy();
  return {
    arn: u.User!.Arn!,
    creds: { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! },
  };
}

/** A role `Admin` in the management account, trusted by the account, with AdministratorAccess. */
export async function adminRole(sb: Sandbox): Promise<string> {
  const iam = admin(sb);
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${sb.admin.accountId}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  };
  const r = await iam.send(
    new iamApi.CreateRoleCommand({ RoleName: 'Admin', AssumeRolePolicyDocument: JSON.stringify(trust) }),
  );
  await iam.send(
    new iamApi.AttachRolePolicyCommand({
      RoleName: 'Admin',
      PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    }),
  );
  iam.destroy();
  return r.Role!.Arn!;
}

/** Replaces a role's trust policy, as "Edit trust policy" in the console does. */
export async function setTrust(
  w: World,
  account: string,
  roleName: string,
  document: unknown,
): Promise<void> {
  const iam = await w.iam(account);
  await iam.send(
    new iamApi.UpdateAssumeRolePolicyCommand({
      RoleName: roleName,
      PolicyDocument: JSON.stringify(document),
    }),
  );
}

/** Deletes a role the way the console does: detach and delete its policies, then the role. */
export async function deleteRole(w: World, account: string, roleName: string): Promise<void> {
  const iam = await w.iam(account);
  const attached = await iam.send(new iamApi.ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  for (const p of attached.AttachedPolicies ?? []) {
    await iam.send(new iamApi.DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: p.PolicyArn }));
  }
  await iam.send(new iamApi.DeleteRoleCommand({ RoleName: roleName }));
}

/** ProvisionPermissionSet to every account it is provisioned to, and wait. */
export async function reprovision(w: World, permissionSet: string): Promise<void> {
  const out = await w.sso.send(
    new ssoApi.ProvisionPermissionSetCommand({
      InstanceArn: w.instanceArn,
      PermissionSetArn: w.permissionSetArn(permissionSet),
      TargetType: 'ALL_PROVISIONED_ACCOUNTS',
    }),
  );
  for (let i = 0; i < 50; i++) {
    const s = await w.sso.send(
      new ssoApi.DescribePermissionSetProvisioningStatusCommand({
        InstanceArn: w.instanceArn,
        ProvisionPermissionSetRequestId: out.PermissionSetProvisioningStatus!.RequestId,
      }),
    );
    if (s.PermissionSetProvisioningStatus?.Status === 'SUCCEEDED') return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('provisioning did not finish');
}
