/**
 * ONR-L022 privilege escalation. The paths follow Rhino Security Labs' published catalogue of IAM
 * privilege-escalation methods ("AWS IAM Privilege Escalation – Methods and Mitigation",
 * https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/), described here in
 * our own words. Grants that come from a service-wide wildcard ONR-L020 already reports ("*",
 * iam:*, …) are not repeated. Conditions are ignored: they rarely close these paths.
 */
import { actionMatches, globMatches } from '../../policy/index.js';
import type { Located, StatementView } from '../statements.js';
import { hasConditions } from '../statements.js';
import { q, type Rule } from './context.js';
import { isSensitiveWildcard } from './wildcards.js';

interface Grant {
  by: Located;
  st: StatementView;
}

/** Actions that escalate on their own: what the holder can do with them. */
const ALONE: Record<string, string> = {
  'iam:CreatePolicyVersion': 'publish a new default version of a managed policy with any permissions',
  'iam:SetDefaultPolicyVersion': 'switch a managed policy to an older, broader version',
  'iam:AttachUserPolicy': 'attach AdministratorAccess to a user, itself included',
  'iam:PutUserPolicy': 'write an inline policy with any permissions on a user',
  'iam:AttachGroupPolicy': 'attach AdministratorAccess to a group it belongs to',
  'iam:PutGroupPolicy': 'write an inline policy with any permissions on its group',
  'iam:AddUserToGroup': 'add itself to a more privileged group',
  'iam:UpdateAssumeRolePolicy': 'make any role trust it, then assume that role',
  'lambda:UpdateFunctionCode': 'replace the code of a function that runs with a privileged role',
  'glue:UpdateDevEndpoint': 'put its SSH key on a Glue endpoint that runs with a privileged role',
};

/** These escalate only against other users, i.e. when the resource is not just the caller. */
const ON_ANY_USER: Record<string, string> = {
  'iam:CreateAccessKey': 'create access keys for another (more privileged) user',
  'iam:CreateLoginProfile': 'set a console password for a user that has none',
  'iam:UpdateLoginProfile': "change another user's console password",
};

/** With iam:PassRole on any role, each of these lets it run something as a role it picks. */
const PASS_ROLE_PARTNERS = [
  'ec2:RunInstances',
  'lambda:CreateFunction',
  'glue:CreateDevEndpoint',
  'cloudformation:CreateStack',
  'datapipeline:CreatePipeline',
  'iam:CreateRole',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
];

/** Changing a role's policies escalates when it can also assume that role. */
const WITH_ASSUME = ['iam:AttachRolePolicy', 'iam:PutRolePolicy'];

/** A resource list that reaches beyond one named principal: "*", a wildcard, or NotResource. */
function broad(st: StatementView): boolean {
  if (st.notResource) return true;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template
  return (st.resource ?? []).some((r) => r.value.includes('*') && !r.value.includes('${aws:username}'));
}

/**
 * Some resource of the statement can be one the action acts on: "*", NotResource, or an ARN of the
 * action's service (sts:AssumeRole acts on IAM role ARNs).
 */
function fits(st: StatementView, action: string): boolean {
  if (st.notResource) return true;
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const target = service === 'sts' ? 'iam' : service;
  return (st.resource ?? []).some((r) => {
    if (r.value === '*') return true;
    const arnService = r.value.split(':')[2];
    return arnService !== undefined && globMatches(arnService, target, true);
  });
}

function finder(statements: StatementView[]) {
  const denied = (action: string) =>
    statements.some(
      (st) =>
        st.effect === 'Deny' &&
        !hasConditions(st) &&
        (st.resource ?? []).some((r) => r.value === '*') &&
        (st.action ?? []).some((a) => actionMatches(a.value, action)),
    );
  return (action: string, needBroad = false): Grant | undefined => {
    if (denied(action)) return undefined;
    for (const st of statements) {
      if (st.effect !== 'Allow' || (needBroad && !broad(st)) || !fits(st, action)) continue;
      const by = st.action?.find((a) => actionMatches(a.value, action) && !isSensitiveWildcard(a.value));
      if (by) return { by, st };
      if (st.notAction && !st.notAction.some((a) => actionMatches(a.value, action))) {
        return { by: { value: 'NotAction', path: [...st.path, 'NotAction'] }, st };
      }
    }
    return undefined;
  };
}

const via = (g: Grant, action: string): string =>
  g.by.value.toLowerCase() === action.toLowerCase() ? action : `${action} (via ${q(g.by.value)})`;

export const escalationRule: Rule = (ctx) => {
  if (ctx.unit.kind !== 'identity') return;
  const grant = finder(ctx.statements);
  const byEntry = new Map<string, { g: Grant; what: string[] }>();
  const add = (g: Grant, what: string) => {
    const key = JSON.stringify(g.by.path);
    const entry = byEntry.get(key) ?? { g, what: [] };
    entry.what.push(what);
    byEntry.set(key, entry);
  };
  for (const [action, why] of Object.entries(ALONE)) {
    const g = grant(action);
    if (g) add(g, `${via(g, action)} can ${why}`);
  }
  for (const [action, why] of Object.entries(ON_ANY_USER)) {
    const g = grant(action, true);
    if (g) add(g, `${via(g, action)} on any user can ${why}`);
  }
  const assume = grant('sts:AssumeRole');
  for (const action of WITH_ASSUME) {
    const g = grant(action);
    if (g && assume)
      add(
        g,
        `${via(g, action)} with ${via(assume, 'sts:AssumeRole')} can give a role any permissions and then assume it`,
      );
  }
  for (const { g, what } of byEntry.values()) {
    ctx.report('ONR-L022', g.by.path, `${g.st.name}: ${what.join('; ')}`);
  }
  const pass = grant('iam:PassRole', true);
  if (!pass) return;
  const partners = PASS_ROLE_PARTNERS.flatMap((p) => {
    const g = grant(p);
    return g ? [via(g, p)] : [];
  });
  if (partners.length === 0) return;
  ctx.report(
    'ONR-L022',
    pass.by.path,
    `${pass.st.name}: ${via(pass, 'iam:PassRole')} on any role together with ${partners.join(', ')} lets it hand a role of its choosing to a service it controls and act with that role's permissions`,
    { hint: 'Limit iam:PassRole to the role ARNs it must pass, with an iam:PassedToService condition.' },
  );
};
