/**
 * The identitystore service (JSON 1.1, target prefix AWSIdentityStore, SigV4 signing name
 * `identitystore`): users, groups and group memberships of each IAM Identity Center instance's store.
 */
import type { SandboxRequest, ServiceDefinition } from '../../service.js';
import { alternateIdOperations } from './alternate-ids.js';
import { groupOperations } from './groups.js';
import { membershipOperations } from './memberships.js';
import { userOperations } from './users.js';

/** arn:aws:identitystore::OWNER:identitystore/d-… for a known store, else '*'. */
function resourceArn(req: SandboxRequest): string {
  const id = req.params.IdentityStoreId;
  const instance = Object.values(req.ctx.world.ssoAdmin.instances).find((i) => i.IdentityStoreId === id);
  return instance ? `arn:aws:identitystore::${instance.OwnerAccountId}:identitystore/${id}` : '*';
}

export const identityStoreService: ServiceDefinition = {
  name: 'identitystore',
  protocol: 'json',
  signingName: 'identitystore',
  targetPrefix: 'AWSIdentityStore',
  auth: 'sigv4',
  actionPrefix: 'identitystore',
  resourceArn,
  throttle: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  operations: {
    ...userOperations,
    ...groupOperations,
    ...membershipOperations,
    ...alternateIdOperations,
  },
};
