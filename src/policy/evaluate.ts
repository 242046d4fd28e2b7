/**
 * AWS's policy evaluation logic for one request.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 *
 * Order: an explicit Deny in any policy wins; then every SCP level must allow; then, within one
 * account, an Allow in either the identity-based or the resource-based policy suffices, limited by
 * the permissions boundary and session policies unless the resource policy names the user or the
 * session itself; across accounts both the identity side and the resource policy must allow.
 *
 * Simplifications (documented deviations): resource control policies and VPC endpoint policies are
 * not modelled; a resource policy naming the IAM user behind a GetFederationToken session is not
 * recognised (the session must be named by its own ARN); NotPrincipal exempts only the exact caller.
 */
import {
  compilePolicy,
  type PreparedRequest,
  resourceStatementApplies,
  statementApplies,
} from './compile.js';
import { buildContext, variableLookup } from './context.js';
import { allowReason, explicitDenyReason, policyLabels } from './explain.js';
import { grantsDirectly, type PrincipalMatchKind, strongerMatch } from './principal-match.js';
import type {
  Decision,
  DecisionStage,
  EvaluationRequest,
  LabelledPolicy,
  MatchedStatement,
} from './types.js';

type Role = MatchedStatement['role'];

interface Scan {
  allows: MatchedStatement[];
  denies: MatchedStatement[];
}

function scan(policies: LabelledPolicy[], role: Role, req: PreparedRequest): Scan {
  const out: Scan = { allows: [], denies: [] };
  for (const p of policies) {
    for (const st of compilePolicy(p.document).statements) {
      if (!statementApplies(st, req, role === 'scp')) continue;
      const m: MatchedStatement = { policyId: p.id, index: st.index, sid: st.sid, effect: st.effect!, role };
      (st.effect === 'Deny' ? out.denies : out.allows).push(m);
    }
  }
  return out;
}

interface ResourceScan extends Scan {
  /** The strongest way an allowing statement named the caller. */
  kind?: PrincipalMatchKind;
}

function scanResource(policy: LabelledPolicy | undefined, req: PreparedRequest): ResourceScan {
  const out: ResourceScan = { allows: [], denies: [] };
  if (!policy) return out;
  for (const st of compilePolicy(policy.document).statements) {
    const kind = resourceStatementApplies(st, req);
    if (!kind) continue;
    const m: MatchedStatement = {
      policyId: policy.id,
      index: st.index,
      sid: st.sid,
      effect: st.effect!,
      role: 'resource',
    };
    if (st.effect === 'Deny') out.denies.push(m);
    else {
      out.allows.push(m);
      out.kind = strongerMatch(out.kind, kind);
    }
  }
  return out;
}

const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\//;

/**
 * Role trust policies and KMS key policies must allow the caller themselves; an identity-based
 * policy alone is never enough for them. A key request without its key policy is evaluated as if
 * the key had the default policy, which delegates to the account's IAM policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policy-eval-denyallow
 */
function resourcePolicyRequired(req: EvaluationRequest): 'trust' | 'key' | undefined {
  if (req.action.toLowerCase().startsWith('sts:') && ROLE_ARN.test(req.resource)) return 'trust';
  if (req.resourcePolicy && /^arn:[^:]+:kms:/.test(req.resource)) return 'key';
  return undefined;
}

function isSessionPrincipal(arn: string): 'role' | 'federated' | undefined {
  if (/^arn:[^:]+:sts::\d{12}:assumed-role\//.test(arn)) return 'role';
  if (/^arn:[^:]+:sts::\d{12}:federated-user\//.test(arn)) return 'federated';
  return undefined;
}

function deny(stage: DecisionStage, reason: string, statements: MatchedStatement[] = []): Decision {
  return {
    decision: stage === 'explicit-deny' ? 'ExplicitDeny' : 'ImplicitDeny',
    statements,
    reason,
    stage,
  };
}

/** Evaluates one request the way AWS's enforcement code does. Pure; compiled policies are cached. */
export function evaluate(req: EvaluationRequest): Decision {
  const ctx = buildContext(req);
  const prepared: PreparedRequest = {
    action: req.action,
    resource: req.resource,
    principal: req.principal,
    ctx,
    lookup: variableLookup(ctx),
    hasBoundary: req.permissionsBoundary !== undefined,
  };
  const p = req.principal;
  const who = p.service ?? p.federated ?? p.arn;
  const what = `${req.action} on ${req.resource}`;
  const crossAccount = req.resourceAccount !== undefined && req.resourceAccount !== p.accountId;

  const sessionType = isSessionPrincipal(p.arn);
  const identity = scan(req.identityPolicies, 'identity', prepared);
  // The root user has no boundary, and only sessions have session policies.
  const boundary =
    req.permissionsBoundary && !p.isRoot ? scan([req.permissionsBoundary], 'boundary', prepared) : undefined;
  const sessionPolicies = sessionType && req.sessionPolicies?.length ? req.sessionPolicies : undefined;
  const session = sessionPolicies ? scan(sessionPolicies, 'session', prepared) : undefined;
  const scps = (req.scps ?? []).map((level) => scan(level, 'scp', prepared));
  const resource = scanResource(req.resourcePolicy, prepared);

  const denies = [
    ...scps.flatMap((s) => s.denies),
    ...resource.denies,
    ...identity.denies,
    ...(boundary?.denies ?? []),
    ...(session?.denies ?? []),
  ];
  if (denies.length) return deny('explicit-deny', explicitDenyReason(denies), denies);

  const scpAllows: MatchedStatement[] = [];
  for (const [i, level] of scps.entries()) {
    if (!level.allows.length) {
      return deny(
        'scp',
        `no statement in the service control policies at level ${i + 1} (${policyLabels(req.scps![i])}) allows ${what}`,
      );
    }
    scpAllows.push(...level.allows);
  }

  const required = resourcePolicyRequired(req);
  const policyName =
    required === 'trust'
      ? `the trust policy of ${req.resource}`
      : required === 'key'
        ? `the key policy of ${req.resource}`
        : `the resource-based policy${req.resourcePolicy ? ` ${req.resourcePolicy.id}` : ''}`;

  // A service calling has no identity-based policies: only a resource policy naming it can allow.
  if (p.service) {
    if (resource.kind) return allow([...scpAllows, ...resource.allows]);
    return deny(
      'resource',
      `no statement in ${policyName} allows the service ${p.service} to perform ${what}`,
    );
  }

  if (!resource.kind && (required || crossAccount)) {
    if (crossAccount && !req.resourcePolicy) {
      return deny(
        'resource',
        `cross-account request from account ${p.accountId} to a resource in account ${req.resourceAccount}: no resource-based policy allows ${who} to perform ${what} (both sides must allow)`,
      );
    }
    return deny(
      'resource',
      `no statement in ${policyName} allows ${who} to perform ${req.action}${required === 'trust' ? '' : ` on ${req.resource}`}${crossAccount ? ' (cross-account: both the identity-based and the resource-based policy must allow)' : ''}`,
    );
  }

  // Same account: a resource policy naming the user or the session itself is final.
  if (!crossAccount && resource.kind && grantsDirectly(resource.kind)) {
    return allow([...scpAllows, ...identity.allows, ...resource.allows]);
  }

  const identityAllows = p.isRoot || identity.allows.length > 0;
  const grantedByRoleArn = !crossAccount && resource.kind === 'role';
  if (!identityAllows && !grantedByRoleArn) {
    if (resource.kind === 'account' && !crossAccount) {
      return deny(
        'identity',
        `${policyName} trusts account ${p.accountId} rather than ${who} itself, so an identity-based policy must also allow ${req.action}; none does (${policyLabels(req.identityPolicies)})`,
      );
    }
    return deny(
      'identity',
      `no identity-based policy allows ${who} to perform ${what}${crossAccount ? ' (cross-account: both the identity-based and the resource-based policy must allow)' : ''} (evaluated: ${policyLabels(req.identityPolicies)})`,
    );
  }

  if (boundary && !boundary.allows.length) {
    return deny('boundary', `the permissions boundary ${req.permissionsBoundary!.id} does not allow ${what}`);
  }

  if (session && !session.allows.length) {
    return deny('session', `no session policy allows ${what} (evaluated: ${policyLabels(sessionPolicies!)})`);
  }
  if (!session && sessionType === 'federated') {
    // GetFederationToken sessions without a session policy have no permissions.
    return deny('session', `the federated user session ${who} was created without a session policy`);
  }

  return allow([
    ...scpAllows,
    ...(identityAllows ? identity.allows : []),
    ...resource.allows,
    ...(boundary?.allows ?? []),
    ...(session?.allows ?? []),
  ]);
}

function allow(statements: MatchedStatement[]): Decision {
  const reason = statements.length
    ? allowReason(statements)
    : 'allowed: the root user has full access unless a policy denies';
  return { decision: 'Allow', statements, reason };
}
