/**
 * Explicit provisioning and the provisioning listings. A provisioned copy older than the
 * permission set's current revision is LATEST_PERMISSION_SET_NOT_PROVISIONED until
 * ProvisionPermissionSet runs again (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ProvisionPermissionSet.html).
 */
import type { SandboxRequest } from '../../service.js';
import { provisioningStatusView, startOperation, statusMetadata } from './async-ops.js';
import { notFound, requireInstance, requirePermissionSet, ssoState } from './lookup.js';
import type { ProvisionedPermissionSet } from './model.js';
import { paginate } from './paginate.js';
import { INSTANCE, readTarget } from './permission-sets.js';
import { Checker, PATTERNS } from './validate.js';

const ACCOUNT = { pattern: PATTERNS.accountId, min: 12, max: 12 } as const;
const PROVISIONING_STATUS = {
  enum: ['LATEST_PERMISSION_SET_PROVISIONED', 'LATEST_PERMISSION_SET_NOT_PROVISIONED'],
} as const;

/** Whether a provisioned copy matches the filter, comparing it with the permission set's revision. */
function matches(req: SandboxRequest, p: ProvisionedPermissionSet, filter: string | undefined): boolean {
  if (!filter) return true;
  const latest = ssoState(req.ctx).permissionSets[p.PermissionSetArn]?.Revision === p.Revision;
  return filter === 'LATEST_PERMISSION_SET_PROVISIONED' ? latest : !latest;
}

function readPage(c: Checker): { max?: number; token?: string } {
  return {
    max: c.int('MaxResults', { min: 1, max: 100 }),
    token: c.opt('NextToken', { pattern: PATTERNS.token, max: 2048 }),
  };
}

export const provisionOperations = {
  ProvisionPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const targetType = c.req('TargetType', { enum: ['AWS_ACCOUNT', 'ALL_PROVISIONED_ACCOUNTS'] });
    const targetId = c.opt('TargetId', ACCOUNT);
    if (targetType === 'AWS_ACCOUNT' && req.params.TargetId === undefined) {
      c.problem('TargetId', undefined, 'Member must not be null when TargetType is AWS_ACCOUNT');
    }
    c.done();
    requirePermissionSet(req, instanceArn, permissionSetArn);
    const status = startOperation(req.ctx, {
      Kind: 'provision',
      InstanceArn: instanceArn,
      PermissionSetArn: permissionSetArn,
      TargetId: targetType === 'AWS_ACCOUNT' ? targetId : undefined,
    });
    return { PermissionSetProvisioningStatus: provisioningStatusView(status) };
  },

  DescribePermissionSetProvisioningStatus(req: SandboxRequest) {
    const c = new Checker(req.params);
    const instanceArn = c.req('InstanceArn', INSTANCE);
    const requestId = c.req('ProvisionPermissionSetRequestId', { pattern: PATTERNS.uuid, min: 36, max: 36 });
    c.done();
    requireInstance(req, instanceArn);
    const s = ssoState(req.ctx).statuses[requestId];
    if (s?.Kind !== 'provision' || s.InstanceArn !== instanceArn) {
      throw notFound(`Request ${requestId} does not exist.`);
    }
    return { PermissionSetProvisioningStatus: provisioningStatusView(s) };
  },

  ListPermissionSetProvisioningStatus(req: SandboxRequest) {
    const c = new Checker(req.params);
    const instanceArn = c.req('InstanceArn', INSTANCE);
    const { max, token } = readPage(c);
    const filter = c.obj('Filter', false);
    const status = filter
      ? c.checkString('Filter.Status', filter.Status, { enum: ['IN_PROGRESS', 'FAILED', 'SUCCEEDED'] }, false)
      : undefined;
    c.done();
    requireInstance(req, instanceArn);
    const all = Object.values(ssoState(req.ctx).statuses).filter(
      (s) => s.Kind === 'provision' && s.InstanceArn === instanceArn && (!status || s.Status === status),
    );
    const page = paginate(all, `provision|${instanceArn}|${status}`, token, max);
    return { PermissionSetsProvisioningStatus: page.items.map(statusMetadata), NextToken: page.nextToken };
  },

  ListAccountsForProvisionedPermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const filter = c.opt('ProvisioningStatus', PROVISIONING_STATUS);
    const { max, token } = readPage(c);
    c.done();
    requirePermissionSet(req, instanceArn, permissionSetArn);
    const accounts = Object.values(ssoState(req.ctx).provisioned)
      .filter((p) => p.PermissionSetArn === permissionSetArn && matches(req, p, filter))
      .map((p) => p.AccountId);
    const page = paginate(accounts, `ListAccountsForProvisioned|${permissionSetArn}|${filter}`, token, max);
    return { AccountIds: page.items, NextToken: page.nextToken };
  },

  ListPermissionSetsProvisionedToAccount(req: SandboxRequest) {
    const c = new Checker(req.params);
    const instanceArn = c.req('InstanceArn', INSTANCE);
    const accountId = c.req('AccountId', ACCOUNT);
    const filter = c.opt('ProvisioningStatus', PROVISIONING_STATUS);
    const { max, token } = readPage(c);
    c.done();
    requireInstance(req, instanceArn);
    const arns = Object.values(ssoState(req.ctx).provisioned)
      .filter((p) => p.InstanceArn === instanceArn && p.AccountId === accountId && matches(req, p, filter))
      .map((p) => p.PermissionSetArn);
    const page = paginate(arns, `ListProvisionedToAccount|${instanceArn}|${accountId}|${filter}`, token, max);
    return { PermissionSets: page.items, NextToken: page.nextToken };
  },
};
