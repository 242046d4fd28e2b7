/**
 * Instances of IAM Identity Center. The sandbox models the organization instance, owned by the
 * management (primary) account. AWS enables that one only in the console and its CreateInstance
 * API makes account instances; the sandbox lets CreateInstance in the primary account enable the
 * organization instance so scripts can build a world, and does not model account instances.
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateInstance.html
 */

import type { SandboxContext, SandboxRequest } from '../../service.js';
import type { Tag } from '../iam/model.js';
import { conflict, nowIso, requireInstance, ssoState } from './lookup.js';
import type { SsoInstance } from './model.js';
import { paginate } from './paginate.js';
import { readTags } from './tags.js';
import { Checker, PATTERNS, validationError } from './validate.js';

/** Enables the organization instance for the owner account; at most one per account. */
export function enableInstance(
  ctx: SandboxContext,
  ownerAccountId: string,
  name?: string,
  tags: Tag[] = [],
): SsoInstance {
  const state = ssoState(ctx);
  if (Object.values(state.instances).some((i) => i.OwnerAccountId === ownerAccountId)) {
    throw conflict('An instance of IAM Identity Center already exists in this account.');
  }
  const instance: SsoInstance = {
    InstanceArn: `arn:aws:sso:::instance/${ctx.ids.ssoInstanceId()}`,
    IdentityStoreId: ctx.ids.identityStoreId(),
    OwnerAccountId: ownerAccountId,
    Name: name,
    CreatedDate: nowIso(ctx),
    Status: 'ACTIVE',
    Tags: tags,
  };
  state.instances[instance.InstanceArn] = instance;
  return instance;
}

function instanceView(i: SsoInstance): Record<string, unknown> {
  return {
    InstanceArn: i.InstanceArn,
    IdentityStoreId: i.IdentityStoreId,
    OwnerAccountId: i.OwnerAccountId,
    Name: i.Name,
    CreatedDate: new Date(i.CreatedDate),
    Status: i.Status,
  };
}

export const instanceOperations = {
  ListInstances(req: SandboxRequest) {
    const c = new Checker(req.params);
    const max = c.int('MaxResults', { min: 1, max: 100 });
    const token = c.opt('NextToken', { pattern: PATTERNS.token, max: 2048 });
    c.done();
    const owner = req.caller?.accountId;
    const all = Object.values(ssoState(req.ctx).instances).filter(
      (i) => !owner || i.OwnerAccountId === owner,
    );
    const page = paginate(all, `ListInstances|${owner}`, token, max);
    return { Instances: page.items.map(instanceView), NextToken: page.nextToken };
  },

  DescribeInstance(req: SandboxRequest) {
    const c = new Checker(req.params);
    const arn = c.req('InstanceArn', { pattern: PATTERNS.instanceArn, min: 10, max: 1224 });
    c.done();
    return instanceView(requireInstance(req, arn));
  },

  CreateInstance(req: SandboxRequest) {
    const c = new Checker(req.params);
    const name = c.opt('Name', { pattern: PATTERNS.instanceName, max: 255 });
    c.opt('ClientToken', { pattern: '[!-~]+', min: 1, max: 64 });
    const tags = readTags(c, req.params.Tags, false);
    c.done();
    const owner = req.caller?.accountId ?? req.ctx.world.primaryAccountId;
    if (owner !== req.ctx.world.primaryAccountId) {
      throw validationError(
        'The sandbox models only the organization instance of IAM Identity Center, which the management account enables; account instances are not supported.',
      );
    }
    return { InstanceArn: enableInstance(req.ctx, owner, name, tags).InstanceArn };
  },

  UpdateInstance(req: SandboxRequest) {
    const c = new Checker(req.params);
    const arn = c.req('InstanceArn', { pattern: PATTERNS.instanceArn, min: 10, max: 1224 });
    const name = c.opt('Name', { pattern: PATTERNS.instanceName, max: 255 });
    c.done();
    const instance = requireInstance(req, arn);
    if (name !== undefined) instance.Name = name;
    return {};
  },
};
