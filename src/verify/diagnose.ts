/**
 * From evaluator decisions and trust documents to catalog findings (pure). The decision's stage
 * says which part of AWS's evaluation refused; the principal's kind says which fix applies.
 */

import { statementsMatchingAction } from '../policy/diagnostics.js';
import { describeStatement } from '../policy/explain.js';
import { normaliseList, statementsOf } from '../policy/normalise.js';
import type { Decision, PolicyDocument } from '../policy/types.js';
import {
  boundaryOrSessionDenies,
  explicitDeny,
  externalIdNotEnforced,
  type Finding,
  findingOf,
  identityPolicyLacksAssumeRole,
  permissionSetPolicyMissingRole,
  scpDenies,
  trustDoesNotAllow,
  trustNamesSession,
} from './catalog/index.js';
import type { Actor } from './request.js';

export interface DenialContext {
  pathId: string;
  actor: Actor;
  roleArn: string;
  decision: Decision;
  trust: PolicyDocument;
  /** For sessions of a permission set's role. */
  sso?: { permissionSet: string; accountId: string; instanceArn?: string; permissionSetArn?: string };
}

/** The principals a trust policy names, for evidence. */
export function trustedPrincipals(trust: PolicyDocument): string[] {
  const out: string[] = [];
  for (const st of statementsOf(trust)) {
    if (st.Effect !== 'Allow') continue;
    const p = st.Principal;
    if (p === '*') out.push('*');
    else if (p) for (const v of Object.values(p)) out.push(...normaliseList(v));
  }
  return [...new Set(out)];
}

/** Resources of the Allow statements for `action` in the actor's identity policies. */
function allowedResources(actor: Actor, action: string): string[] {
  const out: string[] = [];
  for (const p of actor.policies.identity) {
    for (const s of statementsMatchingAction(p.document, action)) {
      if (s.effect === 'Allow') out.push(...normaliseList(s.statement.Resource));
    }
  }
  return [...new Set(out)].sort();
}

const subjectOfRole = (roleArn: string) => `role ${roleArn}`;

/** The resource a principal-side finding is about: its role (sessions), else its own ARN. */
export function principalSubject(actor: Actor): string {
  const roleArn = actor.principal.roleArn;
  return roleArn && !actor.assumedIdentity ? `role ${roleArn}` : `principal ${actor.principal.arn}`;
}

/** The finding that explains a denied sts:AssumeRole. */
export function diagnoseDenial(c: DenialContext): Finding {
  const d = c.decision;
  const base = { principal: c.actor.label, roleArn: c.roleArn, reason: d.reason };
  const action = 'sts:AssumeRole';
  switch (d.stage) {
    case 'explicit-deny': {
      const st = d.statements[0];
      const subject = st?.role === 'resource' || !st ? subjectOfRole(c.roleArn) : principalSubject(c.actor);
      return findingOf(
        explicitDeny,
        subject,
        d.reason,
        {
          ...base,
          action,
          statement: st ? describeStatement(st) : 'a Deny statement',
          policy: st?.policyId ?? '',
        },
        [c.pathId],
      );
    }
    case 'scp':
      return findingOf(
        scpDenies,
        `account ${c.actor.principal.accountId}`,
        d.reason,
        {
          ...base,
          action,
          accountId: c.actor.principal.accountId,
        },
        [c.pathId],
      );
    case 'boundary':
    case 'session':
      return findingOf(
        boundaryOrSessionDenies,
        principalSubject(c.actor),
        d.reason,
        { ...base, stage: d.stage },
        [c.pathId],
      );
    case 'identity': {
      const evaluated = c.actor.policies.identity.map((p) => p.id);
      if (c.sso) {
        return findingOf(
          permissionSetPolicyMissingRole,
          `permission set ${c.sso.permissionSet}`,
          `${c.sso.permissionSet} sessions in ${c.sso.accountId} may not assume ${c.roleArn}: ${d.reason}`,
          {
            permissionSet: c.sso.permissionSet,
            accountId: c.sso.accountId,
            roleArn: c.roleArn,
            action,
            reason: d.reason,
            evaluated,
            allowedResources: allowedResources(c.actor, action),
            ...(c.sso.instanceArn ? { instanceArn: c.sso.instanceArn } : {}),
            ...(c.sso.permissionSetArn ? { permissionSetArn: c.sso.permissionSetArn } : {}),
          },
          [c.pathId],
        );
      }
      return findingOf(
        identityPolicyLacksAssumeRole,
        principalSubject(c.actor),
        d.reason,
        { ...base, action, evaluated },
        [c.pathId],
      );
    }
    default:
      return findingOf(
        trustDoesNotAllow,
        subjectOfRole(c.roleArn),
        d.reason,
        { ...base, trusted: trustedPrincipals(c.trust) },
        [c.pathId],
      );
  }
}

/** ONR-D007 when the vendor would be allowed without (or with a wrong) ExternalId. */
export function diagnoseExternalId(input: {
  pathId: string;
  roleArn: string;
  vendorAccount: string;
  withoutId: Decision;
  wrongId: Decision;
  callerAssumedWithout?: boolean;
}): Finding | undefined {
  const allowedWithout: Array<'no ExternalId' | 'a wrong ExternalId'> = [];
  if (input.withoutId.decision === 'Allow') allowedWithout.push('no ExternalId');
  if (input.wrongId.decision === 'Allow') allowedWithout.push('a wrong ExternalId');
  if (allowedWithout.length === 0 && !input.callerAssumedWithout) return undefined;
  const decisive = input.withoutId.decision === 'Allow' ? input.withoutId : input.wrongId;
  const st = decisive.statements.find((s) => s.role === 'resource');
  return findingOf(
    externalIdNotEnforced,
    subjectOfRole(input.roleArn),
    `${input.roleArn} can be assumed without its ExternalId (${allowedWithout.join(', ') || 'by the caller'})`,
    {
      roleArn: input.roleArn,
      vendorAccount: input.vendorAccount,
      allowedWithout,
      statement: st ? describeStatement(st) : 'a trust statement',
      ...(input.callerAssumedWithout !== undefined
        ? { callerAssumedWithout: input.callerAssumedWithout }
        : {}),
    },
    [input.pathId],
  );
}

const SESSION = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

/** ONR-D005 for every trust statement naming an assumed-role session. */
export function diagnoseSessionTrust(roleArn: string, trust: PolicyDocument, pathIds: string[]): Finding[] {
  const out: Finding[] = [];
  statementsOf(trust).forEach((st, index) => {
    const p = st.Principal;
    if (!p || p === '*') return;
    for (const v of normaliseList(p.AWS)) {
      const m = SESSION.exec(v);
      if (!m) continue;
      const statement = describeStatement({
        policyId: `trust policy of ${roleArn}`,
        index,
        sid: st.Sid,
        effect: st.Effect,
        role: 'resource',
      });
      out.push(
        findingOf(
          trustNamesSession,
          subjectOfRole(roleArn),
          `${statement} trusts the session ${v}, not its role`,
          { roleArn, statement, sessionArn: v, sessionRoleArn: `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` },
          pathIds,
        ),
      );
    }
  });
  return out;
}
