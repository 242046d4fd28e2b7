/** In-process operations other parts of the sandbox use (seeding). Placeholder until the service lands. */
import type { SandboxContext } from '../../service.js';

/** Enables an organization instance of IAM Identity Center with its identity store. */
export function createInstanceInternal(
  _ctx: SandboxContext,
  _input: { name?: string } = {},
): { instanceArn: string; identityStoreId: string } {
  throw new Error('sso-admin: not implemented yet');
}
