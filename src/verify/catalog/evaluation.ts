/**
 * Diagnostics from the evaluation itself: a trust that does not name the principal, explicit
 * denies, boundaries and session policies, drift from the blueprint, offline/live disagreement and
 * member accounts onramp cannot reach.
 */
import { defineEntry, type Evidence } from './types.js';

const APPLY = 'onramp apply';
const nameOf = (roleArn: string) => roleArn.slice(roleArn.lastIndexOf('/') + 1);

export interface TrustEvidence extends Evidence {
  principal: string;
  roleArn: string;
  reason: string;
  /** The principals the trust policy names (AWS, Service, Federated). */
  trusted: string[];
}

export const trustDoesNotAllow = defineEntry<TrustEvidence>({
  code: 'ONR-D015',
  slug: 'trust-does-not-allow',
  title: "The role's trust policy does not allow the principal",
  severity: 'error',
  cause:
    'No statement of the trust policy names the principal (its ARN, its account, or an aws:PrincipalArn condition it satisfies), or a condition it cannot meet (e.g. sts:ExternalId) is attached.',
  evidence: {
    principal: 'who would assume the role',
    roleArn: 'the role',
    reason: "the evaluator's sentence",
    trusted: 'the principals the trust does name',
  },
  fixText:
    "Add the principal to the role's trust policy (onramp apply writes the trust the blueprint declares).",
  fix: (e) => ({
    summary: `Trust ${e.principal} in ${e.roleArn}.`,
    commands: [`aws iam get-role --role-name ${nameOf(e.roleArn)} --query Role.AssumeRolePolicyDocument`],
    console: [`IAM > Roles > ${nameOf(e.roleArn)} > Trust relationships > Edit trust policy.`],
    onramp: APPLY,
  }),
});

export interface ExplicitDenyEvidence extends Evidence {
  principal: string;
  roleArn: string;
  action: string;
  /** "statement 'Sid' in <policy>" of the first deny. */
  statement: string;
  policy: string;
  reason: string;
}

export const explicitDeny = defineEntry<ExplicitDenyEvidence>({
  code: 'ONR-D016',
  slug: 'explicit-deny',
  title: 'An explicit Deny statement blocks the request',
  severity: 'error',
  cause:
    "A Deny in any policy that applies (the principal's, the trust policy, a boundary, a session policy) overrides every Allow.",
  evidence: {
    principal: 'who was denied',
    roleArn: 'the role',
    action: 'the action',
    statement: 'the deciding statement',
    policy: 'the policy holding it',
    reason: "the evaluator's sentence",
  },
  fixText: 'Narrow or remove the Deny statement named in the evidence.',
  fix: (e) => ({
    summary: `Remove or narrow ${e.statement}.`,
    console: [
      `Open ${e.policy} and edit the Deny statement so that it no longer matches ${e.action} on ${e.roleArn}.`,
    ],
  }),
});

export interface LimitEvidence extends Evidence {
  principal: string;
  roleArn: string;
  stage: 'boundary' | 'session';
  reason: string;
}

export const boundaryOrSessionDenies = defineEntry<LimitEvidence>({
  code: 'ONR-D017',
  slug: 'boundary-or-session-denies',
  title: 'A permissions boundary or session policy does not allow the request',
  severity: 'error',
  cause:
    "The principal's policies allow the request, but its permissions boundary (or the session policy it was created with) does not; both must allow.",
  evidence: {
    principal: 'who was denied',
    roleArn: 'the role',
    stage: 'boundary or session',
    reason: "the evaluator's sentence",
  },
  fixText: 'Allow sts:AssumeRole on the role in the boundary policy, or remove the boundary.',
  fix: (e) => ({
    summary: `Allow sts:AssumeRole on ${e.roleArn} in the ${e.stage === 'boundary' ? 'permissions boundary' : 'session policy'} of ${e.principal}.`,
    commands:
      e.stage === 'boundary'
        ? [`aws iam get-user --query User.PermissionsBoundary   # or get-role for a role principal`]
        : undefined,
  }),
});

export interface DriftEvidence extends Evidence {
  kind: string;
  name: string;
  differences: string[];
}

export const differsFromBlueprint = defineEntry<DriftEvidence>({
  code: 'ONR-D018',
  slug: 'differs-from-blueprint',
  title: 'A resource differs from what the blueprint declares',
  severity: 'error',
  generic: true,
  cause:
    'The live role, permission set or trust policy has other policies or settings than the blueprint: someone edited it by hand, or the blueprint changed and was not applied.',
  evidence: {
    kind: 'the resource kind',
    name: 'its name',
    differences: 'each difference, e.g. "managed policy arn:… is not attached"',
  },
  fixText: 'Run onramp apply (onramp plan shows the same differences first).',
  fix: (e) => ({ summary: `Bring ${e.kind} ${e.name} back to the blueprint.`, onramp: APPLY }),
});

export interface DisagreementEvidence extends Evidence {
  principal: string;
  roleArn: string;
  externalId: 'none' | 'declared' | 'wrong';
  offline: string;
  offlineReason: string;
  live: string;
  attempts: number;
}

export const offlineLiveDisagree = defineEntry<DisagreementEvidence>({
  code: 'ONR-D019',
  slug: 'offline-live-disagree',
  title: "AWS's live answer differs from onramp's offline evaluation",
  severity: 'error',
  cause:
    "onramp evaluated the policies it could read and predicted one answer; sts:AssumeRole gave the other. Causes: something onramp cannot read decided (a session policy on the caller's session, an SCP or RCP it may not list, a VPC endpoint policy), IAM had not propagated a change within the probe time, or a bug in the evaluator.",
  evidence: {
    principal: 'who made the live request',
    roleArn: 'the role',
    externalId: 'which ExternalId was sent: none, the declared one, or a wrong one',
    offline: "the evaluator's decision",
    offlineReason: "the evaluator's sentence",
    live: "STS's answer (Allow, or the error name)",
    attempts: 'live attempts made (probes retry while IAM propagates)',
  },
  fixText:
    'Run verify again in a minute (IAM propagation); check the caller for session policies and the organization for SCPs; if it persists, report it with onramp verify --json.',
  fix: (e) => ({
    summary: `Re-run onramp verify; if ${e.principal} is still answered ${e.live}, look for a session policy, an SCP or an RCP.`,
    commands: [`aws sts assume-role --role-arn ${e.roleArn} --role-session-name onramp-verify`],
  }),
});

export interface UnreachableEvidence extends Evidence {
  accountId: string;
  roleArn: string;
  caller: string;
  error: string;
}

export const accountUnreachable = defineEntry<UnreachableEvidence>({
  code: 'ONR-D020',
  slug: 'account-unreachable',
  title: "The member account's access role cannot be assumed (missing, or it does not trust the caller)",
  severity: 'error',
  cause:
    "onramp reaches a member account through its access role (OrganizationAccountAccessRole by default, created by Organizations with the account). STS answers AccessDenied alike for a missing role and for a trust that does not name the caller's account, and without the role nothing inside the account can be read.",
  seenIn:
    'seed runbook 003 (Orchestera), "make sure that the IAM role name is set to OrganizationAccountAccessRole"',
  evidence: {
    accountId: 'the member account',
    roleArn: 'the access role that was tried',
    caller: 'who tried',
    error: "STS's answer",
  },
  fixText:
    "Recreate the access role in the member account trusting the management account (sign in as the account's root user or another administrator), or name the role the account does have with --role-name.",
  fix: (e) => ({
    summary: `Make ${e.roleArn} exist and trust the management account.`,
    commands: [
      `aws iam create-role --role-name ${nameOf(e.roleArn)} --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::<management-account>:root"},"Action":"sts:AssumeRole"}]}'   # in ${e.accountId}`,
      `aws iam attach-role-policy --role-name ${nameOf(e.roleArn)} --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`,
    ],
    console: [
      `Sign in to ${e.accountId} as an administrator; IAM > Roles > Create role > AWS account: the management account.`,
    ],
  }),
});
