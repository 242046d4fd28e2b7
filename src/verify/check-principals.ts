/**
 * Role paths by principal kind: a vendor or foreign account (offline only, plus what the caller can
 * prove live about ExternalId), a specific role or user (offline, and live through the role when
 * the caller can assume it), and a permission set's SSO sessions (live with a cached SSO token).
 */
import type { LabelledPolicy } from '../policy/types.js';
import { findingOf, roleNotFound } from './catalog/index.js';
import { conclude, proveAllowed } from './conclude.js';
import { diagnoseExternalId } from './diagnose.js';
import { assumeLive, contextFor } from './probe.js';
import { isUnreadable, type RoleView } from './read-iam.js';
import { type Actor, evaluateAssume } from './request.js';
import { fail, liveProbe, offline, type RunState } from './run-state.js';
import { ssoActor, ssoMeta } from './sso-actor.js';
import type { ExternalIdCase, PathResult } from './types.js';

/** An ExternalId no vendor would send: the "wrong one" case. */
export const WRONG_EXTERNAL_ID = 'onramp-verify-not-the-external-id';

export async function checkForeignPrincipal(
  state: RunState,
  result: PathResult,
  arn: string,
  trust?: LabelledPolicy,
): Promise<void> {
  const path = result.path;
  const p = path.principal;
  if (p.kind !== 'vendor' && p.kind !== 'account') return;
  const actor = await state.live.foreignActor(p.kind, p.account);
  const role = { arn, trust: trust! };
  const sessionName = state.probe.sessionName;
  if (p.kind === 'account') {
    if (trust) {
      const d = evaluateAssume(actor, role, { sessionName });
      offline(result, `as a principal of account ${p.account}`, 'Allow', d);
      conclude(state, result, { arn, actor, trust, decision: d, expected: 'Allow' });
    }
    result.notes.push(`not proven live: the caller is not in account ${p.account}`);
    return;
  }
  const declared = path.externalId;
  const open = path.allowWithoutExternalId === true && declared === undefined;
  const decisions: Partial<Record<ExternalIdCase, ReturnType<typeof evaluateAssume>>> = {};
  if (trust) {
    const good = evaluateAssume(actor, role, {
      sessionName,
      ...(declared !== undefined ? { externalId: declared } : {}),
    });
    offline(
      result,
      `vendor ${p.account} with ${open ? 'no' : 'the declared'} ExternalId`,
      'Allow',
      good,
      open ? 'none' : 'declared',
    );
    conclude(state, result, { arn, actor, trust, decision: good, expected: 'Allow', externalId: 'declared' });
    if (!open) {
      decisions.none = evaluateAssume(actor, role, { sessionName });
      decisions.wrong = evaluateAssume(actor, role, { sessionName, externalId: WRONG_EXTERNAL_ID });
      offline(result, `vendor ${p.account} without an ExternalId`, 'Deny', decisions.none, 'none');
      offline(result, `vendor ${p.account} with a wrong ExternalId`, 'Deny', decisions.wrong, 'wrong');
    }
  }
  let callerAssumedWithout: boolean | undefined;
  const callerIsVendor = state.live.caller.account === p.account;
  if (!callerIsVendor)
    result.notes.push('with the declared ExternalId: not provable live (the caller is not the vendor)');
  if (state.liveProbes && !open) {
    const caller = await state.live.callerActor();
    // Run from the vendor's own account (a rehearsal), the declared ExternalId is provable too.
    const cases = callerIsVendor ? (['declared', 'none', 'wrong'] as const) : (['none', 'wrong'] as const);
    for (const c of cases) {
      if (c === 'declared') {
        const d =
          caller && trust ? evaluateAssume(caller, role, { sessionName, externalId: declared }) : undefined;
        if (d) offline(result, 'as the caller with the declared ExternalId', 'Allow', d, 'declared');
        const answer = await assumeLive(
          state.live.clients,
          arn,
          { externalId: declared, expectAllow: true },
          state.probe,
        );
        const live = liveProbe(result, {
          request: 'as the caller with the declared ExternalId',
          externalId: c,
          expected: 'Allow',
          answer: answer.answer,
          attempts: answer.attempts,
          ...(d ? { offline: d.decision } : {}),
        });
        conclude(state, result, {
          arn,
          actor: caller,
          trust,
          decision: d,
          live,
          externalId: c,
          expected: 'Allow',
        });
        continue;
      }
      const externalId = c === 'wrong' ? WRONG_EXTERNAL_ID : undefined;
      const d = caller && trust ? evaluateAssume(caller, role, { sessionName, externalId }) : undefined;
      if (d)
        offline(result, `as the caller with ${c === 'none' ? 'no' : 'a wrong'} ExternalId`, 'Deny', d, c);
      const answer = await assumeLive(
        state.live.clients,
        arn,
        { externalId, expectAllow: false },
        state.probe,
      );
      const live = liveProbe(result, {
        request: `as the caller with ${c === 'none' ? 'no' : 'a wrong'} ExternalId`,
        externalId: c,
        expected: 'Deny',
        answer: answer.answer,
        attempts: answer.attempts,
        ...(d ? { offline: d.decision } : {}),
      });
      if (answer.answer === 'Allow') callerAssumedWithout = true;
      conclude(state, result, {
        arn,
        actor: caller,
        trust,
        decision: d,
        live,
        externalId: c,
        expected: 'Deny',
      });
    }
  }
  if (decisions.none && decisions.wrong) {
    const f = diagnoseExternalId({
      pathId: path.id,
      roleArn: arn,
      vendorAccount: p.account,
      withoutId: decisions.none,
      wrongId: decisions.wrong,
      ...(callerAssumedWithout ? { callerAssumedWithout } : {}),
    });
    if (f) fail(state, result, f);
  }
}

/** The principal role or user, read live; a missing principal role is ONR-D006 too. */
async function principalActor(state: RunState, result: PathResult): Promise<Actor | undefined> {
  const p = result.path.principal;
  if (p.kind === 'user') return state.live.userActor(p.arn);
  if (p.kind !== 'role') return undefined;
  const account = p.arn.split(':')[4];
  const iam = await state.live.iam(account);
  if (isUnreadable(iam)) {
    result.notes.push(`the principal's account is not readable: ${iam.reason}`);
    return undefined;
  }
  const name = p.arn.slice(p.arn.lastIndexOf('/') + 1);
  const role: RoleView | undefined = iam.roles.get(name.toLowerCase());
  if (!role || role.arn !== p.arn) {
    fail(
      state,
      result,
      findingOf(
        roleNotFound,
        `role ${p.arn}`,
        `the trusted principal ${p.arn} does not exist`,
        {
          roleArn: p.arn,
          accountId: account,
          reason: role ? 'path' : 'name',
          nearest: role ? [role.name] : [],
          ...(role ? { existingArn: role.arn } : {}),
        },
        [result.path.id],
      ),
    );
    return undefined;
  }
  return state.live.roleActor('role', role, state.probe.sessionName);
}

export async function checkRolePrincipal(
  state: RunState,
  result: PathResult,
  arn: string,
  trust?: LabelledPolicy,
): Promise<void> {
  const p = result.path.principal;
  const actor = await principalActor(state, result);
  if (result.status === 'failed') return;
  const decision =
    actor && trust
      ? evaluateAssume(actor, { arn, trust }, { sessionName: state.probe.sessionName })
      : undefined;
  if (decision) offline(result, `as ${actor!.label}`, 'Allow', decision);
  if (p.kind !== 'role' || !state.liveProbes) {
    if (p.kind === 'user') result.notes.push('not proven live: onramp cannot act as another IAM user');
    conclude(state, result, { arn, actor, trust, decision, expected: 'Allow' });
    return;
  }
  const first = await assumeLive(state.live.clients, p.arn, { expectAllow: false }, state.probe);
  if (!first.credentials) {
    result.notes.push(`not proven live: the caller cannot assume ${p.arn} (${first.answer})`);
    conclude(state, result, { arn, actor, trust, decision, expected: 'Allow' });
    return;
  }
  const ctx = contextFor(state.live.clients, first.credentials, { clock: state.probe.clock });
  try {
    await proveAllowed(state, result, ctx, {
      arn,
      actor,
      trust,
      decision,
      request: `as ${actor?.label ?? p.arn}`,
    });
  } finally {
    await ctx.destroy();
  }
}

export async function checkSsoPrincipal(
  state: RunState,
  result: PathResult,
  arn: string,
  trust?: LabelledPolicy,
): Promise<void> {
  const p = result.path.principal;
  if (p.kind !== 'sso-role') return;
  const sso = {
    permissionSet: p.permissionSet,
    accountId: p.accountId,
    ...(await ssoMeta(state, p.permissionSet)),
  };
  const actor = await ssoActor(state, result, p.permissionSet, p.accountId, state.probe.sessionName);
  const decision =
    actor && trust
      ? evaluateAssume(actor, { arn, trust }, { sessionName: state.probe.sessionName })
      : undefined;
  if (decision) offline(result, `as a ${p.permissionSet} session in ${p.accountId}`, 'Allow', decision);
  const use =
    state.liveProbes && state.tokens.size > 0
      ? await state.tokens.credentialsFor(p.accountId, p.permissionSet)
      : undefined;
  if (!use?.credentials) {
    result.notes.push(
      use
        ? `not proven live: GetRoleCredentials answered ${use.answer}`
        : `not proven live: no token for a user with ${p.permissionSet} in ${p.accountId}`,
    );
    conclude(state, result, { arn, actor, trust, decision, sso, expected: 'Allow' });
    return;
  }
  const userActor =
    (await ssoActor(state, result, p.permissionSet, p.accountId, use.userName ?? 'unknown')) ?? actor;
  const userDecision =
    userActor && trust
      ? evaluateAssume(userActor, { arn, trust }, { sessionName: state.probe.sessionName })
      : undefined;
  const ctx = contextFor(state.live.clients, use.credentials, { clock: state.probe.clock });
  try {
    const answer = await assumeLive(ctx, arn, { expectAllow: true }, state.probe);
    const live = liveProbe(result, {
      request: `as ${userActor?.label ?? `${p.permissionSet} session of ${use.userName}`}`,
      expected: 'Allow',
      answer: answer.answer,
      attempts: answer.attempts,
      ...(userDecision ? { offline: userDecision.decision } : {}),
    });
    conclude(state, result, {
      arn,
      actor: userActor,
      trust,
      decision: userDecision,
      live,
      liveMessage: answer.message,
      sso,
      expected: 'Allow',
    });
  } finally {
    await ctx.destroy();
  }
}
