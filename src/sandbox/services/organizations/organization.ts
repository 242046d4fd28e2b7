/** The organization itself: create, describe, delete, its root, and the AWS services it trusts. */
import type { SandboxRequest } from '../../service.js';
import { invalidValue, orgErrors, requireString } from './errors.js';
import { managementCall, memberCall } from './guard.js';
import { createOrganizationInternal, enableServiceAccessInternal } from './internal.js';
import { emptyOrgState } from './model.js';
import { paginate } from './paging.js';

export function createOrganization(req: SandboxRequest) {
  const state = req.ctx.world.organizations;
  const callerAccountId = req.caller!.accountId;
  const featureSet = req.params.FeatureSet ?? 'ALL';
  if (featureSet !== 'ALL' && featureSet !== 'CONSOLIDATED_BILLING') {
    throw orgErrors.invalidInput('INVALID_ENUM', 'You specified an invalid value for FeatureSet.');
  }
  if (state.organization) {
    if (state.accounts[callerAccountId]) throw orgErrors.alreadyInOrganization();
    // A deliberate limit of the sandbox, not AWS behaviour: one organization per world.
    throw orgErrors.accessDenied(
      `The sandbox holds a single organization (${state.organization.Id}); account ${callerAccountId} cannot create another.`,
    );
  }
  const org = createOrganizationInternal(req.ctx, { managementAccountId: callerAccountId, featureSet });
  return { Organization: { ...org } };
}

export function describeOrganization(req: SandboxRequest) {
  const { org } = memberCall(req);
  return { Organization: { ...org } };
}

export function deleteOrganization(req: SandboxRequest) {
  const { state, org } = managementCall(req);
  if (Object.keys(state.accounts).some((id) => id !== org.MasterAccountId)) throw orgErrors.orgNotEmpty();
  req.ctx.world.organizations = emptyOrgState();
  return {};
}

export function listRoots(req: SandboxRequest) {
  const { state } = managementCall(req);
  const { page, NextToken } = paginate('ListRoots', req.params, Object.values(state.roots));
  return { Roots: page.map((r) => ({ ...r, PolicyTypes: [...r.PolicyTypes] })), NextToken };
}

function servicePrincipal(req: SandboxRequest): string {
  const principal = requireString(req.params, 'ServicePrincipal');
  const bad = invalidValue('ServicePrincipal', principal, { min: 1, max: 128, pattern: /^[\w+=,.@-]*$/ });
  if (bad) throw bad;
  if (!principal.endsWith('.amazonaws.com')) {
    throw orgErrors.invalidInput(
      'UNRECOGNIZED_SERVICE_PRINCIPAL',
      'You specified an unrecognized service principal.',
    );
  }
  return principal;
}

export function enableAwsServiceAccess(req: SandboxRequest) {
  const { org } = managementCall(req);
  if (org.FeatureSet !== 'ALL') {
    throw orgErrors.constraint(
      'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      'This operation requires an organization with all features enabled.',
    );
  }
  enableServiceAccessInternal(req.ctx, servicePrincipal(req));
  return {};
}

export function disableAwsServiceAccess(req: SandboxRequest) {
  const { state } = managementCall(req);
  delete state.serviceAccess[servicePrincipal(req)];
  return {};
}

export function listAwsServiceAccess(req: SandboxRequest) {
  const { state } = managementCall(req);
  const enabled = Object.entries(state.serviceAccess)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ServicePrincipal, at]) => ({ ServicePrincipal, DateEnabled: new Date(at) }));
  const { page, NextToken } = paginate('ListAWSServiceAccessForOrganization', req.params, enabled);
  return { EnabledServicePrincipals: page, NextToken };
}
