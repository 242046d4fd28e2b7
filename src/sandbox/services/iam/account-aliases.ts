/**
 * The account alias (one per account, unique across AWS), used in sign-in URLs.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html
 */
import type { SandboxRequest } from '../../service.js';
import { iamError } from './errors.js';
import { pageTail, paginate } from './paginate.js';
import { accountOf, iamOf } from './state.js';
import { checks, required } from './validate.js';

const ALIAS = {
  re: /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/,
  text: '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$',
};

function aliasParam(req: SandboxRequest): string {
  const alias = required(req.params, 'AccountAlias');
  checks().string('accountAlias', alias, 3, 63, ALIAS).done();
  return alias;
}

export function createAccountAlias(req: SandboxRequest) {
  const alias = aliasParam(req);
  const me = accountOf(req);
  for (const account of Object.values(req.ctx.world.accounts)) {
    if (account.id !== me && account.iam.aliases?.includes(alias))
      throw iamError.alreadyExists(`The account alias ${alias} already exists.`);
  }
  // An account has at most one alias: creating another replaces it.
  iamOf(req).aliases = [alias];
  return undefined;
}

export function deleteAccountAlias(req: SandboxRequest) {
  const alias = aliasParam(req);
  const iam = iamOf(req);
  if (!iam.aliases?.includes(alias))
    throw iamError.noSuchEntity(`The account alias ${alias} cannot be found.`);
  iam.aliases = [];
  return undefined;
}

export function listAccountAliases(req: SandboxRequest) {
  const page = paginate(iamOf(req).aliases ?? [], req.params, (a) => a);
  return { AccountAliases: page.items, ...pageTail(page) };
}
