/**
 * Organizations' in-process operations: what the wire handlers do, callable by the seeds and by other
 * services (STS settles pending account creations before it looks a role up; sso-admin can ask
 * whether Identity Center is a trusted service).
 *
 * Asynchronous work is lazy: a CreateAccount request records when it completes, and whoever reads
 * the organization next calls `settleOrganization`, which completes everything that is due, in
 * order, with the timestamps it would have had.
 */
import type { SandboxContext } from '../../service.js';
import { type AccountState, ensureAccount } from '../../world.js';
import { createAccessRole, DEFAULT_ACCESS_ROLE } from './access-role.js';
import { type CreateAccountRequest, type OrgAccount, type Organization, orgArn, rootOf } from './model.js';

/** The organization, or undefined when there is none. */
export function currentOrganization(ctx: SandboxContext): Organization | undefined {
  return ctx.world.organizations.organization;
}

/** Makes `accountId` (default: the primary account) the management account of a new organization. */
export function createOrganizationInternal(
  ctx: SandboxContext,
  input: { managementAccountId?: string; featureSet?: 'ALL' | 'CONSOLIDATED_BILLING' } = {},
): Organization {
  const state = ctx.world.organizations;
  if (state.organization) return state.organization;
  const mgmtId = input.managementAccountId ?? ctx.world.primaryAccountId;
  const mgmt = ensureAccount(ctx.world, mgmtId);
  const id = ctx.ids.orgId();
  const email = mgmt.email ?? `aws+${mgmtId}@example.com`;
  const org: Organization = {
    Id: id,
    Arn: `arn:aws:organizations::${mgmtId}:organization/${id}`,
    FeatureSet: input.featureSet ?? 'ALL',
    MasterAccountId: mgmtId,
    MasterAccountArn: `arn:aws:organizations::${mgmtId}:account/${id}/${mgmtId}`,
    MasterAccountEmail: email,
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
  };
  state.organization = org;
  const rootId = ctx.ids.rootId();
  state.roots[rootId] = { Id: rootId, Arn: orgArn(org, 'root', rootId), Name: 'Root', PolicyTypes: [] };
  // The management account shows as INVITED: it joined the organization it created, it was not created by it.
  addAccount(ctx, {
    id: mgmtId,
    name: mgmt.name ?? mgmtId,
    email,
    joinedMethod: 'INVITED',
    joinedAt: ctx.clock.now(),
  });
  return org;
}

function addAccount(
  ctx: SandboxContext,
  input: { id: string; name: string; email: string; joinedMethod: 'CREATED' | 'INVITED'; joinedAt: number },
): OrgAccount {
  const state = ctx.world.organizations;
  const org = state.organization!;
  const account: OrgAccount = {
    Id: input.id,
    Arn: orgArn(org, 'account', input.id),
    Email: input.email,
    Name: input.name,
    Status: 'ACTIVE',
    JoinedMethod: input.joinedMethod,
    JoinedTimestamp: input.joinedAt,
    ParentId: rootOf(state)!.Id,
  };
  state.accounts[input.id] = account;
  return account;
}

/** True when some account in the world (or an account creation still running) already uses the email. */
export function emailInUse(ctx: SandboxContext, email: string): boolean {
  const wanted = email.toLowerCase();
  return (
    Object.values(ctx.world.accounts).some((a) => a.email?.toLowerCase() === wanted) ||
    Object.values(ctx.world.organizations.accounts).some((a) => a.Email.toLowerCase() === wanted)
  );
}

function newAccountId(ctx: SandboxContext): string {
  for (;;) {
    const id = ctx.ids.accountId();
    if (!ctx.world.accounts[id]) return id;
  }
}

/** Creates a member account with its access role; shared by CreateAccount and the `org` seed. */
function materialiseAccount(
  ctx: SandboxContext,
  input: { name: string; email: string; roleName: string; at: number; roleChangedAt: number },
): AccountState {
  const org = ctx.world.organizations.organization!;
  const id = newAccountId(ctx);
  const account = ensureAccount(ctx.world, id, { name: input.name, email: input.email });
  addAccount(ctx, { id, name: input.name, email: input.email, joinedMethod: 'CREATED', joinedAt: input.at });
  createAccessRole(ctx, id, {
    roleName: input.roleName,
    managementAccountId: org.MasterAccountId,
    changedAt: input.roleChangedAt,
  });
  return account;
}

/**
 * Creates a member account at once (no asynchronous status), with OrganizationAccountAccessRole.
 * Its role counts as long-standing (no IAM propagation delay), as everything a seed creates.
 */
export function createMemberAccountInternal(
  ctx: SandboxContext,
  input: { name: string; email: string; roleName?: string },
): AccountState {
  if (!ctx.world.organizations.organization) createOrganizationInternal(ctx);
  return materialiseAccount(ctx, {
    name: input.name,
    email: input.email,
    roleName: input.roleName ?? DEFAULT_ACCESS_ROLE,
    at: ctx.clock.now(),
    roleChangedAt: 0,
  });
}

/** Completes one CreateAccount request as of its CompleteAt. */
function completeCreateAccount(ctx: SandboxContext, request: CreateAccountRequest): void {
  const at = request.CompleteAt;
  request.CompletedTimestamp = at;
  // The request's pattern check is loose; addresses no mail system accepts fail only here.
  if (/\.\.|^\.|\.@|@\.|\.$/.test(request.Email)) {
    request.State = 'FAILED';
    request.FailureReason = 'INVALID_EMAIL';
    return;
  }
  // Email addresses are unique across AWS; of two requests for one address the first to finish wins.
  if (emailInUse(ctx, request.Email)) {
    request.State = 'FAILED';
    request.FailureReason = 'EMAIL_ALREADY_EXISTS';
    return;
  }
  const account = materialiseAccount(ctx, {
    name: request.AccountName,
    email: request.Email,
    roleName: request.RoleName,
    at,
    roleChangedAt: at,
  });
  if (request.Tags.length > 0) ctx.world.organizations.tags[account.id] = [...request.Tags];
  request.State = 'SUCCEEDED';
  request.AccountId = account.id;
}

/** Brings the organization up to the clock: due account creations and closures complete. */
export function settleOrganization(ctx: SandboxContext): void {
  const state = ctx.world.organizations;
  if (!state.organization) return;
  const now = ctx.clock.now();
  const due = Object.values(state.createAccountRequests)
    .filter((r) => r.State === 'IN_PROGRESS' && r.CompleteAt <= now)
    .sort((a, b) => a.CompleteAt - b.CompleteAt);
  for (const request of due) completeCreateAccount(ctx, request);
  for (const account of Object.values(state.accounts)) {
    if (account.Status === 'PENDING_CLOSURE' && (account.ClosingAt ?? 0) <= now) {
      account.Status = 'SUSPENDED';
      account.ClosingAt = undefined;
    }
  }
}

/** Trusts an AWS service (EnableAWSServiceAccess) without a call; idempotent. */
export function enableServiceAccessInternal(ctx: SandboxContext, servicePrincipal: string): void {
  const access = ctx.world.organizations.serviceAccess;
  if (access[servicePrincipal] === undefined) access[servicePrincipal] = ctx.clock.now();
}

/** Whether the organization trusts the service, e.g. sso.amazonaws.com for IAM Identity Center. */
export function isServiceAccessEnabled(ctx: SandboxContext, servicePrincipal: string): boolean {
  return ctx.world.organizations.serviceAccess[servicePrincipal] !== undefined;
}
