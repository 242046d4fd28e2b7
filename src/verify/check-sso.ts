/**
 * Identity Center paths, user or group → permission set → account: the principal and permission
 * set exist, the assignment exists, the permission set is provisioned there at its latest revision
 * and matches the blueprint; proven live with GetRoleCredentials when that user's token is at hand.
 */
import { suggest } from '../blueprint/edit-distance.js';
import {
  assignmentMissing,
  declaredResourceMissing,
  differsFromBlueprint,
  findingOf,
  identityCenterNotEnabled,
  identityStoreAccessDenied,
  permissionSetNotProvisioned,
} from './catalog/index.js';
import { permissionSetDrift } from './drift.js';
import { AccessDeniedRead, type PermissionSetView } from './read-sso.js';
import { addFinding, fail, liveProbe, newResult, type RunState } from './run-state.js';
import type { AccessPath, PathResult } from './types.js';

/** The role session name the portal gives a user (see the sandbox's and AWS's federation). */
const sessionNameOf = (userName: string) => userName.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);

function psOnce(state: RunState, ps: PermissionSetView, result: PathResult, drift: string[]): void {
  const key = `permission set ${ps.name}`;
  if (!state.done.has(key)) {
    state.done.add(key);
    if (drift.length > 0) {
      addFinding(
        state,
        findingOf(
          differsFromBlueprint,
          key,
          `${ps.name}: ${drift.join('; ')}`,
          { kind: 'permission set', name: ps.name, differences: drift },
          [result.path.id],
        ),
      );
    }
  }
  for (const f of state.findings)
    if (f.subject === key && !result.codes.includes(f.code)) result.codes.push(f.code);
}

async function assignmentChecks(state: RunState, path: AccessPath, result: PathResult): Promise<void> {
  const sso = state.live.sso;
  if (path.target.kind !== 'permission-set' || path.principal.kind !== 'idc') return;
  const { permissionSet, accountId } = path.target;
  const { principalType, name } = path.principal;
  const instance = await sso.instance();
  if (!instance) {
    const callerAccount = state.live.caller.account;
    fail(
      state,
      result,
      findingOf(
        identityCenterNotEnabled,
        `region ${state.live.clients.region}`,
        `no IAM Identity Center instance in ${state.live.clients.region}`,
        {
          region: state.live.clients.region,
          callerAccount,
        },
      ),
    );
    return;
  }
  const psMap = await sso.permissionSets();
  const ps = psMap.get(permissionSet);
  const ids = principalType === 'USER' ? await sso.users() : await sso.groups();
  const principalId = ids.get(name);
  const missing = (
    kind: 'permission set' | 'Identity Center user' | 'Identity Center group',
    n: string,
    all: Iterable<string>,
  ) =>
    fail(
      state,
      result,
      findingOf(
        declaredResourceMissing,
        `${kind} ${n}`,
        `${kind} ${n} does not exist`,
        { kind, name: n, nearest: suggest(n, all) },
        [path.id],
      ),
    );
  if (!ps) missing('permission set', permissionSet, psMap.keys());
  if (!principalId)
    missing(principalType === 'USER' ? 'Identity Center user' : 'Identity Center group', name, ids.keys());
  if (!ps || !principalId) return;
  result.config.push(
    `${principalType.toLowerCase()} ${name} is ${principalId}`,
    `permission set ${ps.name} is ${ps.arn}`,
  );
  const declared = state.desired.get(`sso/permission-set/${ps.name}`);
  if (declared?.kind === 'AWS::SSO::PermissionSet')
    psOnce(state, ps, result, permissionSetDrift(declared.props, ps, await sso.policies(ps)));
  if (!(await sso.assignments(ps, accountId)).has(`${principalType}:${principalId}`)) {
    fail(
      state,
      result,
      findingOf(
        assignmentMissing,
        `assignment ${ps.name}/${principalType}/${name}/${accountId}`,
        `${name} is not assigned ${ps.name} in ${accountId}`,
        {
          permissionSet: ps.name,
          principalType,
          principalName: name,
          principalId,
          accountId,
          instanceArn: instance.arn,
          permissionSetArn: ps.arn,
        },
        [path.id],
      ),
    );
    return;
  }
  result.config.push('assignment exists');
  const prov = await sso.provisioning(ps);
  const state_ = prov.outdated.has(accountId) ? 'outdated' : prov.all.has(accountId) ? undefined : 'missing';
  if (state_) {
    fail(
      state,
      result,
      findingOf(
        permissionSetNotProvisioned,
        `permission set ${ps.name} in ${accountId}`,
        `${ps.name} in ${accountId} is ${state_ === 'outdated' ? 'an outdated revision' : 'not provisioned'}`,
        {
          permissionSet: ps.name,
          permissionSetArn: ps.arn,
          instanceArn: instance.arn,
          accountId,
          state: state_,
        },
        [path.id],
      ),
    );
  } else {
    result.config.push('provisioned at the latest revision');
  }
  if (!state.liveProbes) return;
  const accepts =
    principalType === 'USER'
      ? async (u: string) => u === sessionNameOf(name)
      : async (u: string) => {
          const users = await sso.users();
          const id = [...users].find(([n]) => sessionNameOf(n) === u)?.[1];
          return id !== undefined && (await sso.groupMembers(principalId)).has(id);
        };
  const use =
    state.tokens.size > 0 ? await state.tokens.credentialsFor(accountId, ps.name, accepts) : undefined;
  if (!use) {
    result.notes.push(
      `not proven live: no token for ${principalType === 'USER' ? `user ${name}` : `a member of ${name}`}`,
    );
    return;
  }
  liveProbe(result, {
    request: `GetRoleCredentials as ${use.userName}`,
    expected: 'Allow',
    answer: use.answer,
    attempts: use.attempts,
  });
  if (use.answer !== 'Allow' && result.status === 'ok') {
    result.status = 'failed';
    result.notes.push(
      `GetRoleCredentials answered ${use.answer} (${use.message ?? ''}) although the assignment is provisioned`,
    );
  }
}

export async function checkAssignmentPath(state: RunState, path: AccessPath): Promise<PathResult> {
  const result = newResult(path, state.live.caller.arn);
  try {
    await assignmentChecks(state, path, result);
  } catch (e) {
    if (!(e instanceof AccessDeniedRead)) throw e;
    fail(state, result, deniedFinding(state, e, [path.id]));
  }
  return result;
}

/** ONR-D002 for a denied Identity Center read. */
export function deniedFinding(state: RunState, e: AccessDeniedRead, paths: string[] = []) {
  return findingOf(
    identityStoreAccessDenied,
    `caller ${state.live.caller.arn}`,
    `${e.denied.action} is denied to ${state.live.caller.arn}`,
    { action: e.denied.action, caller: state.live.caller.arn, error: e.denied.error },
    paths,
  );
}
