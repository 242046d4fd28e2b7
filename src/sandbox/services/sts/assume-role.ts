/**
 * sts:AssumeRole. The caller's identity policies and the role's trust policy are evaluated together
 * (same-account trust naming the caller needs no identity policy; account-root trust and
 * cross-account access need both), with sts:TagSession and sts:SetSourceIdentity evaluated the same
 * way when tags or a source identity are involved.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
import { deflateRawSync } from 'node:zlib';
import type { ContextValue, PolicyDocument } from '../../../policy/index.js';
import { evaluateFor } from '../../authz.js';
import { AwsError } from '../../aws-error.js';
import type { Principal } from '../../principal.js';
import type { SandboxRequest } from '../../service.js';
import { findRole, type IamRole, parseRoleArn } from '../iam/model.js';
import { settleOrganization } from '../organizations/internal.js';
import { type AssumeRoleInput, readAssumeRoleInput } from './assume-role-input.js';
import { credentialsView, mintTemporaryCredential } from './credentials.js';

/** Role chaining caps a session at one hour whatever the role allows. */
const CHAINED_MAX_SECONDS = 3600;
const DEFAULT_SECONDS = 3600;
/** Denominator of PackedPolicySize: the compressed bytes a session may carry. */
const PACKED_ALLOWANCE_BYTES = 2048;

function denied(caller: Principal, action: string, roleArn: string): AwsError {
  return new AwsError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn}`,
    403,
  );
}

function parseTrust(text: string): PolicyDocument {
  try {
    return JSON.parse(text) as PolicyDocument;
  } catch {
    return { Statement: [] };
  }
}

/**
 * The role the ARN names, as AWS resolves it. A missing account or role, or an ARN that does not
 * parse, is AccessDenied, never NoSuchEntity: STS does not reveal which roles exist.
 */
function targetRole(req: SandboxRequest, caller: Principal, roleArn: string): IamRole {
  const target = parseRoleArn(roleArn);
  const account = target ? req.ctx.world.accounts[target.accountId] : undefined;
  const role = target && account ? findRole(account.iam, target.name) : undefined;
  if (!target || !role || role.Path !== target.path) throw denied(caller, 'sts:AssumeRole', roleArn);
  const member = req.ctx.world.organizations.accounts[target.accountId];
  if (member && member.Status !== 'ACTIVE') throw denied(caller, 'sts:AssumeRole', roleArn);
  return role;
}

/** Session tags the new session carries: the caller's transitive tags, then the requested ones. */
function sessionTagsOf(caller: Principal, input: AssumeRoleInput) {
  const tags: Record<string, string> = {};
  const transitive = new Set<string>();
  if (caller.type === 'assumed-role') {
    for (const key of caller.transitiveTagKeys ?? []) {
      const value = caller.sessionTags?.[key];
      if (value === undefined) continue;
      tags[key] = value;
      transitive.add(key);
    }
  }
  const inheritedLower = new Set([...transitive].map((k) => k.toLowerCase()));
  for (const t of input.tags) {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_role-chaining
    if (inheritedLower.has(t.Key.toLowerCase())) {
      throw new AwsError(
        'ValidationError',
        `Tag key ${t.Key} was set as transitive by a previous session in the chain and cannot be overridden.`,
      );
    }
    tags[t.Key] = t.Value;
  }
  for (const k of input.transitiveTagKeys)
    transitive.add(input.tags.find((t) => t.Key.toLowerCase() === k.toLowerCase())!.Key);
  return { tags, transitive: [...transitive] };
}

/** An estimate of AWS's packed size: session policies and tags compressed, as a share of the allowance. */
function packedPolicySize(input: AssumeRoleInput): number {
  const policy = input.policy === undefined ? '' : JSON.stringify(JSON.parse(input.policy));
  const tags = input.tags.map((t) => `${t.Key}=${t.Value}`).join(',');
  const packed = deflateRawSync(Buffer.from([policy, ...input.policyArns, tags].join('\n'))).length;
  return Math.ceil((100 * packed) / PACKED_ALLOWANCE_BYTES);
}

export function assumeRole(req: SandboxRequest) {
  const ctx = req.ctx;
  const caller = req.caller!;
  const input = readAssumeRoleInput(req.params);
  // The root user cannot assume roles; STS answers with this sentence rather than a policy denial.
  if (caller.type === 'root')
    throw new AwsError('AccessDenied', 'Roles may not be assumed by root accounts.', 403);
  // An account CreateAccount finished in the meantime exists now, whether or not anyone polled it.
  settleOrganization(ctx);
  const role = targetRole(req, caller, input.roleArn);
  // IAM is eventually consistent: a new or changed trust is not seen by STS at once.
  if (ctx.clock.now() - role.ChangedAt < ctx.realism.propagationDelay()) {
    throw denied(caller, 'sts:AssumeRole', input.roleArn);
  }

  // Source identity is sticky: once a session in the chain set it, it is carried and cannot change.
  const inherited = caller.type === 'assumed-role' ? caller.sourceIdentity : undefined;
  if (inherited && input.sourceIdentity && input.sourceIdentity !== inherited) {
    throw denied(caller, 'sts:SetSourceIdentity', input.roleArn);
  }
  const sourceIdentity = inherited ?? input.sourceIdentity;
  const session = sessionTagsOf(caller, input);

  const context: Record<string, ContextValue> = { 'sts:RoleSessionName': input.sessionName };
  if (input.externalId !== undefined) context['sts:ExternalId'] = input.externalId;
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity;
  if (input.tags.length > 0) {
    for (const t of input.tags) context[`aws:RequestTag/${t.Key}`] = t.Value;
    context['aws:TagKeys'] = input.tags.map((t) => t.Key);
  }
  if (input.transitiveTagKeys.length > 0) context['sts:TransitiveTagKeys'] = input.transitiveTagKeys;

  const actions = ['sts:AssumeRole'];
  if (input.tags.length > 0) actions.push('sts:TagSession');
  if (sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  const trust = { id: `trust policy of ${role.Arn}`, document: parseTrust(role.AssumeRolePolicyDocument) };
  const roleAccount = role.Arn.split(':')[4];
  for (const action of actions) {
    const decision = evaluateFor(ctx.world, caller, action, role.Arn, {
      resourcePolicy: trust,
      resourceAccount: roleAccount,
      context,
    });
    if (decision.decision !== 'Allow') throw denied(caller, action, input.roleArn);
  }

  // Any caller holding temporary credentials is chaining (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining).
  const temporary = req.credential?.sessionToken !== undefined;
  const duration = input.durationSeconds ?? DEFAULT_SECONDS;
  if (temporary && duration > CHAINED_MAX_SECONDS) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (duration > role.MaxSessionDuration) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  const shaped = input.policy !== undefined || input.policyArns.length > 0 || input.tags.length > 0;
  const packed = shaped ? packedPolicySize(input) : undefined;
  if (packed !== undefined && packed > 100) {
    throw new AwsError(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${packed}% of allotted space, please use smaller policy.`,
    );
  }

  const sessionArn = `arn:aws:sts::${roleAccount}:assumed-role/${role.RoleName}/${input.sessionName}`;
  const credential = mintTemporaryCredential(
    ctx,
    {
      type: 'assumed-role',
      accountId: roleAccount,
      arn: sessionArn,
      roleArn: role.Arn,
      roleName: role.RoleName,
      roleId: role.RoleId,
      sessionName: input.sessionName,
      sourceIdentity,
      chained: caller.type === 'assumed-role',
      sessionTags: Object.keys(session.tags).length > 0 ? session.tags : undefined,
      transitiveTagKeys: session.transitive.length > 0 ? session.transitive : undefined,
      sessionPolicy: input.policy,
      sessionPolicyArns: input.policyArns.length > 0 ? input.policyArns : undefined,
    },
    duration,
  );
  return {
    Credentials: credentialsView(credential),
    AssumedRoleUser: { AssumedRoleId: `${role.RoleId}:${input.sessionName}`, Arn: sessionArn },
    PackedPolicySize: packed,
    SourceIdentity: sourceIdentity,
  };
}
