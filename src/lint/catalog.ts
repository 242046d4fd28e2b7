/**
 * Every lint rule: a stable id (never reused), a severity in IAM Access Analyzer's four types, a
 * one-line title, a longer help text and the default fix hint. SARIF's rule list, docs and tests read
 * this table.
 */
import type { Severity } from './types.js';

export interface RuleMeta {
  id: string;
  /** kebab-case name, e.g. `privilege-escalation`. */
  name: string;
  severity: Severity;
  title: string;
  help: string;
  hint: string;
  /** GitHub code scanning's 0–10 score, for security rules only. */
  securitySeverity?: number;
}

const rule = (
  id: string,
  name: string,
  severity: Severity,
  title: string,
  help: string,
  hint: string,
  securitySeverity?: number,
): RuleMeta => ({ id, name, severity, title, help, hint, securitySeverity });

export const RULES: readonly RuleMeta[] = [
  rule(
    'ONR-L001',
    'json-syntax',
    'error',
    'The file is not valid JSON',
    'IAM accepts only strict JSON: no comments, no trailing commas, double-quoted keys and strings.',
    'Fix the JSON at the position shown (a missing comma or quote is the usual cause).',
  ),
  rule(
    'ONR-L002',
    'policy-grammar',
    'error',
    'The policy breaks the IAM policy grammar',
    'Effect, Action/NotAction, Resource/NotResource, Principal and Version must follow the IAM JSON policy grammar for the kind of policy (identity, trust, resource).',
    'See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
  ),
  rule(
    'ONR-L003',
    'blueprint-invalid',
    'error',
    'The blueprint does not validate',
    'A blueprint must validate before the policies in it can be linted.',
    'Fix the blueprint error shown (onramp validate lists them all).',
  ),
  rule(
    'ONR-L004',
    'duplicate-json-key',
    'error',
    'An object has the same key twice',
    'JSON parsers keep only one of the two values (usually the last) and IAM may reject the document, so one of them is silently lost.',
    'Keep one key; put several values in a list, e.g. "Resource": ["arn:…", "arn:…"].',
  ),
  rule(
    'ONR-L010',
    'unknown-service',
    'error',
    'An action names a service prefix that does not exist',
    'The part before the colon must be an AWS service prefix such as iam, sts or s3.',
    'Use the service prefix from the Service Authorization Reference.',
  ),
  rule(
    'ONR-L011',
    'unknown-action',
    'error',
    'An action does not exist in its service',
    'The action (or wildcard pattern) matches no action of the service, so the statement grants or denies nothing by it.',
    'Check the spelling against the Service Authorization Reference.',
  ),
  rule(
    'ONR-L012',
    'unknown-condition-key',
    'error',
    'A condition key is not a global or service condition key',
    'Unknown condition keys are absent from every request, so the condition never matches (or, negated, always matches).',
    'Use a global aws: key or a key the service documents.',
  ),
  rule(
    'ONR-L013',
    'unknown-condition-operator',
    'error',
    'A condition operator does not exist',
    'IAM rejects policies with unknown condition operators.',
    'Use an operator such as StringEquals, ArnLike, Bool, NumericLessThan, DateGreaterThan or IpAddress.',
  ),
  rule(
    'ONR-L014',
    'condition-type-mismatch',
    'error',
    'A condition value does not fit the operator or the key type',
    'Bool takes true/false, Numeric* numbers, Date* ISO 8601 dates or epoch seconds, IpAddress CIDR ranges, Arn* ARNs; and the operator must suit the key type.',
    'Use a value of the right type, or the operator family that matches the key type.',
  ),
  rule(
    'ONR-L015',
    'invalid-arn-account',
    'error',
    'A resource ARN has an account field that is not an account id',
    'The account field of an ARN is empty, 12 digits, or a wildcard; runbook placeholders such as <account-id> left in a policy match nothing.',
    'Put the 12-digit account id (or a wildcard) in the ARN.',
  ),
  rule(
    'ONR-L020',
    'sensitive-wildcard-action',
    'security',
    'A wildcard grants every action of a sensitive service',
    '"*", iam:*, sts:* and organizations:* grant control over identities, credentials or the whole organization.',
    'List only the actions needed.',
    8.0,
  ),
  rule(
    'ONR-L021',
    'write-on-all-resources',
    'security',
    'Write or permissions-management actions on Resource "*"',
    'Actions that change resources or permissions should be limited to the resources they are meant for.',
    'Replace "*" with the ARNs (or ARN patterns) the actions need, or add conditions such as aws:ResourceTag.',
    6.5,
  ),
  rule(
    'ONR-L022',
    'privilege-escalation',
    'security',
    'The policy allows a known privilege-escalation path',
    'Combinations such as iam:PassRole with a compute service, or rights to edit policies and credentials, let the holder gain more permissions than the policy grants (Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation").',
    'Limit the resources (e.g. PassRole to named roles with an iam:PassedToService condition) or split the permissions.',
    8.8,
  ),
  rule(
    'ONR-L023',
    'trust-missing-external-id',
    'security',
    'A foreign account may assume the role without sts:ExternalId',
    'A role assumed by another company must require the ExternalId that company gave you, or any of its customers could make it act on your account (the confused-deputy problem).',
    'Add "Condition": {"StringEquals": {"sts:ExternalId": "<the id the vendor gave you>"}}.',
    7.5,
  ),
  rule(
    'ONR-L024',
    'public-principal',
    'security',
    'Principal "*" without conditions',
    'Principal "*" (or {"AWS": "*"}) lets anyone, in any AWS account, use the statement.',
    'Name the principals, or add conditions such as aws:PrincipalOrgID or aws:SourceAccount.',
    9.5,
  ),
  rule(
    'ONR-L025',
    'foreign-root-unconditioned',
    'security',
    'A foreign account is trusted with no conditions',
    "Trusting another account's root lets every principal that account allows act here; nothing narrows it.",
    'Add conditions (sts:ExternalId for a vendor, aws:PrincipalArn for named roles) or name the role instead of the account.',
    7.0,
  ),
  rule(
    'ONR-L026',
    'admin-to-third-party',
    'security',
    'Administrator access is handed to a third party',
    'A role that another company assumes should not carry Action "*" on Resource "*" (AdministratorAccess).',
    'Attach only the permissions the vendor documents.',
    9.0,
  ),
  rule(
    'ONR-L030',
    'allow-not-action',
    'warning',
    'Allow with NotAction',
    'Allow with NotAction grants every action not listed, including actions of services added later.',
    'List the allowed actions in Action instead.',
  ),
  rule(
    'ONR-L031',
    'allow-not-resource',
    'warning',
    'Allow with NotResource',
    'Allow with NotResource grants the actions on every resource not listed, including resources created later.',
    'List the allowed resources in Resource instead.',
  ),
  rule(
    'ONR-L032',
    'duplicate-action',
    'warning',
    'An action is listed twice',
    'The same action appears twice in a statement, or in two statements that grant it under the same terms; the copy has no effect.',
    'Remove the duplicate.',
  ),
  rule(
    'ONR-L033',
    'action-covered-by-wildcard',
    'warning',
    'An action is covered by a wildcard in the same statement',
    'A wildcard in the same list already includes the action.',
    'Remove the action, or replace the wildcard with the actions needed.',
  ),
  rule(
    'ONR-L034',
    'redundant-statement',
    'warning',
    'A statement is covered by another statement',
    'Another statement with the same effect, resources, principals and conditions already covers every action of this one.',
    'Delete the redundant statement.',
  ),
  rule(
    'ONR-L035',
    'overlapping-allow',
    'warning',
    'Two Allow statements grant the same action on overlapping resources',
    'Overlapping grants make the policy harder to review and to narrow later: removing one statement leaves the access in place.',
    'Keep each action in one statement, or make the resources disjoint.',
  ),
  rule(
    'ONR-L036',
    'policy-version',
    'warning',
    'Version is missing or the legacy 2008-10-17',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
    'Without "Version": "2012-10-17" policy variables such as ${aws:username} are read literally.',
    'Add "Version": "2012-10-17" as the first element.',
  ),
  rule(
    'ONR-L040',
    'mergeable-statements',
    'suggestion',
    'Statements differ only in Action (or only in Resource)',
    'Statements with the same effect, resources, principals and conditions can be merged into one.',
    'Merge their Action (or Resource) lists into one statement.',
  ),
  rule(
    'ONR-L041',
    'missing-sid',
    'suggestion',
    'A statement has no Sid',
    'A Sid names a statement in reviews, findings and CloudTrail-driven tooling.',
    'Add a Sid of letters and digits, e.g. "Sid": "AssumeWorkbenchRoles".',
  ),
  rule(
    'ONR-L042',
    'unsorted-actions',
    'suggestion',
    'The Action list is not sorted',
    'A sorted list makes duplicates and review diffs easy to see.',
    'Sort the actions alphabetically (case-insensitive).',
  ),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** The rule's metadata; throws for an unknown id (a bug in a rule). */
export function ruleMeta(id: string): RuleMeta {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown lint rule ${id}`);
  return r;
}
