/** Accounts in the organization: list, describe, move between parents, close. */
import type { SandboxRequest } from '../../service.js';
import { invalidValue, orgErrors, requireString } from './errors.js';
import { managementCall } from './guard.js';
import type { OrgAccount, OrgState } from './model.js';
import { paginate } from './paging.js';
import { existingParent } from './units.js';

const ACCOUNT_ID = /^\d{12}$/;

export function accountView(a: OrgAccount) {
  return {
    Id: a.Id,
    Arn: a.Arn,
    Email: a.Email,
    Name: a.Name,
    Status: a.Status,
    State: a.Status,
    JoinedMethod: a.JoinedMethod,
    JoinedTimestamp: new Date(a.JoinedTimestamp),
  };
}

function accountIdParam(params: Record<string, unknown>): string {
  const id = requireString(params, 'AccountId');
  const bad = invalidValue('AccountId', id, { max: 12, pattern: ACCOUNT_ID });
  if (bad) throw bad;
  return id;
}

function member(state: OrgState, id: string): OrgAccount {
  const account = state.accounts[id];
  if (!account) throw orgErrors.accountNotFound();
  return account;
}

export function listAccounts(req: SandboxRequest) {
  const { state } = managementCall(req);
  const { page, NextToken } = paginate('ListAccounts', req.params, Object.values(state.accounts));
  return { Accounts: page.map(accountView), NextToken };
}

export function listAccountsForParent(req: SandboxRequest) {
  const { state } = managementCall(req);
  const parentId = existingParent(state, req.params, 'ParentId');
  const accounts = Object.values(state.accounts).filter((a) => a.ParentId === parentId);
  const { page, NextToken } = paginate('ListAccountsForParent', req.params, accounts);
  return { Accounts: page.map(accountView), NextToken };
}

export function describeAccount(req: SandboxRequest) {
  const { state } = managementCall(req);
  return { Account: accountView(member(state, accountIdParam(req.params))) };
}

export function moveAccount(req: SandboxRequest) {
  const { state } = managementCall(req);
  const accountId = accountIdParam(req.params);
  const source = existingParent(state, req.params, 'SourceParentId', orgErrors.sourceParentNotFound);
  const destination = existingParent(
    state,
    req.params,
    'DestinationParentId',
    orgErrors.destinationParentNotFound,
  );
  const account = member(state, accountId);
  if (account.ParentId === destination) throw orgErrors.duplicateAccount();
  // An account that is not under the source parent cannot be found there.
  if (account.ParentId !== source) throw orgErrors.accountNotFound();
  account.ParentId = destination;
  return {};
}

/**
 * Closing is asynchronous: PENDING_CLOSURE, then SUSPENDED once the clock passes ClosingAt (AWS keeps
 * the account suspended for 90 days before it is gone; the sandbox keeps it suspended).
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_CloseAccount.html
 */
export function closeAccount(req: SandboxRequest) {
  const { state, org } = managementCall(req);
  const account = member(state, accountIdParam(req.params));
  if (account.Id === org.MasterAccountId) {
    throw orgErrors.constraint(
      'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
      'You attempted to close the management account. Remove or close all member accounts and close it as a standalone account.',
    );
  }
  if (account.Status !== 'ACTIVE') throw orgErrors.accountAlreadyClosed();
  account.Status = 'PENDING_CLOSURE';
  // No separate knob: closure takes about as long as creation.
  account.ClosingAt = req.ctx.clock.now() + req.ctx.realism.latency('createAccount');
  return {};
}
