/**
 * CreateAccount and its status. The request answers IN_PROGRESS at once; the account exists only
 * once the status reads SUCCEEDED, `ctx.realism.latency('createAccount')` later (AWS: minutes).
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html
 */
import type { SandboxRequest } from '../../service.js';
import { DEFAULT_ACCESS_ROLE } from './access-role.js';
import { invalidValue, orgErrors, requireString } from './errors.js';
import { managementCall } from './guard.js';
import type { CreateAccountRequest } from './model.js';
import { paginate } from './paging.js';
import { parseTags } from './tags.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ACCOUNT_NAME = /^[\u0020-\u007E]+$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const REQUEST_ID = /^car-[a-z0-9]{8,32}$/;
const STATES = ['IN_PROGRESS', 'SUCCEEDED', 'FAILED'];

export function statusView(r: CreateAccountRequest) {
  return {
    Id: r.Id,
    AccountName: r.AccountName,
    State: r.State,
    RequestedTimestamp: new Date(r.RequestedTimestamp),
    CompletedTimestamp: r.CompletedTimestamp === undefined ? undefined : new Date(r.CompletedTimestamp),
    AccountId: r.AccountId,
    FailureReason: r.FailureReason,
  };
}

function validated(params: Record<string, unknown>) {
  const email = requireString(params, 'Email');
  const accountName = requireString(params, 'AccountName');
  const roleName = params.RoleName === undefined ? DEFAULT_ACCESS_ROLE : String(params.RoleName);
  const billing = params.IamUserAccessToBilling ?? 'ALLOW';
  const bad =
    invalidValue('Email', email, { min: 6, max: 64, pattern: EMAIL }) ??
    invalidValue('AccountName', accountName, { min: 1, max: 50, pattern: ACCOUNT_NAME }) ??
    invalidValue('RoleName', roleName, { max: 64, pattern: ROLE_NAME });
  if (bad) throw bad;
  if (roleName.startsWith('AWSServiceRoleFor')) {
    throw orgErrors.invalidInput('INVALID_ROLE_NAME', 'You provided a role name that is not valid.');
  }
  if (billing !== 'ALLOW' && billing !== 'DENY') {
    throw orgErrors.invalidInput(
      'INVALID_ENUM',
      'You specified an invalid value for IamUserAccessToBilling.',
    );
  }
  return { email, accountName, roleName, billing: billing as 'ALLOW' | 'DENY', tags: parseTags(params.Tags) };
}

export function createAccount(req: SandboxRequest) {
  const { state } = managementCall(req);
  const input = validated(req.params);
  const ctx = req.ctx;
  const inProgress = Object.values(state.createAccountRequests).filter((r) => r.State === 'IN_PROGRESS');
  if (inProgress.length >= ctx.realism.config.maxAccountCreationsInProgress)
    throw orgErrors.tooManyRequests();
  const now = ctx.clock.now();
  const request: CreateAccountRequest = {
    Id: ctx.ids.createAccountRequestId(),
    AccountName: input.accountName,
    Email: input.email,
    RoleName: input.roleName,
    IamUserAccessToBilling: input.billing,
    Tags: input.tags,
    State: 'IN_PROGRESS',
    RequestedTimestamp: now,
    CompleteAt: now + ctx.realism.latency('createAccount'),
  };
  state.createAccountRequests[request.Id] = request;
  return { CreateAccountStatus: statusView(request) };
}

export function describeCreateAccountStatus(req: SandboxRequest) {
  const { state } = managementCall(req);
  const id = requireString(req.params, 'CreateAccountRequestId');
  const bad = invalidValue('CreateAccountRequestId', id, { max: 36, pattern: REQUEST_ID });
  if (bad) throw bad;
  const request = state.createAccountRequests[id];
  if (!request) throw orgErrors.createAccountStatusNotFound();
  return { CreateAccountStatus: statusView(request) };
}

export function listCreateAccountStatus(req: SandboxRequest) {
  const { state } = managementCall(req);
  const states = req.params.States;
  if (states !== undefined && (!Array.isArray(states) || states.some((s) => !STATES.includes(String(s))))) {
    throw orgErrors.invalidInput('INVALID_ENUM', 'You specified an invalid value for States.');
  }
  const wanted = (states as string[] | undefined) ?? STATES;
  const matching = Object.values(state.createAccountRequests).filter((r) => wanted.includes(r.State));
  const { page, NextToken } = paginate('ListCreateAccountStatus', req.params, matching);
  return { CreateAccountStatuses: page.map(statusView), NextToken };
}
