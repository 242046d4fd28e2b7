/**
 * Account assignments: asynchronous create and delete with their status operations, and the two
 * listings. The work (principal check, implicit provisioning, role removal after the last
 * assignment) happens in async-ops when the request completes.
 */

import { AwsError } from '../../aws-error.js';
import { lookup } from '../../record-index.js';
import type { SandboxRequest } from '../../service.js';
import { groupsOfUser } from '../identitystore/model.js';
import {
  assignmentStatusView,
  type OperationInput,
  outstanding,
  startOperation,
  statusMetadata,
} from './async-ops.js';
import { notFound, requireInstance, requirePermissionSet, ssoState } from './lookup.js';
import type { AccountAssignment, AsyncKind } from './model.js';
import { paginate } from './paginate.js';
import { INSTANCE, PERMISSION_SET } from './permission-sets.js';
import { Checker, PATTERNS } from './validate.js';

const ACCOUNT = { pattern: PATTERNS.accountId, min: 12, max: 12 } as const;
const PRINCIPAL_TYPE = { enum: ['USER', 'GROUP'] } as const;
const PRINCIPAL_ID = { pattern: PATTERNS.principalId, min: 1, max: 47 } as const;
const REQUEST_ID = { pattern: PATTERNS.uuid, min: 36, max: 36 } as const;
const STATUS = { enum: ['IN_PROGRESS', 'FAILED', 'SUCCEEDED'] } as const;

function readAssignment(req: SandboxRequest, kind: AsyncKind): OperationInput {
  const c = new Checker(req.params);
  const instanceArn = c.req('InstanceArn', INSTANCE);
  const targetId = c.req('TargetId', ACCOUNT);
  c.req('TargetType', { enum: ['AWS_ACCOUNT'] });
  const permissionSetArn = c.req('PermissionSetArn', PERMISSION_SET);
  const principalType = c.req('PrincipalType', PRINCIPAL_TYPE) as 'USER' | 'GROUP';
  const principalId = c.req('PrincipalId', PRINCIPAL_ID);
  c.done();
  requirePermissionSet(req, instanceArn, permissionSetArn);
  return {
    Kind: kind,
    InstanceArn: instanceArn,
    PermissionSetArn: permissionSetArn,
    TargetId: targetId,
    PrincipalType: principalType,
    PrincipalId: principalId,
  };
}

function describeStatus(req: SandboxRequest, kind: AsyncKind, idMember: string) {
  const c = new Checker(req.params);
  const instanceArn = c.req('InstanceArn', INSTANCE);
  const requestId = c.req(idMember, REQUEST_ID);
  c.done();
  requireInstance(req, instanceArn);
  const s = ssoState(req.ctx).statuses[requestId];
  if (!s || s.Kind !== kind || s.InstanceArn !== instanceArn)
    throw notFound(`Request ${requestId} does not exist.`);
  return assignmentStatusView(s);
}

function listStatuses(req: SandboxRequest, kind: AsyncKind) {
  const c = new Checker(req.params);
  const instanceArn = c.req('InstanceArn', INSTANCE);
  const max = c.int('MaxResults', { min: 1, max: 100 });
  const token = c.opt('NextToken', { pattern: PATTERNS.token, max: 2048 });
  const filter = c.obj('Filter', false);
  const status = filter ? c.checkString('Filter.Status', filter.Status, STATUS, false) : undefined;
  c.done();
  requireInstance(req, instanceArn);
  const all = Object.values(ssoState(req.ctx).statuses).filter(
    (s) => s.Kind === kind && s.InstanceArn === instanceArn && (!status || s.Status === status),
  );
  const page = paginate(all, `${kind}|${instanceArn}|${status}`, token, max);
  return { items: page.items.map(statusMetadata), nextToken: page.nextToken };
}

function assignmentView(a: AccountAssignment): Record<string, unknown> {
  return {
    AccountId: a.AccountId,
    PermissionSetArn: a.PermissionSetArn,
    PrincipalType: a.PrincipalType,
    PrincipalId: a.PrincipalId,
  };
}

export const assignmentOperations = {
  CreateAccountAssignment(req: SandboxRequest) {
    const input = readAssignment(req, 'assignment-create');
    // "The write API operations have a limit of 15 outstanding asynchronous calls. This limit cannot
    // be increased." (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html, Throttle
    // limits). The API reference's only error for exceeding a rate or concurrency limit is
    // ThrottlingException (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateAccountAssignment.html),
    // and callers over the limit report it with this message
    // (https://github.com/aws-samples/aws-iam-identity-center-extensions/issues/87).
    const cap = req.ctx.realism.config.maxOutstandingAssignmentCreations;
    if (outstanding(req.ctx, input.InstanceArn, 'assignment-create') >= cap) {
      throw new AwsError(
        'ThrottlingException',
        'There are too many requests processing. Please try again later.',
      );
    }
    return { AccountAssignmentCreationStatus: assignmentStatusView(startOperation(req.ctx, input)) };
  },

  DeleteAccountAssignment(req: SandboxRequest) {
    const input = readAssignment(req, 'assignment-delete');
    return { AccountAssignmentDeletionStatus: assignmentStatusView(startOperation(req.ctx, input)) };
  },

  DescribeAccountAssignmentCreationStatus(req: SandboxRequest) {
    const view = describeStatus(req, 'assignment-create', 'AccountAssignmentCreationRequestId');
    return { AccountAssignmentCreationStatus: view };
  },

  DescribeAccountAssignmentDeletionStatus(req: SandboxRequest) {
    const view = describeStatus(req, 'assignment-delete', 'AccountAssignmentDeletionRequestId');
    return { AccountAssignmentDeletionStatus: view };
  },

  ListAccountAssignmentCreationStatus(req: SandboxRequest) {
    const { items, nextToken } = listStatuses(req, 'assignment-create');
    return { AccountAssignmentsCreationStatus: items, NextToken: nextToken };
  },

  ListAccountAssignmentDeletionStatus(req: SandboxRequest) {
    const { items, nextToken } = listStatuses(req, 'assignment-delete');
    return { AccountAssignmentsDeletionStatus: items, NextToken: nextToken };
  },

  ListAccountAssignments(req: SandboxRequest) {
    const c = new Checker(req.params);
    const instanceArn = c.req('InstanceArn', INSTANCE);
    const accountId = c.req('AccountId', ACCOUNT);
    const permissionSetArn = c.req('PermissionSetArn', PERMISSION_SET);
    const max = c.int('MaxResults', { min: 1, max: 100 });
    const token = c.opt('NextToken', { pattern: PATTERNS.token, max: 2048 });
    c.done();
    requirePermissionSet(req, instanceArn, permissionSetArn);
    const all = Object.values(ssoState(req.ctx).assignments).filter(
      (a) => a.AccountId === accountId && a.PermissionSetArn === permissionSetArn,
    );
    const page = paginate(all, `ListAccountAssignments|${permissionSetArn}|${accountId}`, token, max);
    return { AccountAssignments: page.items.map(assignmentView), NextToken: page.nextToken };
  },

  /** For a user, AWS includes what the user gets through its groups, each item naming its principal. */
  ListAccountAssignmentsForPrincipal(req: SandboxRequest) {
    const c = new Checker(req.params);
    const instanceArn = c.req('InstanceArn', INSTANCE);
    const principalId = c.req('PrincipalId', PRINCIPAL_ID);
    const principalType = c.req('PrincipalType', PRINCIPAL_TYPE);
    const filter = c.obj('Filter', false);
    const accountId = filter
      ? c.checkString('Filter.AccountId', filter.AccountId, ACCOUNT, false)
      : undefined;
    const max = c.int('MaxResults', { min: 1, max: 100 });
    const token = c.opt('NextToken', { pattern: PATTERNS.token, max: 2048 });
    c.done();
    const instance = requireInstance(req, instanceArn);
    // A user's list includes what it is given through its groups (theirs follow its own).
    const principals = [`${principalType}|${principalId}`];
    if (principalType === 'USER') {
      for (const g of groupsOfUser(req.ctx.world.identityStore, instance.IdentityStoreId, principalId)) {
        principals.push(`GROUP|${g}`);
      }
    }
    const assignments = ssoState(req.ctx).assignments;
    const all = principals
      .flatMap((p) => lookup(assignments, 'byPrincipal', (a) => `${a.PrincipalType}|${a.PrincipalId}`, p))
      .filter((a) => a.InstanceArn === instanceArn && (!accountId || a.AccountId === accountId));
    const scope = `ListAccountAssignmentsForPrincipal|${instanceArn}|${principalType}|${principalId}|${accountId}`;
    const page = paginate(all, scope, token, max);
    return { AccountAssignments: page.items.map(assignmentView), NextToken: page.nextToken };
  },
};
