/** Every resource kind's handler, by kind. */
import type { ResourceKind } from '../blueprint/types.js';
import { iamGroup } from './iam-group.js';
import { iamGroupUsers } from './iam-group-users.js';
import { iamPolicy } from './iam-policy.js';
import { iamRole } from './iam-role.js';
import { idstoreGroup } from './idstore-group.js';
import { idstoreMembership } from './idstore-membership.js';
import { idstoreUser } from './idstore-user.js';
import { orgAccount } from './org-account.js';
import { ssoAssignment } from './sso-assignment.js';
import { ssoPermissionSet } from './sso-permission-set.js';
import type { KindHandler } from './types.js';

export const HANDLERS: { [K in ResourceKind]: KindHandler<K> } = {
  'AWS::Organizations::Account': orgAccount,
  'AWS::IAM::ManagedPolicy': iamPolicy,
  'AWS::IAM::Role': iamRole,
  'AWS::IAM::Group': iamGroup,
  'AWS::IAM::UserToGroupAddition': iamGroupUsers,
  'AWS::IdentityStore::User': idstoreUser,
  'AWS::IdentityStore::Group': idstoreGroup,
  'AWS::IdentityStore::GroupMembership': idstoreMembership,
  'AWS::SSO::PermissionSet': ssoPermissionSet,
  'AWS::SSO::Assignment': ssoAssignment,
};

export function handlerFor<K extends ResourceKind>(kind: K): KindHandler<K> {
  return HANDLERS[kind] as KindHandler<K>;
}
