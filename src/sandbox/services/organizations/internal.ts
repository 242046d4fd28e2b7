/** In-process operations other parts of the sandbox use (seeding). Placeholder until the service lands. */
import type { SandboxContext } from '../../service.js';
import type { AccountState } from '../../world.js';

/** Makes the primary account the management account of a new organization (all features). */
export function createOrganizationInternal(_ctx: SandboxContext): void {
  throw new Error('organizations: not implemented yet');
}

/** Creates a member account at once (no asynchronous status), with OrganizationAccountAccessRole. */
export function createMemberAccountInternal(
  _ctx: SandboxContext,
  _input: { name: string; email: string },
): AccountState {
  throw new Error('organizations: not implemented yet');
}
