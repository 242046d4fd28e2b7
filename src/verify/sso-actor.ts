/**
 * A session of a permission set in an account, as STS sees it: the account's AWSReservedSSO role
 * with the policies actually provisioned there. When the permission set was never provisioned to
 * the account, its policies as Identity Center holds them stand in.
 */

import { isUnreadable, type RoleView } from './read-iam.js';
import { AccessDeniedRead } from './read-sso.js';
import type { Actor } from './request.js';
import type { RunState } from './run-state.js';
import type { PathResult } from './types.js';

/** The instance and permission set ARNs, for fixes; empty when Identity Center is not readable. */
export async function ssoMeta(
  state: RunState,
  permissionSet: string,
): Promise<{ instanceArn?: string; permissionSetArn?: string }> {
  try {
    const instance = await state.live.sso.instance();
    const ps = instance ? (await state.live.sso.permissionSets()).get(permissionSet) : undefined;
    return {
      ...(instance ? { instanceArn: instance.arn } : {}),
      ...(ps ? { permissionSetArn: ps.arn } : {}),
    };
  } catch (e) {
    if (e instanceof AccessDeniedRead) return {};
    throw e;
  }
}

async function fromIdentityCenter(
  state: RunState,
  permissionSet: string,
  accountId: string,
): Promise<RoleView | undefined> {
  try {
    const ps = (await state.live.sso.permissionSets()).get(permissionSet);
    if (!ps) return undefined;
    const policies = await state.live.sso.policies(ps);
    const name = `AWSReservedSSO_${permissionSet}_0000000000000000`;
    return {
      arn: `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/${name}`,
      name,
      path: '/aws-reserved/sso.amazonaws.com/',
      roleId: '',
      trust: { Statement: [] },
      attached: [
        ...policies.managed,
        ...policies.customerManaged.map((c) => `arn:aws:iam::${accountId}:policy${c.path}${c.name}`),
      ],
      inline: policies.inline ? { AwsSSOInlinePolicy: JSON.parse(policies.inline) } : {},
      tags: {},
    };
  } catch (e) {
    if (e instanceof AccessDeniedRead) return undefined;
    throw e;
  }
}

export async function ssoActor(
  state: RunState,
  result: PathResult,
  permissionSet: string,
  accountId: string,
  sessionName: string,
): Promise<Actor | undefined> {
  const reserved = await state.live.reservedRole(permissionSet, accountId);
  if (isUnreadable(reserved)) {
    if (!result.notes.some((n) => n.startsWith('account')))
      result.notes.push(`account ${accountId} is not readable: ${reserved.reason}`);
    return undefined;
  }
  let role = reserved;
  if (role) {
    const line = `${role.name} provisioned in ${accountId}`;
    if (!result.config.includes(line)) result.config.push(line);
  } else {
    role = await fromIdentityCenter(state, permissionSet, accountId);
    const note = `${permissionSet} is not provisioned to ${accountId}: evaluated the permission set's own policies`;
    if (!result.notes.includes(note)) result.notes.push(note);
  }
  return role ? state.live.roleActor('sso-role', role, sessionName) : undefined;
}
