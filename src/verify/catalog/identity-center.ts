/**
 * Diagnostics about IAM Identity Center: the instance, the identity store, permission sets,
 * provisioning and assignments.
 */
import { defineEntry, type Evidence } from './types.js';

const APPLY = 'onramp apply';

const sq = (json: unknown) => `'${JSON.stringify(json)}'`;

export interface NotEnabledEvidence extends Evidence {
  region: string;
  callerAccount: string;
}

export const identityCenterNotEnabled = defineEntry<NotEnabledEvidence>({
  code: 'ONR-D001',
  slug: 'identity-center-not-enabled',
  title: 'IAM Identity Center is not enabled in this region',
  severity: 'error',
  cause:
    'sso-admin ListInstances answered no instance, so no Identity Center user, group, permission set or assignment can exist. Either Identity Center was never enabled, or it lives in another region than the one onramp was pointed at (an organization has one instance, in one region).',
  seenIn: 'seed runbook 000 (Fractal), step "Go to IAM Identity Center"',
  evidence: {
    region: 'the region onramp asked (ListInstances is regional)',
    callerAccount: 'the account whose instances were listed',
  },
  fixText:
    'Enable IAM Identity Center in the management account (console), or run onramp verify with --region set to the region the instance lives in.',
  fix: (e) => ({
    summary: `Enable IAM Identity Center in account ${e.callerAccount} (region ${e.region}), or point onramp at the region that has the instance.`,
    console: [
      `Sign in to the management account ${e.callerAccount} and switch the console to ${e.region}.`,
      'Open IAM Identity Center and choose Enable (an organization instance).',
    ],
    commands: [`aws sso-admin list-instances --region ${e.region}`],
  }),
});

export interface IdentityStoreDeniedEvidence extends Evidence {
  action: string;
  caller: string;
  error: string;
  identityStoreId?: string;
}

/** The identity-store and sso-admin reads verify (and the Identity Center console) needs. */
export const IDENTITY_CENTER_READ_ACTIONS = [
  'sso:ListInstances',
  'sso:DescribePermissionSet',
  'sso:ListPermissionSets',
  'sso:ListAccountAssignments',
  'sso:ListAccountsForProvisionedPermissionSet',
  'sso:GetInlinePolicyForPermissionSet',
  'sso:ListManagedPoliciesInPermissionSet',
  'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
  'identitystore:ListUsers',
  'identitystore:ListGroups',
  'identitystore:ListGroupMemberships',
];

function attachCommand(caller: string, name: string, document: unknown): string {
  const role = /:assumed-role\/([^/]+)\//.exec(caller)?.[1];
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(caller)?.[1];
  if (role)
    return `aws iam put-role-policy --role-name ${role} --policy-name ${name} --policy-document ${sq(document)}`;
  return `aws iam put-user-policy --user-name ${user ?? '<user>'} --policy-name ${name} --policy-document ${sq(document)}`;
}

export const identityStoreAccessDenied = defineEntry<IdentityStoreDeniedEvidence>({
  code: 'ONR-D002',
  slug: 'identity-store-access-denied',
  title: "The caller may not read Identity Center's users and groups (the users' list looks empty)",
  severity: 'error',
  cause:
    "The caller's identity-based policies do not allow the identitystore (or sso) read actions, so ListUsers answers AccessDeniedException. Consoles and vendor UIs show this as an empty users' list rather than an error; nothing is wrong with the users themselves.",
  seenIn:
    'seed runbook 000 (Fractal): "If your users\' list is empty … the issue is related to a missing permission grant"',
  evidence: {
    action: 'the action that was denied, e.g. identitystore:ListUsers',
    caller: 'the ARN the call was made as (GetCallerIdentity)',
    error: "AWS's error, name and message",
    identityStoreId: 'the identity store that was read, when known',
  },
  fixText:
    'Allow the identitystore:List*/Get* and sso:List*/Describe* read actions to the caller (an inline policy, or a permission set if the caller signs in through Identity Center), then run verify again.',
  fix: (e) => ({
    summary: `Allow ${e.action} and the other Identity Center read actions to ${e.caller}.`,
    commands: [
      attachCommand(e.caller, 'onramp-identity-center-read', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: IDENTITY_CENTER_READ_ACTIONS, Resource: '*' }],
      }),
    ],
    console: [
      'IAM > Users (or Roles) > the caller > Add permissions > Create inline policy.',
      `Allow ${IDENTITY_CENTER_READ_ACTIONS.join(', ')} on all resources.`,
    ],
  }),
});

export interface NotProvisionedEvidence extends Evidence {
  permissionSet: string;
  permissionSetArn: string;
  instanceArn: string;
  accountId: string;
  /** outdated: an older revision is in the account; missing: never provisioned there. */
  state: 'outdated' | 'missing';
}

export const permissionSetNotProvisioned = defineEntry<NotProvisionedEvidence>({
  code: 'ONR-D003',
  slug: 'permission-set-not-provisioned',
  title: 'The permission set was changed but not re-provisioned to the account',
  severity: 'error',
  cause:
    "Edits to a permission set (policies, session duration, boundary) reach an account only when the permission set is provisioned there again; until then the account's AWSReservedSSO role keeps the old policies. ListAccountsForProvisionedPermissionSet with LATEST_PERMISSION_SET_NOT_PROVISIONED lists such accounts.",
  seenIn: 'seed runbook 001 (Workbench), "Save Changes … propagate"',
  evidence: {
    permissionSet: 'the permission set name',
    permissionSetArn: 'its ARN',
    instanceArn: 'the Identity Center instance',
    accountId: 'the account holding the outdated (or no) copy',
    state: 'outdated (an older revision is provisioned) or missing (never provisioned there)',
  },
  fixText:
    'Provision the permission set to the account again (ProvisionPermissionSet), or run onramp apply, which re-provisions after every edit.',
  fix: (e) => ({
    summary: `Provision ${e.permissionSet} to account ${e.accountId}.`,
    commands: [
      `aws sso-admin provision-permission-set --instance-arn ${e.instanceArn} --permission-set-arn ${e.permissionSetArn} --target-type AWS_ACCOUNT --target-id ${e.accountId}`,
    ],
    console: [
      `IAM Identity Center > Permission sets > ${e.permissionSet} > Accounts > select ${e.accountId} > Update.`,
    ],
    onramp: APPLY,
  }),
});

export interface MissingRoleGrantEvidence extends Evidence {
  permissionSet: string;
  accountId: string;
  roleArn: string;
  action: string;
  reason: string;
  evaluated: string[];
  /** Resources of the statements that allow the action, i.e. what the policy does grant. */
  allowedResources: string[];
  instanceArn?: string;
  permissionSetArn?: string;
}

export const permissionSetPolicyMissingRole = defineEntry<MissingRoleGrantEvidence>({
  code: 'ONR-D004',
  slug: 'permission-set-policy-missing-role',
  title: "The permission set's policy does not allow assuming a role it should (missing role ARN)",
  severity: 'error',
  cause:
    "A session of the permission set's AWSReservedSSO role needs an identity-based Allow for sts:AssumeRole on the role (the role's trust names the account or the SSO role, not the session). The inline policy lists role ARNs per account; an account left out of the list is denied.",
  seenIn:
    'seed runbook 001 (Workbench) troubleshooting: "Permission Denied: Ensure the correct permission set is updated"',
  evidence: {
    permissionSet: 'the permission set whose sessions are denied',
    accountId: 'the account the session is in',
    roleArn: 'the role it should be able to assume',
    action: 'sts:AssumeRole',
    reason: "the evaluator's sentence",
    evaluated: "the policies of the account's AWSReservedSSO role that were evaluated",
    allowedResources: 'the resources the allowing statements do name (what is there instead)',
    instanceArn: 'the Identity Center instance, when read',
    permissionSetArn: "the permission set's ARN, when read",
  },
  fixText:
    "Add the role ARN to the permission set's inline policy (one Resource line per account and role), save, and provision the permission set to its accounts; onramp apply does both.",
  fix: (e) => ({
    summary: `Add ${e.roleArn} to the sts:AssumeRole statement of ${e.permissionSet}'s inline policy and re-provision it.`,
    commands: [
      `aws sso-admin put-inline-policy-to-permission-set --instance-arn ${e.instanceArn ?? '<instance-arn>'} --permission-set-arn ${e.permissionSetArn ?? '<permission-set-arn>'} --inline-policy ${sq(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Resource: [...e.allowedResources, e.roleArn].sort(),
            },
          ],
        },
      )}`,
      `aws sso-admin provision-permission-set --instance-arn ${e.instanceArn ?? '<instance-arn>'} --permission-set-arn ${e.permissionSetArn ?? '<permission-set-arn>'} --target-type ALL_PROVISIONED_ACCOUNTS`,
    ],
    console: [
      `IAM Identity Center > Permission sets > ${e.permissionSet} > Inline policy > Edit.`,
      `Add "${e.roleArn}" to the Resource list of the sts:AssumeRole statement; Save (the console re-provisions).`,
    ],
    onramp: APPLY,
  }),
});

export interface AssignmentMissingEvidence extends Evidence {
  permissionSet: string;
  principalType: 'USER' | 'GROUP';
  principalName: string;
  principalId: string;
  accountId: string;
  instanceArn: string;
  permissionSetArn: string;
}

export const assignmentMissing = defineEntry<AssignmentMissingEvidence>({
  code: 'ONR-D013',
  slug: 'assignment-missing',
  title: 'The user or group is not assigned the permission set in the account',
  severity: 'error',
  cause:
    'The blueprint assigns the permission set to the principal in the account, but ListAccountAssignments has no such assignment: it was never created, it failed, or someone removed it.',
  seenIn: 'seed runbook 000 (Fractal), step 3 "Assign User and Permission Set"',
  evidence: {
    permissionSet: 'the permission set name',
    principalType: 'USER or GROUP',
    principalName: 'the user name or group display name',
    principalId: 'its identity store id',
    accountId: 'the account',
    instanceArn: 'the Identity Center instance',
    permissionSetArn: "the permission set's ARN",
  },
  fixText: 'Create the account assignment (CreateAccountAssignment), or run onramp apply.',
  fix: (e) => ({
    summary: `Assign ${e.permissionSet} to ${e.principalType.toLowerCase()} ${e.principalName} in ${e.accountId}.`,
    commands: [
      `aws sso-admin create-account-assignment --instance-arn ${e.instanceArn} --target-id ${e.accountId} --target-type AWS_ACCOUNT --permission-set-arn ${e.permissionSetArn} --principal-type ${e.principalType} --principal-id ${e.principalId}`,
    ],
    console: [
      `IAM Identity Center > AWS accounts > ${e.accountId} > Assign users or groups.`,
      `Select ${e.principalName}, then the ${e.permissionSet} permission set; Submit.`,
    ],
    onramp: APPLY,
  }),
});

export interface DeclaredMissingEvidence extends Evidence {
  kind: 'Identity Center user' | 'Identity Center group' | 'permission set' | 'account';
  name: string;
  nearest: string[];
}

export const declaredResourceMissing = defineEntry<DeclaredMissingEvidence>({
  code: 'ONR-D014',
  slug: 'declared-resource-missing',
  title: 'A user, group, permission set or account the blueprint declares does not exist',
  severity: 'error',
  cause:
    'Lookups by name found nothing: the blueprint was not applied yet, the thing was renamed or deleted, or it was created with a different name (the nearest existing names are in the evidence).',
  evidence: {
    kind: 'what was looked up',
    name: 'the name the blueprint gives',
    nearest: 'existing names close to it (a rename or a typo)',
  },
  fixText:
    'Run onramp apply to create it, or fix the name in the blueprint if the nearest name is the intended one.',
  fix: (e) => ({
    summary:
      e.nearest.length > 0
        ? `Create ${e.kind} ${e.name} (onramp apply), or use the existing ${e.nearest.join(' / ')} in the blueprint.`
        : `Create ${e.kind} ${e.name} (onramp apply).`,
    onramp: APPLY,
  }),
});
