/**
 * Finding things in the caller's IAM: the account acted on is always the caller's (IAM is global,
 * one namespace per account). Lookups throw IAM's NoSuchEntity with AWS's wording.
 */
import { errors } from '../../aws-error.js';
import type { SandboxRequest } from '../../service.js';
import { ensureAccount, type World } from '../../world.js';
import { findAwsManagedPolicy, isAwsManagedArn } from './aws-managed.js';
import {
  type EntityKind,
  iamError,
  noSuchEntityNamed,
  policyNotAttachable,
  policyNotFound,
} from './errors.js';
import {
  findGroup,
  findRole,
  findUser,
  type IamAccountState,
  type IamGroup,
  type IamManagedPolicy,
  type IamPolicyVersion,
  type IamRole,
  type IamUser,
  ownValue,
  type Tag,
} from './model.js';
import type { PrincipalResolver } from './policy-document.js';
import { checks, NAME_PATTERN, optional } from './validate.js';

/** The caller's account id (every IAM call is SigV4-signed, so there is always a caller). */
export function accountOf(req: SandboxRequest): string {
  if (!req.caller) throw iamError.validation('The request must be signed.');
  return req.caller.accountId;
}

/** The caller's account's IAM state. */
export function iamOf(req: SandboxRequest): IamAccountState {
  return ensureAccount(req.ctx.world, accountOf(req)).iam;
}

/** Now, as epoch ms (for ChangedAt) and ISO-8601 (for CreateDate). */
export function now(req: SandboxRequest): { ms: number; iso: string } {
  const ms = req.ctx.clock.now();
  return { ms, iso: new Date(ms).toISOString() };
}

export function requireRole(iam: IamAccountState, name: string): IamRole {
  const role = findRole(iam, name);
  if (!role) throw noSuchEntityNamed('role', name);
  return role;
}

export function requireUser(iam: IamAccountState, name: string): IamUser {
  const user = findUser(iam, name);
  if (!user) throw noSuchEntityNamed('user', name);
  return user;
}

export function requireGroup(iam: IamAccountState, name: string): IamGroup {
  const group = findGroup(iam, name);
  if (!group) throw noSuchEntityNamed('group', name);
  return group;
}

export type Entity = IamRole | IamUser | IamGroup;

export function requireEntity(iam: IamAccountState, kind: EntityKind, name: string): Entity {
  if (kind === 'role') return requireRole(iam, name);
  if (kind === 'user') return requireUser(iam, name);
  return requireGroup(iam, name);
}

export function entityName(e: Entity): string {
  return 'RoleName' in e ? e.RoleName : 'UserName' in e ? e.UserName : e.GroupName;
}

/** One view over customer-managed and AWS-managed policies. */
export interface PolicyView {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  DefaultVersionId: string;
  CreateDate: string;
  UpdateDate: string;
  Tags: Tag[];
  Versions: IamPolicyVersion[];
  /** Set for customer-managed policies (the stored object, for changes). */
  stored?: IamManagedPolicy;
}

function awsView(arn: string): PolicyView | undefined {
  const p = findAwsManagedPolicy(arn);
  if (!p) return undefined;
  return {
    PolicyName: p.name,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    Description: p.description,
    DefaultVersionId: p.versionId,
    CreateDate: p.createDate,
    UpdateDate: p.updateDate,
    Tags: [],
    Versions: [
      { VersionId: p.versionId, Document: p.document, IsDefaultVersion: true, CreateDate: p.updateDate },
    ],
  };
}

export function customerView(p: IamManagedPolicy): PolicyView {
  return { ...p, stored: p };
}

/** The policy an ARN names, visible to the caller: AWS-managed or in the caller's own account. */
export function findPolicy(req: SandboxRequest, arn: string): PolicyView | undefined {
  if (isAwsManagedArn(arn)) return awsView(arn);
  const stored = ownValue(iamOf(req).policies, arn);
  return stored ? customerView(stored) : undefined;
}

/** Policy ARNs must look like ARNs before IAM looks them up. */
export function checkPolicyArn(arn: string): void {
  if (!/^arn:aws:iam::(aws|\d{12}):policy\/.+/.test(arn))
    throw iamError.invalidInput(`ARN ${arn} is not valid.`);
}

export function requirePolicy(req: SandboxRequest, arn: string): PolicyView {
  checkPolicyArn(arn);
  const p = findPolicy(req, arn);
  if (!p) throw policyNotFound(arn);
  return p;
}

export function requireAttachable(req: SandboxRequest, arn: string): PolicyView {
  checkPolicyArn(arn);
  const p = findPolicy(req, arn);
  if (!p) throw policyNotAttachable(arn);
  return p;
}

/**
 * A customer-managed policy the caller may change. AWS's own policies live in the `aws` account, so
 * changing one is refused like any cross-account write: AccessDenied.
 */
export function requireOwnPolicy(req: SandboxRequest, arn: string): IamManagedPolicy {
  const p = requirePolicy(req, arn);
  if (p.stored) return p.stored;
  throw errors.accessDenied(
    `User: ${req.caller?.arn ?? 'anonymous'} is not authorized to perform: iam:${req.operation} on resource: policy ${arn}`,
  );
}

/** Every role, user and group in one account, for attachment counts and ListEntitiesForPolicy. */
export function entities(iam: IamAccountState): Array<{ kind: EntityKind; entity: Entity }> {
  return [
    ...Object.values(iam.groups).map((entity) => ({ kind: 'group' as const, entity })),
    ...Object.values(iam.users).map((entity) => ({ kind: 'user' as const, entity })),
    ...Object.values(iam.roles).map((entity) => ({ kind: 'role' as const, entity })),
  ];
}

/** How many entities in the account have the policy attached, and use it as their boundary. */
export function usageOf(iam: IamAccountState, arn: string): { attachments: number; boundaries: number } {
  let attachments = 0;
  let boundaries = 0;
  for (const { entity } of entities(iam)) {
    if (entity.AttachedPolicies.includes(arn)) attachments++;
    if ('PermissionsBoundary' in entity && entity.PermissionsBoundary === arn) boundaries++;
  }
  return { attachments, boundaries };
}

/** Trust-policy principals naming roles/users in accounts the sandbox holds must exist. */
export function principalResolver(world: World): PrincipalResolver {
  return (arn) => {
    const m = /^arn:aws:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m) return undefined;
    const account = world.accounts[m[1]];
    if (!account) return undefined;
    const found = m[2] === 'role' ? findRole(account.iam, m[3]) : findUser(account.iam, m[3]);
    return found?.Arn === arn;
  };
}

/**
 * The user an access-key or GetUser call acts on: the UserName parameter, or else the signing user.
 * AWS refuses to guess for roles: "Must specify userName when calling with non-User credentials".
 */
export function targetUserName(req: SandboxRequest): string {
  const name = optional(req.params, 'UserName');
  checks().string('userName', name, 1, 128, NAME_PATTERN).done();
  if (name !== undefined) return name;
  const caller = req.caller;
  if (caller?.type === 'user') return caller.userName;
  throw iamError.validation('Must specify userName when calling with non-User credentials');
}
