/** Diagnostics about IAM roles, their trust policies, and the policies that decide AssumeRole. */
import { defineEntry, type Evidence } from './types.js';

const APPLY = 'onramp apply';
const sq = (json: unknown) => `'${JSON.stringify(json)}'`;
const nameOf = (roleArn: string) => roleArn.slice(roleArn.lastIndexOf('/') + 1);

/** `put-role-policy` or `put-user-policy` for whoever the principal is (a session → its role). */
function grantCommand(principal: string, name: string, document: unknown): string {
  const role = /:(?:assumed-role|role)\/(?:.*\/)?([^/]+?)(?:\/[^/]+)?$/.exec(principal);
  const session = /:assumed-role\/([^/]+)\//.exec(principal)?.[1];
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(principal)?.[1];
  const doc = sq(document);
  if (user)
    return `aws iam put-user-policy --user-name ${user} --policy-name ${name} --policy-document ${doc}`;
  return `aws iam put-role-policy --role-name ${session ?? role?.[1] ?? '<role>'} --policy-name ${name} --policy-document ${doc}`;
}

export interface SessionTrustEvidence extends Evidence {
  roleArn: string;
  statement: string;
  sessionArn: string;
  /** The role the session belongs to: what the trust should name. */
  sessionRoleArn: string;
}

export const trustNamesSession = defineEntry<SessionTrustEvidence>({
  code: 'ONR-D005',
  slug: 'trust-names-session',
  title: 'The trust policy names a role session, which stops matching when the session ends',
  severity: 'error',
  cause:
    'sts get-caller-identity returns the session ARN (arn:aws:sts::…:assumed-role/ROLE/SESSION) of whoever ran it; pasted into a trust policy it matches only that one session name, so the next sign-in (another session name) is denied. The trust should name the role, or condition on aws:PrincipalArn.',
  seenIn: 'seed runbook 000 (Fractal), steps 2–3 "Get your caller ARN … trust policy"',
  evidence: {
    roleArn: 'the role whose trust policy it is',
    statement: 'the statement naming the session',
    sessionArn: 'the session ARN in the Principal',
    sessionRoleArn: 'the role behind that session (without its path, which the session ARN does not carry)',
  },
  fixText:
    'Replace the session ARN in the trust policy by the role ARN (or let onramp apply write the trust).',
  fix: (e) => ({
    summary: `Trust ${e.sessionRoleArn} instead of the session ${e.sessionArn}.`,
    commands: [
      `aws iam update-assume-role-policy --role-name ${nameOf(e.roleArn)} --policy-document ${sq({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: e.sessionRoleArn }, Action: 'sts:AssumeRole' }],
      })}`,
    ],
    console: [
      `IAM > Roles > ${nameOf(e.roleArn)} > Trust relationships > Edit: replace ${e.sessionArn} by ${e.sessionRoleArn}.`,
    ],
    onramp: APPLY,
  }),
});

export interface RoleNotFoundEvidence extends Evidence {
  roleArn: string;
  accountId: string;
  /** name: no role of that name; path: the name exists under another path; account: it exists in another account. */
  reason: 'name' | 'path' | 'account';
  nearest: string[];
  existingArn?: string;
}

export const roleNotFound = defineEntry<RoleNotFoundEvidence>({
  code: 'ONR-D006',
  slug: 'role-not-found',
  title: 'The role does not exist (wrong name, path or account)',
  severity: 'error',
  cause:
    "The role ARN names no role: it was never deployed, it was deployed with another name (the nearest existing names are in the evidence), under another path (a role ARN includes the path), or into another account. STS answers AccessDenied for a missing role, so the caller alone cannot tell 'missing' from 'not trusted'.",
  seenIn:
    'seed runbook 001 (Workbench) troubleshooting: "Role Not Found: verify that the Workbench-ExecutionRole has been deployed correctly"',
  evidence: {
    roleArn: 'the ARN that was looked up',
    accountId: 'the account that was searched',
    reason: 'name, path or account',
    nearest: 'existing role names in that account close to the name',
    existingArn: 'the ARN of the same-named role under another path or in another account',
  },
  fixText:
    'Deploy the role (onramp apply for roles the blueprint declares), or correct the ARN that refers to it.',
  fix: (e) => ({
    summary:
      e.reason === 'name'
        ? `Create ${e.roleArn}${e.nearest.length ? `, or refer to the existing ${e.nearest.join(' / ')}` : ''}.`
        : `Refer to ${e.existingArn ?? 'the existing role'} instead of ${e.roleArn}, or create the role where it is expected.`,
    commands: [`aws iam list-roles --query "Roles[].Arn"   # in account ${e.accountId}`],
    onramp: APPLY,
  }),
});

export interface ExternalIdEvidence extends Evidence {
  roleArn: string;
  vendorAccount: string;
  /** Which requests without the right ExternalId the trust allows. */
  allowedWithout: Array<'no ExternalId' | 'a wrong ExternalId'>;
  statement: string;
  /** Whether the caller (not the vendor) could assume it live without an ExternalId. */
  callerAssumedWithout?: boolean;
}

export const externalIdNotEnforced = defineEntry<ExternalIdEvidence>({
  code: 'ONR-D007',
  slug: 'external-id-not-enforced',
  title: 'The third-party role can be assumed without its ExternalId',
  severity: 'error',
  cause:
    "A role trusted by a vendor's account must require the ExternalId the vendor shows you (Condition StringEquals sts:ExternalId); without it, any customer of the vendor can make the vendor act on your account (the confused deputy).",
  seenIn: 'seed runbook 003 (Orchestera), "Create OrchesteraAccessRole … Another AWS account"',
  evidence: {
    roleArn: 'the third-party role',
    vendorAccount: 'the vendor account the trust names',
    allowedWithout: 'the requests the trust allows although they lack the right ExternalId',
    statement: 'the trust statement that allows them',
    callerAssumedWithout: 'true when even the caller assumed the role live without an ExternalId',
  },
  fixText:
    'Add Condition {"StringEquals": {"sts:ExternalId": "<the vendor\'s ExternalId>"}} to the statement trusting the vendor (onramp apply writes it from thirdParty.externalId).',
  fix: (e) => ({
    summary: `Require sts:ExternalId in the trust of ${e.roleArn}.`,
    commands: [
      `aws iam update-assume-role-policy --role-name ${nameOf(e.roleArn)} --policy-document ${sq({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${e.vendorAccount}:root` },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': '<external-id>' } },
          },
        ],
      })}`,
    ],
    console: [
      `IAM > Roles > ${nameOf(e.roleArn)} > Trust relationships > Edit trust policy.`,
      'Add the sts:ExternalId condition with the value from the vendor console.',
    ],
    onramp: APPLY,
  }),
});

export interface DeniedEvidence extends Evidence {
  principal: string;
  roleArn: string;
  action: string;
  reason: string;
  /** The policies that were evaluated on the principal's side. */
  evaluated: string[];
}

export const identityPolicyLacksAssumeRole = defineEntry<DeniedEvidence>({
  code: 'ONR-D008',
  slug: 'identity-policy-lacks-assume-role',
  title: "The principal's identity-based policies do not allow sts:AssumeRole on the role",
  severity: 'error',
  cause:
    "When the trust names an account (its root) rather than the principal itself, or the role is in another account, the principal's own policies must also allow sts:AssumeRole on the role ARN; none of them does.",
  seenIn: 'seed runbook 003 (Orchestera), "GrantAccessToOrganizationAccountAccessRole"',
  evidence: {
    principal: 'who would assume the role',
    roleArn: 'the role',
    action: 'sts:AssumeRole',
    reason: "the evaluator's sentence",
    evaluated: "the principal's policies that were evaluated",
  },
  fixText: 'Allow sts:AssumeRole on the role ARN in a policy of the principal (or its group).',
  fix: (e) => ({
    summary: `Allow ${e.action} on ${e.roleArn} to ${e.principal}.`,
    commands: [
      grantCommand(e.principal, `assume-${nameOf(e.roleArn)}`.slice(0, 128), {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: e.action, Resource: e.roleArn }],
      }),
    ],
    console: [
      `IAM > the principal > Add permissions > Create inline policy: STS AssumeRole on ${e.roleArn}.`,
    ],
  }),
});

export interface ScpEvidence extends Evidence {
  principal: string;
  accountId: string;
  roleArn: string;
  action: string;
  reason: string;
}

export const scpDenies = defineEntry<ScpEvidence>({
  code: 'ONR-D009',
  slug: 'scp-denies',
  title: "A service control policy on the principal's account does not allow the request",
  severity: 'error',
  cause:
    "Organizations SCPs cap what principals in member accounts may do: every level from the root to the account must allow the action, and a Deny anywhere wins. Visible only to callers who may read the organization's policies.",
  evidence: {
    principal: 'who was denied',
    accountId: "the principal's account",
    roleArn: 'the role',
    action: 'the action',
    reason: "the evaluator's sentence (which level, which statement)",
  },
  fixText:
    "Change the SCP (or move the account to an OU whose SCPs allow it) in the organization's management account; onramp does not manage SCPs.",
  fix: (e) => ({
    summary: `Allow ${e.action} in the service control policies that apply to account ${e.accountId}.`,
    commands: [
      `aws organizations list-policies-for-target --target-id ${e.accountId} --filter SERVICE_CONTROL_POLICY`,
    ],
    console: [
      'AWS Organizations > Policies > Service control policies: find the policy named in the evidence and edit it.',
    ],
  }),
});
