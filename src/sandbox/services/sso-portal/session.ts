/**
 * Who is calling the portal: the bearer access token in the x-amz-sso_bearer_token header, resolved
 * through SSO OIDC to its Identity Center user. AWS answers UnauthorizedException for a missing,
 * unknown, expired or logged-out token alike.
 * https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_ListAccounts.html
 */
import { AwsError } from '../../aws-error.js';
import type { SandboxRequest } from '../../service.js';
import type { IdsUser } from '../identitystore/model.js';
import { findUserById } from '../sso-oidc/state.js';
import { resolveAccessToken, type TokenGrant } from '../sso-oidc/tokens.js';

/** The scope that lets a token use the portal; tokens registered with other scopes only cannot. */
const PORTAL_SCOPE = 'sso:account:access';

export interface PortalSession {
  token: string;
  grant: TokenGrant;
  user: IdsUser;
}

function unauthorized(): AwsError {
  return new AwsError('UnauthorizedException', 'Session token not found or invalid', 401);
}

export function portalSession(req: SandboxRequest): PortalSession {
  const raw = req.headers['x-amz-sso_bearer_token'];
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (!token) throw unauthorized();
  const grant = resolveAccessToken(req.ctx, token);
  // Legacy sign-ins carry no scopes and may use the portal; scoped tokens need the portal's scope.
  if (!grant || (grant.scopes.length > 0 && !grant.scopes.includes(PORTAL_SCOPE))) throw unauthorized();
  const user = findUserById(req.ctx.world, grant.identityStoreId, grant.userId);
  if (!user) throw unauthorized();
  return { token, grant, user };
}
