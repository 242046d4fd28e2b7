/**
 * The AWS access portal API (service id "SSO", REST-JSON, bearer token instead of SigV4):
 * ListAccounts, ListAccountRoles, GetRoleCredentials and Logout, over the Identity Center
 * assignments and provisioned roles that sso-admin keeps.
 * https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/welcome.html
 */
import { AwsError } from '../../aws-error.js';
import type { SandboxRequest, ServiceDefinition } from '../../service.js';
import { revokeSession } from '../sso-oidc/tokens.js';
import { mintRoleCredentials, purgeExpiredPortalCredentials } from './credentials.js';
import { entitlementsOf } from './entitlements.js';
import { paginate } from './pagination.js';
import { portalSession } from './session.js';

function requireQuery(params: Record<string, unknown>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '')
    throw new AwsError('InvalidRequestException', `${name} is required`, 400);
  return v;
}

function listAccounts(req: SandboxRequest): unknown {
  const { grant } = portalSession(req);
  const ids = [...new Set(entitlementsOf(req.ctx, grant).map((e) => e.accountId))];
  const { page, nextToken } = paginate(ids, req.params, 'accounts');
  const accountList = page.map((id) => {
    const account = req.ctx.world.accounts[id];
    return { accountId: id, accountName: account?.name ?? id, emailAddress: account?.email };
  });
  return { accountList, nextToken };
}

function listAccountRoles(req: SandboxRequest): unknown {
  const { grant } = portalSession(req);
  const accountId = requireQuery(req.params, 'account_id');
  // An account the user has nothing in simply has no roles, as in AWS.
  const roles = entitlementsOf(req.ctx, grant).filter((e) => e.accountId === accountId);
  const { page, nextToken } = paginate(roles, req.params, `roles:${accountId}`);
  return { roleList: page.map((e) => ({ roleName: e.permissionSet.Name, accountId })), nextToken };
}

function getRoleCredentials(req: SandboxRequest): unknown {
  const { grant, user } = portalSession(req);
  const roleName = requireQuery(req.params, 'role_name');
  const accountId = requireQuery(req.params, 'account_id');
  const entitlement = entitlementsOf(req.ctx, grant).find(
    (e) => e.accountId === accountId && e.permissionSet.Name === roleName,
  );
  // Not in the model's error list, but it is what AWS answers (403 "No access") for a role or
  // account the user is not assigned; the SDKs surface it by name.
  if (!entitlement) throw new AwsError('ForbiddenException', 'No access', 403);
  purgeExpiredPortalCredentials(req.ctx);
  return { roleCredentials: mintRoleCredentials(req.ctx, entitlement, user) };
}

function logout(req: SandboxRequest): unknown {
  const { grant } = portalSession(req);
  // Credentials already handed out stay valid until they expire, as AWS documents for Logout.
  revokeSession(req.ctx, grant.sessionId);
  return {};
}

export const ssoPortalService: ServiceDefinition = {
  name: 'sso-portal',
  protocol: 'rest-json',
  auth: 'none',
  routes: [
    { method: 'GET', path: '/assignment/accounts', operation: 'ListAccounts' },
    { method: 'GET', path: '/assignment/roles', operation: 'ListAccountRoles' },
    { method: 'GET', path: '/federation/credentials', operation: 'GetRoleCredentials' },
    { method: 'POST', path: '/logout', operation: 'Logout' },
  ],
  throttle: { code: 'TooManyRequestsException', status: 429, message: 'Rate exceeded' },
  operations: {
    ListAccounts: listAccounts,
    ListAccountRoles: listAccountRoles,
    GetRoleCredentials: getRoleCredentials,
    Logout: logout,
  },
};
