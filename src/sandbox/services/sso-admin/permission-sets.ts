/**
 * Permission sets: create, describe, update, delete, list. Names are unique per instance;
 * SessionDuration is an ISO-8601 duration from PT1H to PT12H (it becomes the role's
 * MaxSessionDuration). Any edit bumps the revision; roles change only when re-provisioned.
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html
 */
import type { SandboxRequest } from '../../service.js';
import {
  arnId,
  conflict,
  nowIso,
  permissionSetView,
  quotaExceeded,
  requireInstance,
  requirePermissionSet,
  ssoState,
  touch,
} from './lookup.js';
import type { PermissionSet } from './model.js';
import { paginate } from './paginate.js';
import { durationSeconds } from './provisioning.js';
import { readTags } from './tags.js';
import { Checker, PATTERNS } from './validate.js';

/** Permission sets per instance (IAM Identity Center quotas, "AWS account quotas"). */
const MAX_PERMISSION_SETS = 2000;

export const INSTANCE = { pattern: PATTERNS.instanceArn, min: 10, max: 1224 } as const;
export const PERMISSION_SET = { pattern: PATTERNS.permissionSetArn, min: 10, max: 1224 } as const;
const DURATION = { pattern: PATTERNS.duration, min: 1, max: 100 } as const;
const DESCRIPTION = { pattern: PATTERNS.description, min: 1, max: 700 } as const;
const RELAY_STATE = { pattern: PATTERNS.relayState, min: 1, max: 240 } as const;

/** Reads SessionDuration and checks AWS's 1 to 12 hour range. */
function readDuration(c: Checker): string | undefined {
  const value = c.opt('SessionDuration', DURATION);
  if (value === undefined) return undefined;
  const seconds = durationSeconds(value);
  if (seconds === undefined || seconds < 3600 || seconds > 43200) {
    c.problem('SessionDuration', value, 'Session duration must be between PT1H and PT12H');
  }
  return value;
}

/** Reads the InstanceArn and PermissionSetArn every permission-set operation takes. */
export function readTarget(req: SandboxRequest): {
  c: Checker;
  instanceArn: string;
  permissionSetArn: string;
} {
  const c = new Checker(req.params);
  const instanceArn = c.req('InstanceArn', INSTANCE);
  const permissionSetArn = c.req('PermissionSetArn', PERMISSION_SET);
  return { c, instanceArn, permissionSetArn };
}

export const permissionSetOperations = {
  CreatePermissionSet(req: SandboxRequest) {
    const c = new Checker(req.params);
    const name = c.req('Name', { pattern: PATTERNS.permissionSetName, min: 1, max: 32 });
    const instanceArn = c.req('InstanceArn', INSTANCE);
    const description = c.opt('Description', DESCRIPTION);
    const duration = readDuration(c);
    const relayState = c.opt('RelayState', RELAY_STATE);
    const tags = readTags(c, req.params.Tags, false);
    c.done();
    requireInstance(req, instanceArn);
    const state = ssoState(req.ctx);
    const siblings = Object.values(state.permissionSets).filter((p) => p.InstanceArn === instanceArn);
    if (siblings.some((p) => p.Name === name))
      throw conflict(`PermissionSet with name ${name} already exists.`);
    if (siblings.length >= MAX_PERMISSION_SETS) {
      throw quotaExceeded(`The instance already has the maximum of ${MAX_PERMISSION_SETS} permission sets.`);
    }
    const ps: PermissionSet = {
      PermissionSetArn: `arn:aws:sso:::permissionSet/${arnId(instanceArn)}/${req.ctx.ids.permissionSetId()}`,
      InstanceArn: instanceArn,
      Name: name,
      Description: description,
      SessionDuration: duration ?? 'PT1H',
      RelayState: relayState,
      CreatedDate: nowIso(req.ctx),
      Tags: tags,
      ManagedPolicies: [],
      CustomerManagedPolicyReferences: [],
      Revision: 1,
    };
    state.permissionSets[ps.PermissionSetArn] = ps;
    return { PermissionSet: permissionSetView(ps) };
  },

  DescribePermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    c.done();
    return { PermissionSet: permissionSetView(requirePermissionSet(req, instanceArn, permissionSetArn)) };
  },

  UpdatePermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    const description = c.opt('Description', DESCRIPTION);
    const duration = readDuration(c);
    const relayState = c.opt('RelayState', RELAY_STATE);
    c.done();
    const ps = requirePermissionSet(req, instanceArn, permissionSetArn);
    if (description !== undefined) ps.Description = description;
    if (duration !== undefined) ps.SessionDuration = duration;
    if (relayState !== undefined) ps.RelayState = relayState;
    touch(ps);
    return {};
  },

  DeletePermissionSet(req: SandboxRequest) {
    const { c, instanceArn, permissionSetArn } = readTarget(req);
    c.done();
    requirePermissionSet(req, instanceArn, permissionSetArn);
    const state = ssoState(req.ctx);
    // AWS refuses while the permission set is assigned or provisioned anywhere, or has work under way.
    const inUse =
      Object.values(state.assignments).some((a) => a.PermissionSetArn === permissionSetArn) ||
      Object.values(state.provisioned).some((p) => p.PermissionSetArn === permissionSetArn) ||
      Object.values(state.statuses).some(
        (s) => s.Status === 'IN_PROGRESS' && s.PermissionSetArn === permissionSetArn,
      );
    if (inUse) {
      throw conflict(
        `Could not delete because PermissionSet ${arnId(permissionSetArn)} is still assigned to or provisioned in one or more AWS accounts.`,
      );
    }
    delete state.permissionSets[permissionSetArn];
    for (const key of Object.keys(state.roleSuffixes ?? {})) {
      if (key.startsWith(`${permissionSetArn}|`)) delete state.roleSuffixes?.[key];
    }
    return {};
  },

  ListPermissionSets(req: SandboxRequest) {
    const c = new Checker(req.params);
    const instanceArn = c.req('InstanceArn', INSTANCE);
    const max = c.int('MaxResults', { min: 1, max: 100 });
    const token = c.opt('NextToken', { pattern: PATTERNS.token, max: 2048 });
    c.done();
    requireInstance(req, instanceArn);
    const arns = Object.values(ssoState(req.ctx).permissionSets)
      .filter((p) => p.InstanceArn === instanceArn)
      .map((p) => p.PermissionSetArn);
    const page = paginate(arns, `ListPermissionSets|${instanceArn}`, token, max);
    return { PermissionSets: page.items, NextToken: page.nextToken };
  },
};
