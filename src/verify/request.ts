/**
 * Offline requests: the sts:AssumeRole request a principal would really make, with the context keys
 * AWS would attach (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalType,
 * tags, sts:ExternalId, sts:RoleSessionName …), evaluated by the same evaluator the sandbox
 * enforces with. Pure.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { evaluate } from '../policy/evaluate.js';
import type {
  ContextValue,
  Decision,
  EvaluationRequest,
  LabelledPolicy,
  RequestPrincipal,
} from '../policy/types.js';
import type { PrincipalPolicies } from './read-iam.js';
import type { PrincipalRef } from './types.js';

/** Someone who would make the request, with what AWS knows about them. */
export interface Actor {
  /** For messages, e.g. "arn:aws:sts::…:assumed-role/AWSReservedSSO_X_…/alice". */
  label: string;
  kind: PrincipalRef['kind'];
  principal: RequestPrincipal;
  policies: PrincipalPolicies;
  /** True when the identity side is not ours to read (a vendor) and is assumed to allow. */
  assumedIdentity?: boolean;
  context: Record<string, ContextValue>;
  scps?: LabelledPolicy[][];
}

export interface PrincipalFacts {
  /** The request's ARN: a user ARN, or a session ARN for roles. */
  arn: string;
  accountId: string;
  type: 'User' | 'AssumedRole';
  /** For sessions: the role ARN (aws:PrincipalArn). */
  roleArn?: string;
  /** User id, or role id for sessions. */
  uniqueId?: string;
  sessionName?: string;
  userName?: string;
  tags?: Record<string, string>;
  orgId?: string;
}

export interface RequestEnvironment {
  /** aws:SecureTransport: true over https (real AWS), false against an http endpoint. */
  secureTransport: boolean;
  now: number;
}

/** The principal's half of the request context. */
export function principalContext(f: PrincipalFacts, env: RequestEnvironment): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {
    'aws:PrincipalAccount': f.accountId,
    'aws:PrincipalArn': f.roleArn ?? f.arn,
    'aws:PrincipalType': f.type,
    'aws:SecureTransport': env.secureTransport,
    'aws:CurrentTime': new Date(env.now).toISOString(),
    'aws:EpochTime': String(Math.floor(env.now / 1000)),
  };
  if (f.orgId) ctx['aws:PrincipalOrgID'] = f.orgId;
  if (f.type === 'User' && f.userName) ctx['aws:username'] = f.userName;
  if (f.uniqueId)
    ctx['aws:userid'] = f.type === 'AssumedRole' ? `${f.uniqueId}:${f.sessionName}` : f.uniqueId;
  for (const [k, v] of Object.entries(f.tags ?? {})) ctx[`aws:PrincipalTag/${k}`] = v;
  return ctx;
}

export function requestPrincipal(f: PrincipalFacts): RequestPrincipal {
  return {
    arn: f.arn,
    accountId: f.accountId,
    ...(f.roleArn ? { roleArn: f.roleArn } : {}),
    ...(f.uniqueId ? { userId: f.uniqueId } : {}),
  };
}

/** What a vendor or a foreign account's principal brings: we cannot read it, so it allows. */
export const ASSUMED_ALLOW: PrincipalPolicies = {
  identity: [
    {
      id: 'the principal’s own policies (not readable; assumed to allow)',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
      },
    },
  ],
  unreadable: [],
};

export interface AssumeOptions {
  externalId?: string;
  sessionName: string;
}

/** The evaluation request for `actor` calling sts:AssumeRole on the role. */
export function assumeRoleRequest(
  actor: Actor,
  role: { arn: string; trust: LabelledPolicy },
  opts: AssumeOptions,
): EvaluationRequest {
  const context: Record<string, ContextValue> = { ...actor.context, 'sts:RoleSessionName': opts.sessionName };
  if (opts.externalId !== undefined) context['sts:ExternalId'] = opts.externalId;
  return {
    principal: actor.principal,
    action: 'sts:AssumeRole',
    resource: role.arn,
    resourceAccount: role.arn.split(':')[4],
    context,
    identityPolicies: actor.policies.identity,
    ...(actor.policies.boundary ? { permissionsBoundary: actor.policies.boundary } : {}),
    resourcePolicy: role.trust,
    ...(actor.scps?.length ? { scps: actor.scps } : {}),
  };
}

export function evaluateAssume(
  actor: Actor,
  role: { arn: string; trust: LabelledPolicy },
  opts: AssumeOptions,
): Decision {
  return evaluate(assumeRoleRequest(actor, role, opts));
}

/** A trust that names the actor's account root: used when the real trust cannot be read. */
export function accountTrust(roleArn: string, accountId: string): LabelledPolicy {
  return {
    id: `trust policy of ${roleArn} (not readable; assumed to trust account ${accountId})`,
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' },
      ],
    },
  };
}
