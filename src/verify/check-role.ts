/**
 * Paths that end in an IAM role: the role must exist where the ARN says (name, path, account), its
 * trust and policies must match the blueprint, the request the principal would make must be
 * allowed offline, and live where the caller can make it.
 */
import { suggest } from '../blueprint/edit-distance.js';
import type { LabelledPolicy } from '../policy/types.js';
import { differsFromBlueprint, type Finding, findingOf, roleNotFound } from './catalog/index.js';
import { checkForeignPrincipal, checkRolePrincipal, checkSsoPrincipal } from './check-principals.js';
import { conclude, proveAllowed } from './conclude.js';
import { diagnoseSessionTrust } from './diagnose.js';
import { roleDrift } from './drift.js';
import { isUnreadable, type RoleView } from './read-iam.js';
import { evaluateAssume } from './request.js';
import { addFinding, newResult, offline, type RunState } from './run-state.js';
import type { AccessPath, PathResult } from './types.js';

const ARN = /^arn:[\w-]+:iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/;

export type TargetState =
  | { kind: 'found'; role: RoleView }
  | { kind: 'missing'; finding: Finding }
  | { kind: 'unreadable'; reason: string };

/** Finds the role the ARN names; a miss says whether name, path or account is wrong. */
export async function readTarget(state: RunState, arn: string, pathIds: string[]): Promise<TargetState> {
  const m = ARN.exec(arn);
  if (!m) return { kind: 'unreadable', reason: `${arn} is not a role ARN` };
  const [, accountId, path, name] = m;
  const iam = await state.live.iam(accountId);
  if (isUnreadable(iam)) return { kind: 'unreadable', reason: iam.reason };
  const role = iam.roles.get(name.toLowerCase());
  if (role && role.path === path) return { kind: 'found', role };
  const missing = (reason: 'name' | 'path' | 'account', nearest: string[], existingArn?: string) => ({
    kind: 'missing' as const,
    finding: findingOf(
      roleNotFound,
      `role ${arn}`,
      `${arn} does not exist${existingArn ? `; ${existingArn} does` : nearest.length ? `; nearest: ${nearest.join(', ')}` : ''}`,
      { roleArn: arn, accountId, reason, nearest, ...(existingArn ? { existingArn } : {}) },
      pathIds,
    ),
  });
  if (role) return missing('path', [role.name], role.arn);
  // A near name in this account is the likelier mistake; only then look in the other accounts read.
  const nearest = suggest(
    name,
    [...iam.roles.values()].map((r) => r.name),
  );
  if (nearest.length > 0) return missing('name', nearest);
  for (const other of await state.live.loadedIam()) {
    const elsewhere = other.accountId !== accountId ? other.roles.get(name.toLowerCase()) : undefined;
    if (elsewhere) return missing('account', [elsewhere.name], elsewhere.arn);
  }
  return missing('name', []);
}

/** Drift and session trusts, once per role per run. */
function roleOnce(state: RunState, path: AccessPath, role: RoleView, result: PathResult): void {
  const key = `role ${role.arn}`;
  const add = (f: Finding) => {
    addFinding(state, f);
    if (!result.codes.includes(f.code)) result.codes.push(f.code);
  };
  if (state.done.has(key)) {
    for (const f of state.findings)
      if (f.subject === key && !result.codes.includes(f.code)) result.codes.push(f.code);
    return;
  }
  state.done.add(key);
  for (const f of diagnoseSessionTrust(role.arn, role.trust, [path.id])) add(f);
  const declared =
    path.target.kind === 'role' && path.target.declared ? state.desired.get(path.target.declared) : undefined;
  if (declared?.kind !== 'AWS::IAM::Role') return;
  const differences = roleDrift(declared.props, role);
  if (differences.length > 0) {
    add(
      findingOf(
        differsFromBlueprint,
        key,
        `${role.name}: ${differences.join('; ')}`,
        { kind: 'IAM role', name: role.arn, differences },
        [path.id],
      ),
    );
  }
}

async function checkCaller(
  state: RunState,
  result: PathResult,
  arn: string,
  trust?: LabelledPolicy,
): Promise<void> {
  const actor = await state.live.callerActor();
  const decision =
    actor && trust
      ? evaluateAssume(actor, { arn, trust }, { sessionName: state.probe.sessionName })
      : undefined;
  if (decision) offline(result, 'as the caller', 'Allow', decision);
  if (!actor) result.notes.push("offline evaluation skipped: the caller's own policies are not readable");
  if (!state.liveProbes) {
    conclude(state, result, { arn, actor, trust, decision, expected: 'Allow' });
    return;
  }
  await proveAllowed(state, result, state.live.clients, {
    arn,
    actor,
    trust,
    decision,
    request: 'as the caller',
  });
}

/** Checks one path whose target is a role. */
export async function checkRolePath(state: RunState, path: AccessPath): Promise<PathResult> {
  const result = newResult(path, state.live.caller.arn);
  if (path.target.kind !== 'role') return result;
  const arn = path.target.arn;
  const target = await readTarget(state, arn, [path.id]);
  if (target.kind === 'missing') {
    addFinding(state, target.finding);
    result.status = 'failed';
    result.codes.push(target.finding.code);
    return result;
  }
  let trust: LabelledPolicy | undefined;
  if (target.kind === 'found') {
    result.config.push(`role exists (path ${target.role.path})`);
    trust = { id: `trust policy of ${target.role.arn}`, document: target.role.trust };
    roleOnce(state, path, target.role, result);
  } else {
    result.notes.push(`the role's account is not readable: ${target.reason}`);
  }
  const p = path.principal;
  if (p.kind === 'caller') await checkCaller(state, result, arn, trust);
  else if (p.kind === 'vendor' || p.kind === 'account')
    await checkForeignPrincipal(state, result, arn, trust);
  else if (p.kind === 'role' || p.kind === 'user') await checkRolePrincipal(state, result, arn, trust);
  else if (p.kind === 'sso-role') await checkSsoPrincipal(state, result, arn, trust);
  if (result.status !== 'failed' && result.offline.length === 0 && result.live.length === 0)
    result.status = 'unknown';
  return result;
}
