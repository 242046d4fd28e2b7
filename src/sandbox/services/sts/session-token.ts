/** sts:GetSessionToken and sts:GetAccessKeyInfo. */
import { AwsError } from '../../aws-error.js';
import type { SandboxRequest } from '../../service.js';
import { credentialsView, mintTemporaryCredential } from './credentials.js';
import { Validation } from './validation.js';

const DEFAULT_SECONDS = 43200;
/** Root's session tokens last at most an hour; longer requests are quietly shortened. */
const ROOT_MAX_SECONDS = 3600;

/**
 * Temporary credentials for the calling user (or root), acting as that same identity. Only
 * long-term keys may ask. https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
 */
export function getSessionToken(req: SandboxRequest) {
  const caller = req.caller!;
  const v = new Validation();
  const requested = v.integer(req.params.DurationSeconds, 'durationSeconds', { min: 900, max: 129600 });
  v.string(req.params.SerialNumber, 'serialNumber', { min: 9, max: 256, pattern: /^[\w+=/:,.@-]*$/ });
  v.string(req.params.TokenCode, 'tokenCode', { min: 6, max: 6, pattern: /^\d*$/ });
  v.check();
  if (req.credential?.sessionToken !== undefined || caller.type === 'assumed-role') {
    throw new AwsError('AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
  }
  let duration = requested ?? DEFAULT_SECONDS;
  if (caller.type === 'root') duration = Math.min(duration, ROOT_MAX_SECONDS);
  const credential = mintTemporaryCredential(req.ctx, { ...caller }, duration);
  return { Credentials: credentialsView(credential) };
}

/** The account an access key belongs to. */
export function getAccessKeyInfo(req: SandboxRequest) {
  const v = new Validation();
  const key = v.string(req.params.AccessKeyId, 'accessKeyId', {
    required: true,
    min: 16,
    max: 128,
    pattern: /^\w*$/,
  });
  v.check();
  const credential = req.ctx.world.credentials[key ?? ''];
  // AWS decodes the account from any key's id; the sandbox knows only the keys it issued.
  if (!credential) {
    throw new AwsError(
      'InvalidParameterValue',
      `The sandbox did not issue access key ${key}, so it cannot tell its account.`,
    );
  }
  return { Account: credential.principal.accountId };
}
