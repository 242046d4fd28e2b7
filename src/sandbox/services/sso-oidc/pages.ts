/**
 * The sign-in pages a browser sees: the device verification page (/device) where the user enters or
 * confirms a user code, and the PKCE consent page (/authorize). Instead of a password the sandbox
 * asks which Identity Center user of the instance is signing in. With `autoApprove` set, device codes
 * are approved when issued and /authorize redirects at once.
 */
import { AwsError } from '../../aws-error.js';
import type { RawResponse, SandboxContext, SandboxRequest } from '../../service.js';
import {
  type AuthorizationRequest,
  AuthorizeError,
  grantAuthorizationCode,
  parseAuthorizationRequest,
  redirectTo,
} from './authorize.js';
import { approveDeviceCode, denyDeviceCode, normaliseUserCode, pendingDevice } from './device.js';
import {
  escapeHtml,
  formFields,
  hidden,
  htmlResponse,
  page,
  redirectResponse,
  userNameField,
} from './html.js';
import { findInstance, oidcState, startUrlOf } from './state.js';

function userNames(ctx: SandboxContext, identityStoreId: string): string[] {
  return Object.values(ctx.world.identityStore.users)
    .filter((u) => u.IdentityStoreId === identityStoreId)
    .map((u) => u.UserName)
    .sort();
}

function errorLine(message?: string): string {
  return message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : '';
}

function enterCodePage(status: number, message?: string): RawResponse {
  const body = `${errorLine(message)}
<form method="get" action="/device">
<label for="user_code">Code shown by your application</label>
<input id="user_code" name="user_code" autocomplete="off" required placeholder="ABCD-EFGH">
<button type="submit">Next</button></form>`;
  return htmlResponse(status, page('Sign in to the AWS access portal', body));
}

function confirmDevicePage(
  ctx: SandboxContext,
  userCode: string,
  status = 200,
  message?: string,
): RawResponse {
  const device = pendingDevice(ctx, userCode);
  if (!device)
    return enterCodePage(status === 200 ? 400 : status, message ?? 'That code is not valid or has expired.');
  const client = oidcState(ctx.world).clients[device.clientId];
  const instance = findInstance(ctx.world, device.instanceArn);
  const body = `${errorLine(message)}
<p>An application${client ? ` (<strong>${escapeHtml(client.clientName)}</strong>)` : ''} asks to access
${instance ? escapeHtml(startUrlOf(instance)) : 'the AWS access portal'} on your behalf.</p>
<p>Make sure it shows this code:</p><p class="code">${escapeHtml(device.userCode)}</p>
<form method="post" action="/device/approve">${hidden('user_code', device.userCode)}
${userNameField(userNames(ctx, device.identityStoreId))}
<button type="submit" name="decision" value="approve">Allow access</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button></form>`;
  return htmlResponse(status, page('Authorize request', body));
}

/** GET /device[?user_code=…] */
export function devicePage(req: SandboxRequest): RawResponse {
  const code = req.query.get('user_code');
  return code ? confirmDevicePage(req.ctx, normaliseUserCode(code)) : enterCodePage(200);
}

/** POST /device/approve (form: user_code, user_name, decision=approve|deny) */
export function deviceDecision(req: SandboxRequest): RawResponse {
  const form = formFields(req);
  const code = normaliseUserCode(form.user_code ?? '');
  try {
    if (form.decision === 'deny') {
      denyDeviceCode(req.ctx, code);
      return htmlResponse(200, page('Request denied', '<p>The application was not given access.</p>'));
    }
    approveDeviceCode(req.ctx, code, form.user_name ?? '');
  } catch (e) {
    if (e instanceof AwsError) return confirmDevicePage(req.ctx, code, 400, e.message);
    throw e;
  }
  return htmlResponse(
    200,
    page('Request approved', '<p>You can close this window and return to your application.</p>'),
  );
}

function authorizeErrorResponse(e: AuthorizeError): RawResponse {
  if (e.redirect) {
    return redirectResponse(
      redirectTo(e.redirect.uri, { error: e.error, error_description: e.message, state: e.redirect.state }),
    );
  }
  return htmlResponse(400, page('Cannot sign in', errorLine(`${e.error}: ${e.message}`)));
}

const AUTHORIZE_FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scopes',
];

function consentPage(
  ctx: SandboxContext,
  q: Record<string, string>,
  request: AuthorizationRequest,
  message?: string,
) {
  const body = `${errorLine(message)}
<p><strong>${escapeHtml(request.client.clientName)}</strong> asks to access
${escapeHtml(startUrlOf(request.instance))} on your behalf${
    request.scopes.length ? ` (scopes: ${escapeHtml(request.scopes.join(' '))})` : ''
  }.</p>
<form method="post" action="/authorize/approve">${AUTHORIZE_FIELDS.map((f) => hidden(f, q[f])).join('')}
${userNameField(userNames(ctx, request.instance.IdentityStoreId), q.user_name)}
<button type="submit" name="decision" value="approve">Allow access</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button></form>`;
  return htmlResponse(message ? 400 : 200, page('Allow access?', body));
}

/** GET /authorize?response_type=code&client_id&redirect_uri&state&code_challenge&code_challenge_method&scopes */
export function authorizePage(req: SandboxRequest): RawResponse {
  const q = formFields(req);
  try {
    const request = parseAuthorizationRequest(req.ctx, q);
    const auto = req.ctx.options.autoApprove;
    if (auto) return redirectResponse(grantAuthorizationCode(req.ctx, request, auto));
    return consentPage(req.ctx, q, request);
  } catch (e) {
    if (e instanceof AuthorizeError) return authorizeErrorResponse(e);
    throw e;
  }
}

/** POST /authorize/approve: the consent form, re-validated in full before a code is issued. */
export function authorizeDecision(req: SandboxRequest): RawResponse {
  const form = formFields(req);
  let request: AuthorizationRequest;
  try {
    request = parseAuthorizationRequest(req.ctx, form);
  } catch (e) {
    if (e instanceof AuthorizeError) return authorizeErrorResponse(e);
    throw e;
  }
  if (form.decision !== 'approve') {
    return authorizeErrorResponse(
      new AuthorizeError('access_denied', 'The user denied access.', {
        uri: request.redirectUri,
        state: request.state,
      }),
    );
  }
  try {
    return redirectResponse(grantAuthorizationCode(req.ctx, request, form.user_name ?? ''));
  } catch (e) {
    if (e instanceof AuthorizeError) return consentPage(req.ctx, form, request, e.message);
    throw e;
  }
}
