/**
 * Turning one request's offline decision and live answer into the path's verdict: agreement, or the
 * finding that explains the refusal.
 */

import type { AwsClients } from '../aws/clients.js';
import type { Decision, LabelledPolicy } from '../policy/types.js';
import { accountUnreachable, findingOf, offlineLiveDisagree } from './catalog/index.js';
import { type DenialContext, diagnoseDenial } from './diagnose.js';
import { assumeLive } from './probe.js';
import { type Actor, accountTrust, evaluateAssume } from './request.js';
import { fail, liveProbe, type RunState } from './run-state.js';
import type { ExternalIdCase, LiveProbe, PathResult } from './types.js';

export interface Outcome {
  arn: string;
  actor?: Actor;
  trust?: LabelledPolicy;
  decision?: Decision;
  live?: LiveProbe;
  liveMessage?: string;
  externalId?: ExternalIdCase;
  sso?: DenialContext['sso'];
  /** What the path promises for this request. */
  expected: 'Allow' | 'Deny';
}

/** Records why the request did not get the promised answer (nothing when it did). */
export function conclude(state: RunState, result: PathResult, o: Outcome): void {
  const pathId = result.path.id;
  if (o.live && o.decision && o.live.agrees === false) {
    fail(
      state,
      result,
      findingOf(
        offlineLiveDisagree,
        `role ${o.arn}`,
        `offline ${o.decision.decision}, live ${o.live.answer} for ${o.actor?.label ?? 'the caller'}`,
        {
          principal: o.actor?.label ?? state.live.caller.arn,
          roleArn: o.arn,
          externalId: o.externalId ?? 'none',
          offline: o.decision.decision,
          offlineReason: o.decision.reason,
          live: o.live.answer,
          attempts: o.live.attempts,
        },
        [pathId],
      ),
    );
    return;
  }
  const answer = o.live
    ? o.live.answer === 'Allow'
      ? 'Allow'
      : 'Deny'
    : o.decision
      ? o.decision.decision === 'Allow'
        ? 'Allow'
        : 'Deny'
      : undefined;
  if (answer === undefined || answer === o.expected) return;
  if (o.expected === 'Deny') return; // an unexpected Allow is diagnosed by the caller (e.g. ExternalId).
  if (o.decision && o.decision.decision !== 'Allow' && o.trust) {
    fail(
      state,
      result,
      diagnoseDenial({
        pathId,
        actor: o.actor!,
        roleArn: o.arn,
        decision: o.decision,
        trust: o.trust.document,
        sso: o.sso,
      }),
    );
    return;
  }
  if (o.trust && !o.decision) {
    // Denied live, and the principal's side could not be read to say why.
    result.status = 'failed';
    result.notes.push(
      `AWS answered ${o.live?.answer ?? 'Deny'}; the principal's policies are not readable, so onramp cannot say why`,
    );
    return;
  }
  if (!o.trust) {
    // The role's account could not be read: see whether the principal's own side explains it.
    if (o.actor) {
      const trust = accountTrust(o.arn, o.actor.principal.accountId);
      const d = evaluateAssume(o.actor, { arn: o.arn, trust }, { sessionName: state.probe.sessionName });
      if (d.decision !== 'Allow') {
        fail(
          state,
          result,
          diagnoseDenial({
            pathId,
            actor: o.actor,
            roleArn: o.arn,
            decision: d,
            trust: trust.document,
            sso: o.sso,
          }),
        );
        return;
      }
    }
    const accountId = o.arn.split(':')[4];
    fail(
      state,
      result,
      findingOf(
        accountUnreachable,
        `account ${accountId}`,
        `${o.arn} cannot be assumed and account ${accountId} cannot be read`,
        {
          accountId,
          roleArn: o.arn,
          caller: state.live.caller.arn,
          error: o.liveMessage ?? o.live?.answer ?? 'not readable',
        },
        [pathId],
      ),
    );
  }
}

/**
 * Proves live that `clients` may assume `o.arn` (retrying while IAM propagates), records the probe
 * beside the offline decision, and concludes the path.
 */
export async function proveAllowed(
  state: RunState,
  result: PathResult,
  clients: AwsClients,
  o: Pick<Outcome, 'arn' | 'actor' | 'trust' | 'decision'> & { request: string },
): Promise<void> {
  const answer = await assumeLive(clients, o.arn, { expectAllow: true }, state.probe);
  const live = liveProbe(result, {
    request: o.request,
    expected: 'Allow',
    answer: answer.answer,
    attempts: answer.attempts,
    ...(o.decision ? { offline: o.decision.decision } : {}),
  });
  conclude(state, result, {
    arn: o.arn,
    actor: o.actor,
    trust: o.trust,
    decision: o.decision,
    live,
    liveMessage: answer.message,
    expected: 'Allow',
  });
}
