/**
 * The access paths the tour proves with real calls: an Identity Center user's device sign-in
 * (SSO OIDC), the portal's role credentials, `sts:GetCallerIdentity` with any credentials, and
 * AssumeRole through `onramp assume`'s own code path.
 */
import { GetRoleCredentialsCommand, ListAccountRolesCommand, SSOClient } from '@aws-sdk/client-sso';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClients } from '../../aws/index.js';
import { parseAssumeInput } from '../../recipes/index.js';
import { autoApprovedDeviceSignIn, type Sandbox } from '../../sandbox/index.js';
import { assumeRole } from '../commands/assume.js';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Who these credentials are (sts:GetCallerIdentity). */
export async function whoAmI(sb: Sandbox, keys: Keys): Promise<string> {
  const sts = new STSClient({ ...sb.clientConfig(keys), maxAttempts: 1 });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? '';
  } finally {
    sts.destroy();
  }
}

/**
 * Signs `userName` in with the device flow, as `aws sso login` does, and returns the access token.
 * The sandbox auto-approves sign-ins as one configured user; the tour signs in several personas,
 * so that setting names the user for the length of one sign-in.
 */
export async function signIn(sb: Sandbox, startUrl: string, userName: string): Promise<string> {
  const options = sb.context.options;
  const previous = options.autoApprove;
  options.autoApprove = userName;
  try {
    return (await autoApprovedDeviceSignIn(sb.url, sb.region, startUrl, 'onramp-demo')).accessToken;
  } finally {
    options.autoApprove = previous;
  }
}

/** The portal's roles for an account, and credentials for one of them. */
export async function portalCredentials(
  sb: Sandbox,
  accessToken: string,
  accountId: string,
  roleName: string,
): Promise<{ roles: string[]; keys: Keys }> {
  const sso = new SSOClient({ endpoint: sb.url, region: sb.region, maxAttempts: 1 });
  try {
    const listed = await sso.send(new ListAccountRolesCommand({ accessToken, accountId }));
    const roles = (listed.roleList ?? []).map((r) => r.roleName ?? '').sort();
    const out = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey)
      throw new Error(`no credentials for ${roleName} in ${accountId}`);
    return {
      roles,
      keys: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: new Date(c.expiration ?? 0),
      },
    };
  } finally {
    sso.destroy();
  }
}

/** `onramp assume ROLE_ARN [--external-id X]` as `keys`; the credentials, or the OnrampError. */
export async function assumeAs(
  sb: Sandbox,
  keys: Keys,
  roleArn: string,
  options: { externalId?: string; sessionName?: string } = {},
): Promise<Keys> {
  const clients = new AwsClients(
    { endpointUrl: sb.url, region: sb.region, credentials: { ...keys } },
    { limiter: false, retry: { maxAttempts: 1 } },
  );
  try {
    const input = parseAssumeInput({ roleArn, ...options, format: 'env' }, 'onramp-demo');
    return await assumeRole(clients, input);
  } finally {
    await clients.destroy();
  }
}

/** Runs `fn` and returns the error it throws; fails when it succeeds. */
export async function refused(fn: () => Promise<unknown>, what: string): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error(`${what} succeeded, but it must be refused`);
}
