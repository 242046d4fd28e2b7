/**
 * IAM roles: create, read, update, trust policy, delete, list, permissions boundary.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 * The trust policy counts against ACLSizePerRole (2,048 characters without white space by default):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
import type { SandboxContext, SandboxRequest } from '../../service.js';
import { ensureAccount } from '../../world.js';
import { touch } from './entity-params.js';
import { entityExists, iamError, quotaExceeded } from './errors.js';
import { findRole, type IamRole, iamArn, setOwn, type Tag } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { validatePolicyDocument } from './policy-document.js';
import { roleWire } from './render.js';
import { iamOf, now, principalResolver, requireAttachable, requireRole } from './state.js';
import { readTags } from './tags.js';
import {
  checks,
  DESCRIPTION_PATTERN,
  DOCUMENT_PATTERN,
  NAME_PATTERN,
  optional,
  optionalInt,
  PATH_PATTERN,
  PATH_PREFIX_PATTERN,
  pathOrRoot,
  policySize,
  required,
} from './validate.js';

export const TRUST_POLICY_LIMIT = 2048;
export const ROLES_PER_ACCOUNT = 1000;
export const DEFAULT_MAX_SESSION_DURATION = 3600;

/** What a new role is made of, for CreateRole and for other services creating roles in-process. */
export interface NewRole {
  RoleName: string;
  Path?: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: string;
  Tags?: Tag[];
  AttachedPolicies?: string[];
  InlinePolicies?: Record<string, string>;
}

/** Stores a new role in an account; the caller has validated the input. */
export function insertRole(ctx: SandboxContext, accountId: string, input: NewRole): IamRole {
  const iam = ensureAccount(ctx.world, accountId).iam;
  if (findRole(iam, input.RoleName)) throw entityExists('role', input.RoleName);
  if (Object.keys(iam.roles).length >= ROLES_PER_ACCOUNT)
    throw quotaExceeded('RolesPerAccount', ROLES_PER_ACCOUNT);
  const path = pathOrRoot(input.Path);
  const at = ctx.clock.now();
  const role: IamRole = {
    RoleName: input.RoleName,
    RoleId: ctx.ids.iamUniqueId('AROA'),
    Arn: iamArn(accountId, 'role', path, input.RoleName),
    Path: path,
    CreateDate: new Date(at).toISOString(),
    AssumeRolePolicyDocument: input.AssumeRolePolicyDocument,
    Description: input.Description,
    MaxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    Tags: (input.Tags ?? []).map((t) => ({ ...t })),
    AttachedPolicies: [...(input.AttachedPolicies ?? [])],
    InlinePolicies: { ...(input.InlinePolicies ?? {}) },
    PermissionsBoundary: input.PermissionsBoundary,
    ChangedAt: at,
  };
  setOwn(iam.roles, input.RoleName.toLowerCase(), role);
  return role;
}

function checkRoleName(name: string) {
  return checks().string('roleName', name, 1, 64, NAME_PATTERN);
}

/** Grammar, principals that must exist, and the trust-policy size quota. */
function checkTrust(req: SandboxRequest, document: string): void {
  validatePolicyDocument(document, 'trust', principalResolver(req.ctx.world));
  if (policySize(document) > TRUST_POLICY_LIMIT) throw quotaExceeded('ACLSizePerRole', TRUST_POLICY_LIMIT);
}

export function createRole(req: SandboxRequest) {
  const p = req.params;
  const name = required(p, 'RoleName');
  const trust = required(p, 'AssumeRolePolicyDocument');
  const path = optional(p, 'Path');
  const description = optional(p, 'Description');
  const maxSession = optionalInt(p, 'MaxSessionDuration');
  const boundary = optional(p, 'PermissionsBoundary');
  checkRoleName(name)
    .string('assumeRolePolicyDocument', trust, 1, 131072, DOCUMENT_PATTERN)
    .string('path', path, 1, 512, PATH_PATTERN)
    .string('description', description, 0, 1000, DESCRIPTION_PATTERN)
    .range('maxSessionDuration', maxSession, 3600, 43200)
    .string('permissionsBoundary', boundary, 20, 2048)
    .done();
  const tags = readTags(p);
  checkTrust(req, trust);
  if (findRole(iamOf(req), name)) throw entityExists('role', name);
  const boundaryArn = boundary === undefined ? undefined : requireAttachable(req, boundary).Arn;
  const role = insertRole(req.ctx, req.caller!.accountId, {
    RoleName: name,
    Path: path,
    AssumeRolePolicyDocument: trust,
    Description: description,
    MaxSessionDuration: maxSession,
    PermissionsBoundary: boundaryArn,
    Tags: tags,
  });
  return { Role: roleWire(role, true) };
}

export function getRole(req: SandboxRequest) {
  const name = required(req.params, 'RoleName');
  checkRoleName(name).done();
  return { Role: roleWire(requireRole(iamOf(req), name), true) };
}

export function deleteRole(req: SandboxRequest) {
  const name = required(req.params, 'RoleName');
  checkRoleName(name).done();
  const iam = iamOf(req);
  const role = requireRole(iam, name);
  if (role.AttachedPolicies.length > 0)
    throw iamError.deleteConflict('Cannot delete entity, must detach all policies first.');
  if (Object.keys(role.InlinePolicies).length > 0)
    throw iamError.deleteConflict('Cannot delete entity, must delete policies first.');
  delete iam.roles[role.RoleName.toLowerCase()];
  return undefined;
}

export function updateRole(req: SandboxRequest) {
  const name = required(req.params, 'RoleName');
  const description = optional(req.params, 'Description');
  const maxSession = optionalInt(req.params, 'MaxSessionDuration');
  checkRoleName(name)
    .string('description', description, 0, 1000, DESCRIPTION_PATTERN)
    .range('maxSessionDuration', maxSession, 3600, 43200)
    .done();
  const role = requireRole(iamOf(req), name);
  if (description !== undefined) role.Description = description;
  if (maxSession !== undefined) role.MaxSessionDuration = maxSession;
  touch(req, role);
  return {};
}

/** The older single-purpose form of UpdateRole; it answers with the role. */
export function updateRoleDescription(req: SandboxRequest) {
  const name = required(req.params, 'RoleName');
  const description = required(req.params, 'Description');
  checkRoleName(name).string('description', description, 0, 1000, DESCRIPTION_PATTERN).done();
  const role = requireRole(iamOf(req), name);
  role.Description = description;
  touch(req, role);
  return { Role: roleWire(role, true) };
}

export function updateAssumeRolePolicy(req: SandboxRequest) {
  const name = required(req.params, 'RoleName');
  const document = required(req.params, 'PolicyDocument');
  checkRoleName(name).string('policyDocument', document, 1, 131072, DOCUMENT_PATTERN).done();
  const role = requireRole(iamOf(req), name);
  checkTrust(req, document);
  role.AssumeRolePolicyDocument = document;
  role.ChangedAt = now(req).ms;
  return undefined;
}

export function listRoles(req: SandboxRequest) {
  const prefix = optional(req.params, 'PathPrefix');
  checks().string('pathPrefix', prefix, 1, 512, PATH_PREFIX_PATTERN).done();
  const roles = Object.values(iamOf(req).roles).filter((r) => !prefix || r.Path.startsWith(prefix));
  const page = paginate(roles, req.params, (r) => r.RoleName.toLowerCase());
  return { Roles: page.items.map((r) => roleWire(r, false)), ...pageTail(page) };
}

export function putRolePermissionsBoundary(req: SandboxRequest) {
  const name = required(req.params, 'RoleName');
  const arn = required(req.params, 'PermissionsBoundary');
  checkRoleName(name).string('permissionsBoundary', arn, 20, 2048).done();
  const role = requireRole(iamOf(req), name);
  role.PermissionsBoundary = requireAttachable(req, arn).Arn;
  touch(req, role);
  return undefined;
}

export function deleteRolePermissionsBoundary(req: SandboxRequest) {
  const name = required(req.params, 'RoleName');
  checkRoleName(name).done();
  const role = requireRole(iamOf(req), name);
  role.PermissionsBoundary = undefined;
  touch(req, role);
  return undefined;
}
