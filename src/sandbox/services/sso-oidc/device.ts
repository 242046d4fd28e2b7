/**
 * The device authorization grant (RFC 8628) as IAM Identity Center runs it: StartDeviceAuthorization
 * hands out a device code and a user code; the user approves the code on the verification page (here
 * the sandbox's own /device page); the client polls CreateToken.
 * https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_StartDeviceAuthorization.html
 */
import { AwsError } from '../../aws-error.js';
import type { SandboxContext, SandboxRequest } from '../../service.js';
import { oidcError } from './errors.js';
import type { DeviceAuthorization } from './model.js';
import { authenticateClient, clientAllows, GRANT_DEVICE_CODE, requireString } from './register.js';
import { randomToken, sha256 } from './secrets.js';
import { findUserByName, instanceForStartUrl, oidcState, purgeExpired } from './state.js';

/** AWS's device codes live 10 minutes. */
const DEVICE_CODE_SECONDS = 600;
/**
 * AWS tells clients to poll every 5 seconds (sometimes 1); the sandbox always says 1 so scripted
 * sign-ins finish quickly. Polling faster than this still earns SlowDownException.
 */
export const POLL_INTERVAL_SECONDS = 1;
/** Consonants only, so a user code never spells a word; 20^8 codes. */
const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

function userCode(ctx: SandboxContext): string {
  let code = '';
  for (let i = 0; i < 8; i++)
    code += USER_CODE_LETTERS[Number.parseInt(ctx.ids.hex(4), 16) % USER_CODE_LETTERS.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** "abcd efgh", "ABCDEFGH" and "ABCD-EFGH" all name the same user code. */
export function normaliseUserCode(code: string): string {
  const letters = code.toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : code.trim().toUpperCase();
}

export function startDeviceAuthorization(req: SandboxRequest): unknown {
  const { ctx, params } = req;
  const clientId = requireString(params, 'clientId');
  const clientSecret = requireString(params, 'clientSecret');
  const startUrl = requireString(params, 'startUrl');
  const client = authenticateClient(ctx, clientId, clientSecret);
  if (!clientAllows(client, GRANT_DEVICE_CODE)) {
    throw oidcError('UnauthorizedClientException', 'Client is not registered for the device code grant');
  }
  const instance = instanceForStartUrl(ctx.world, startUrl);
  if (!instance) throw oidcError('InvalidRequestException', `Invalid start URL: ${startUrl}`);

  const now = ctx.clock.now();
  purgeExpired(ctx.world, now);
  const state = oidcState(ctx.world);
  const pending = new Set(Object.values(state.devices).map((d) => d.userCode));
  let code = userCode(ctx);
  while (pending.has(code)) code = userCode(ctx);
  const deviceCode = randomToken(ctx, 48);
  const device: DeviceAuthorization = {
    codeHash: sha256(deviceCode),
    userCode: code,
    clientId,
    instanceArn: instance.InstanceArn,
    identityStoreId: instance.IdentityStoreId,
    scopes: [...client.scopes],
    status: 'pending',
    intervalSeconds: POLL_INTERVAL_SECONDS,
    expiresAt: now + DEVICE_CODE_SECONDS * 1000,
  };
  state.devices[device.codeHash] = device;

  const auto = ctx.options.autoApprove;
  if (auto) {
    try {
      approveDeviceCode(ctx, code, auto);
    } catch (e) {
      ctx.log(`sso-oidc: auto-approve as ${auto} failed: ${(e as Error).message}`);
    }
  }
  const verificationUri = `${ctx.endpoint()}/device`;
  return {
    deviceCode,
    userCode: code,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(code)}`,
    expiresIn: DEVICE_CODE_SECONDS,
    interval: POLL_INTERVAL_SECONDS,
  };
}

/** The pending device authorization a user code names, if it is still waiting for a decision. */
export function pendingDevice(ctx: SandboxContext, code: string): DeviceAuthorization | undefined {
  const wanted = normaliseUserCode(code);
  const now = ctx.clock.now();
  return Object.values(oidcState(ctx.world).devices).find(
    (d) => d.userCode === wanted && d.status === 'pending' && d.expiresAt > now,
  );
}

/**
 * Approves a waiting user code as the instance's user with this UserName, as if they had signed in
 * on the verification page (tests and scripts). Throws AwsError for an unknown code or user.
 */
export function approveDeviceCode(ctx: SandboxContext, code: string, userName: string): { userId: string } {
  const device = pendingDevice(ctx, code);
  if (!device) throw new AwsError('InvalidGrantException', `No pending sign-in for user code ${code}`);
  const user = findUserByName(ctx.world, device.identityStoreId, userName);
  if (!user) {
    throw new AwsError(
      'ResourceNotFoundException',
      `No user ${userName} in identity store ${device.identityStoreId}`,
    );
  }
  device.status = 'approved';
  device.userId = user.UserId;
  return { userId: user.UserId };
}

/** Denies a waiting user code: the client's next CreateToken gets AccessDeniedException. */
export function denyDeviceCode(ctx: SandboxContext, code: string): void {
  const device = pendingDevice(ctx, code);
  if (!device) throw new AwsError('InvalidGrantException', `No pending sign-in for user code ${code}`);
  device.status = 'denied';
}
