/**
 * The AWS access portal API (ListAccounts, ListAccountRoles, GetRoleCredentials, Logout) and the
 * SSO OIDC client, through the engine's AwsClients so every call is rate limited (the portal at
 * 20 TPS by default), retried with backoff on throttles, and counted.
 * https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/welcome.html
 */
import type { GetRoleCredentialsCommandOutput } from '@aws-sdk/client-sso';
import { awsErrorName } from '../aws/classify.js';
import { AwsClients, type AwsClientsOptions } from '../aws/clients.js';
import { OnrampError } from '../core/errors.js';
import type { RoleCredentials } from './credential-cache.js';
import { loginCommand, type SsoSessionConfig } from './session-config.js';
import { clockOf, endpointFor, type SsoContext } from './sso-context.js';
import { SsoUserError } from './user-errors.js';

/** The portal and OIDC clients of one sso_region. */
export interface SsoApis {
  portal: AwsClients;
  oidc: AwsClients;
  destroy(): Promise<void>;
}

export function ssoApis(
  ctx: SsoContext,
  region: string,
  options: Pick<AwsClientsOptions, 'retry' | 'random'> = {},
): SsoApis {
  const opts: AwsClientsOptions = { clock: clockOf(ctx), rates: ctx.rates, ...options };
  // The portal and OIDC take bearer tokens / client secrets, never SigV4: no credential chain.
  const noCreds = async () => ({ accessKeyId: 'unused', secretAccessKey: 'unused' });
  const portal = new AwsClients(
    { region, endpointUrl: endpointFor(ctx, 'SSO')?.url, credentials: noCreds },
    opts,
  );
  const oidc = new AwsClients(
    { region, endpointUrl: endpointFor(ctx, 'SSO_OIDC')?.url, credentials: noCreds },
    opts,
  );
  return {
    portal,
    oidc,
    destroy: async () => {
      await portal.destroy();
      await oidc.destroy();
    },
  };
}

export interface PortalAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
}

/** Maps the portal's token and access errors to onramp's, keeping the AWS error as the cause. */
export function portalError(e: unknown, session: SsoSessionConfig, doing: string): unknown {
  const name = awsErrorName(e);
  if (name === 'UnauthorizedException') {
    return new OnrampError(
      SsoUserError.notSignedIn,
      `${doing}: the portal rejected the SSO token (expired, signed out, or revoked)`,
      { hint: `sign in again: ${loginCommand(session)}`, source: session.source, cause: e },
    );
  }
  if (name === 'ForbiddenException') {
    return new OnrampError(SsoUserError.noAccess, `${doing}: no access`, {
      hint: 'you are not assigned this role in this account (or it is not provisioned yet); run onramp sso sync to refresh your profiles',
      source: session.source,
      cause: e,
    });
  }
  return e;
}

/** Every account the token's user may use, page by page (100 a page, the portal's maximum). */
export async function listAccounts(
  apis: SsoApis,
  session: SsoSessionConfig,
  accessToken: string,
  onPage?: () => void,
): Promise<PortalAccount[]> {
  const { ListAccountsCommand } = await import('@aws-sdk/client-sso');
  const out: PortalAccount[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await apis.portal.call(
        'sso',
        'ListAccounts',
        (c) => c.send(new ListAccountsCommand({ accessToken, maxResults: 100, nextToken })),
        { what: 'listing accounts in the AWS access portal' },
      );
      onPage?.();
      for (const a of page.accountList ?? []) {
        if (a.accountId) {
          out.push({
            accountId: a.accountId,
            accountName: a.accountName ?? '',
            emailAddress: a.emailAddress,
          });
        }
      }
      nextToken = page.nextToken || undefined;
    } while (nextToken);
  } catch (e) {
    throw portalError(e, session, 'listing accounts in the AWS access portal');
  }
  return out;
}

/** The roles (permission set names) the user may use in one account. */
export async function listAccountRoles(
  apis: SsoApis,
  session: SsoSessionConfig,
  accessToken: string,
  accountId: string,
): Promise<string[]> {
  const { ListAccountRolesCommand } = await import('@aws-sdk/client-sso');
  const roles: string[] = [];
  let nextToken: string | undefined;
  const what = `listing roles of account ${accountId} in the AWS access portal`;
  try {
    do {
      const page = await apis.portal.call(
        'sso',
        'ListAccountRoles',
        (c) => c.send(new ListAccountRolesCommand({ accessToken, accountId, maxResults: 100, nextToken })),
        { what },
      );
      for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
      nextToken = page.nextToken || undefined;
    } while (nextToken);
  } catch (e) {
    throw portalError(e, session, what);
  }
  return roles;
}

/** GetRoleCredentials: short-term keys for one account and role. */
export async function getRoleCredentials(
  apis: SsoApis,
  session: SsoSessionConfig,
  accessToken: string,
  accountId: string,
  roleName: string,
): Promise<RoleCredentials> {
  const { GetRoleCredentialsCommand } = await import('@aws-sdk/client-sso');
  const what = `getting credentials for role ${roleName} in account ${accountId}`;
  let out: GetRoleCredentialsCommandOutput;
  try {
    out = await apis.portal.call(
      'sso',
      'GetRoleCredentials',
      (c) => c.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName })),
      { what },
    );
  } catch (e) {
    throw portalError(e, session, what);
  }
  const c = out.roleCredentials;
  if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || typeof c.expiration !== 'number') {
    throw new OnrampError(SsoUserError.noAccess, `${what}: the portal returned no credentials`, {
      source: session.source,
    });
  }
  return {
    accessKeyId: String(c.accessKeyId),
    secretAccessKey: String(c.secretAccessKey),
    sessionToken: String(c.sessionToken),
    // The portal alone gives epoch milliseconds (GetRoleCredentials' RoleCredentials.expiration).
    expiration: new Date(c.expiration),
    accountId,
  };
}

/** Logout: ends the portal session of this token (credentials already issued stay valid). */
export async function portalLogout(apis: SsoApis, accessToken: string): Promise<void> {
  const { LogoutCommand } = await import('@aws-sdk/client-sso');
  await apis.portal.call('sso', 'Logout', (c) => c.send(new LogoutCommand({ accessToken })), {
    what: 'signing out of the AWS access portal',
  });
}
