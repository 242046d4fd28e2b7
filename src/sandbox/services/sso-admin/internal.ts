/** In-process operations other parts of the sandbox use (seeding). Placeholder until the service lands. */
import type { SandboxContext } from '../../service.js';

/** Enables an organization instance of IAM Identity Center with its identity store. */
export function createInstanceInternal(
  _ctx: SandboxContext,
  _input: { name?: string } = {},
): { instanceArn: string; identityStoreId: string } {
  throw new Error('sso-admin: not implemented yet');
}

/**
 * The AWSReservedSSO role a permission set was provisioned as in an account, if it is provisioned
 * there. The SSO portal mints credentials for it. (Placeholder until the service lands.)
 */
export function provisionedRoleName(
  _ctx: SandboxContext,
  _permissionSetArn: string,
  _accountId: string,
): string | undefined {
  throw new Error('sso-admin: not implemented yet');
}
