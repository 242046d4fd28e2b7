/**
 * Who may call what: every operation needs the caller's account in the organization
 * (AWSOrganizationsNotInUseException otherwise); most need the management account
 * (AccessDeniedException otherwise; delegated administrators are not modelled).
 */
import type { SandboxRequest } from '../../service.js';
import { orgErrors } from './errors.js';
import { settleOrganization } from './internal.js';
import type { Organization, OrgState } from './model.js';

export interface OrgCall {
  state: OrgState;
  org: Organization;
  callerAccountId: string;
}

/** The caller's organization, brought up to the clock first. */
export function memberCall(req: SandboxRequest): OrgCall {
  const ctx = req.ctx;
  settleOrganization(ctx);
  const state = ctx.world.organizations;
  const org = state.organization;
  const callerAccountId = req.caller?.accountId ?? '';
  if (!org || !state.accounts[callerAccountId]) throw orgErrors.notInUse();
  return { state, org, callerAccountId };
}

/** As memberCall, and the caller must be the management account. */
export function managementCall(req: SandboxRequest): OrgCall {
  const call = memberCall(req);
  if (call.callerAccountId !== call.org.MasterAccountId) throw orgErrors.accessDenied();
  return call;
}
