/**
 * Authorisation in the sandbox: gathers the policies that apply to a principal and asks the shared
 * policy evaluator (src/policy), so the sandbox enforces exactly what `onramp verify` predicts.
 */
import {
  type ContextValue,
  type Decision,
  evaluate,
  type LabelledPolicy,
  type PolicyDocument,
  policyDocumentFromText,
  type RequestPrincipal,
} from '../policy/index.js';
import { AwsError } from './aws-error.js';
import type { Principal } from './principal.js';
import type { SandboxRequest, ServiceDefinition } from './service.js';
import { findRole, findUser } from './services/iam/model.js';
import { resolveManagedPolicyDocument } from './services/iam/policies.js';
import type { World } from './world.js';

/** Shared per distinct text, so the evaluator's compiled-policy cache hits on every call. */
function parseDoc(text: string): PolicyDocument {
  return policyDocumentFromText(text);
}

function managed(world: World, arns: string[]): LabelledPolicy[] {
  const out: LabelledPolicy[] = [];
  for (const arn of arns) {
    const doc = resolveManagedPolicyDocument(world, arn);
    if (doc) out.push({ id: arn, document: parseDoc(doc) });
  }
  return out;
}

function inline(owner: string, policies: Record<string, string>): LabelledPolicy[] {
  return Object.entries(policies).map(([name, doc]) => ({
    id: `${owner} inline policy ${name}`,
    document: parseDoc(doc),
  }));
}

/** Identity policies and permissions boundary of a principal, as AWS would apply them. */
export function policiesFor(
  world: World,
  p: Principal,
): { identity: LabelledPolicy[]; boundary?: LabelledPolicy } {
  const iam = world.accounts[p.accountId]?.iam;
  if (!iam || p.type === 'root') return { identity: [] };
  if (p.type === 'user') {
    const user = findUser(iam, p.userName);
    if (!user) return { identity: [] };
    const identity = [
      ...managed(world, user.AttachedPolicies),
      ...inline(`user/${user.UserName}`, user.InlinePolicies),
    ];
    for (const g of Object.values(iam.groups)) {
      if (!g.Members.some((m) => m.toLowerCase() === user.UserName.toLowerCase())) continue;
      identity.push(
        ...managed(world, g.AttachedPolicies),
        ...inline(`group/${g.GroupName}`, g.InlinePolicies),
      );
    }
    const boundary = user.PermissionsBoundary ? managed(world, [user.PermissionsBoundary])[0] : undefined;
    return { identity, boundary };
  }
  const role = findRole(iam, p.roleName);
  if (!role) return { identity: [] };
  const identity = [
    ...managed(world, role.AttachedPolicies),
    ...inline(`role/${role.RoleName}`, role.InlinePolicies),
  ];
  const boundary = role.PermissionsBoundary ? managed(world, [role.PermissionsBoundary])[0] : undefined;
  return { identity, boundary };
}

export function requestPrincipal(p: Principal): RequestPrincipal {
  switch (p.type) {
    case 'root':
      return { arn: p.arn, accountId: p.accountId, isRoot: true };
    case 'user':
      return { arn: p.arn, accountId: p.accountId, userId: p.userId };
    case 'assumed-role':
      return { arn: p.arn, accountId: p.accountId, roleArn: p.roleArn, userId: p.roleId };
  }
}

/** The context keys a request by this principal carries. */
export function principalContext(world: World, p: Principal): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {
    'aws:PrincipalAccount': p.accountId,
    'aws:PrincipalArn': p.type === 'assumed-role' ? p.roleArn : p.arn,
    'aws:PrincipalType': p.type === 'root' ? 'Account' : p.type === 'user' ? 'User' : 'AssumedRole',
    'aws:SecureTransport': false,
    'aws:SourceIp': '127.0.0.1',
    'aws:CurrentTime': new Date().toISOString(),
    'aws:EpochTime': String(Math.floor(Date.now() / 1000)),
  };
  const orgId = orgIdOf(world, p.accountId);
  if (orgId) ctx['aws:PrincipalOrgID'] = orgId;
  const iam = world.accounts[p.accountId]?.iam;
  if (p.type === 'user') {
    ctx['aws:username'] = p.userName;
    ctx['aws:userid'] = p.userId;
    for (const t of (iam && findUser(iam, p.userName)?.Tags) ?? [])
      ctx[`aws:PrincipalTag/${t.Key}`] = t.Value;
  }
  if (p.type === 'assumed-role') {
    ctx['aws:userid'] = `${p.roleId}:${p.sessionName}`;
    for (const t of (iam && findRole(iam, p.roleName)?.Tags) ?? [])
      ctx[`aws:PrincipalTag/${t.Key}`] = t.Value;
    for (const [k, v] of Object.entries(p.sessionTags ?? {})) ctx[`aws:PrincipalTag/${k}`] = v;
    if (p.sourceIdentity) ctx['aws:SourceIdentity'] = p.sourceIdentity;
  }
  return ctx;
}

function orgIdOf(world: World, accountId: string): string | undefined {
  const org = world.organizations as { organization?: { Id: string }; accounts?: Record<string, unknown> };
  if (!org.organization || !org.accounts?.[accountId]) return undefined;
  return org.organization.Id;
}

/** Session policies (AssumeRole Policy / PolicyArns) of an assumed-role session, if it was given any. */
export function sessionPoliciesFor(world: World, p: Principal): LabelledPolicy[] | undefined {
  if (p.type !== 'assumed-role' || (!p.sessionPolicy && !p.sessionPolicyArns?.length)) return undefined;
  const out: LabelledPolicy[] = [];
  if (p.sessionPolicy) out.push({ id: `session policy of ${p.arn}`, document: parseDoc(p.sessionPolicy) });
  for (const arn of p.sessionPolicyArns ?? []) {
    // An ARN that resolves to nothing still narrows the session: it allows nothing.
    const doc = resolveManagedPolicyDocument(world, arn);
    out.push({ id: arn, document: doc ? parseDoc(doc) : { Statement: [] } });
  }
  return out;
}

export interface EvaluateOptions {
  resourcePolicy?: LabelledPolicy;
  resourceAccount?: string;
  context?: Record<string, ContextValue>;
}

/** Evaluates one action by a sandbox principal with everything that applies to it. */
export function evaluateFor(
  world: World,
  p: Principal,
  action: string,
  resource: string,
  opts: EvaluateOptions = {},
): Decision {
  const { identity, boundary } = policiesFor(world, p);
  return evaluate({
    principal: requestPrincipal(p),
    action,
    resource,
    resourceAccount: opts.resourceAccount,
    context: { ...principalContext(world, p), ...(opts.context ?? {}) },
    identityPolicies:
      p.type === 'root'
        ? [{ id: 'root', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]
        : identity,
    permissionsBoundary: boundary,
    resourcePolicy: opts.resourcePolicy,
    sessionPolicies: sessionPoliciesFor(world, p),
  });
}

/** The server's check before any handler runs: the caller's identity policies must allow the call. */
export function authorizeCall(req: SandboxRequest, service: ServiceDefinition): void {
  const caller = req.caller;
  if (!caller || !service.actionPrefix) return;
  const action = `${service.actionPrefix}:${req.operation}`;
  const resource = service.resourceArn?.(req) ?? '*';
  const decision = evaluateFor(req.ctx.world, caller, action, resource);
  if (decision.decision === 'Allow') return;
  const why =
    decision.decision === 'ExplicitDeny'
      ? `with an explicit deny in ${decision.statements[0]?.policyId ?? 'a policy'}`
      : `because no identity-based policy allows the ${action} action`;
  const message = `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
  throw service.protocol === 'query'
    ? new AwsError('AccessDenied', message, 403)
    : new AwsError('AccessDeniedException', message, 400);
}
