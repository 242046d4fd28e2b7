/**
 * IAM over the query protocol (API version 2010-05-08): roles, users, groups, access keys, managed
 * and inline policies, tags, account aliases. The account acted on is always the caller's.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html
 */
import type { ServiceDefinition } from '../../service.js';
import {
  createAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
  listAccessKeys,
  updateAccessKey,
} from './access-keys.js';
import { createAccountAlias, deleteAccountAlias, listAccountAliases } from './account-aliases.js';
import { attachmentHandlers } from './attachments.js';
import { getAccountAuthorizationDetails } from './authorization-details.js';
import {
  addUserToGroup,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listGroupsForUser,
  removeUserFromGroup,
} from './groups.js';
import { inlinePolicyHandlers } from './inline-policies.js';
import { createPolicy, deletePolicy, getPolicy, listPolicies, taggablePolicy } from './managed-policies.js';
import { listEntitiesForPolicy } from './policy-entities.js';
import {
  createPolicyVersion,
  deletePolicyVersion,
  getPolicyVersion,
  listPolicyVersions,
  setDefaultPolicyVersion,
} from './policy-versions.js';
import { iamResourceArn } from './resource-arn.js';
import {
  createRole,
  deleteRole,
  deleteRolePermissionsBoundary,
  getRole,
  listRoles,
  putRolePermissionsBoundary,
  updateAssumeRolePolicy,
  updateRole,
  updateRoleDescription,
} from './roles.js';
import { iamOf, requireRole, requireUser } from './state.js';
import { tagHandlers } from './tags.js';
import {
  createUser,
  deleteUser,
  deleteUserPermissionsBoundary,
  getUser,
  listUsers,
  putUserPermissionsBoundary,
} from './users.js';

const roleAttach = attachmentHandlers('role');
const userAttach = attachmentHandlers('user');
const groupAttach = attachmentHandlers('group');
const roleInline = inlinePolicyHandlers('role');
const userInline = inlinePolicyHandlers('user');
const groupInline = inlinePolicyHandlers('group');
const roleTags = tagHandlers({
  param: 'RoleName',
  quota: 'TagsPerRole',
  find: (req, name) => requireRole(iamOf(req), name),
});
const userTags = tagHandlers({
  param: 'UserName',
  quota: 'TagsPerUser',
  find: (req, name) => requireUser(iamOf(req), name),
});
const policyTags = tagHandlers(taggablePolicy);

export const iamService: ServiceDefinition = {
  name: 'iam',
  protocol: 'query',
  signingName: 'iam',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  auth: 'sigv4',
  actionPrefix: 'iam',
  resourceArn: iamResourceArn,
  throttle: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
  operations: {
    CreateRole: createRole,
    GetRole: getRole,
    DeleteRole: deleteRole,
    UpdateRole: updateRole,
    UpdateRoleDescription: updateRoleDescription,
    UpdateAssumeRolePolicy: updateAssumeRolePolicy,
    ListRoles: listRoles,
    TagRole: roleTags.tag,
    UntagRole: roleTags.untag,
    ListRoleTags: roleTags.list,
    AttachRolePolicy: roleAttach.attach,
    DetachRolePolicy: roleAttach.detach,
    ListAttachedRolePolicies: roleAttach.list,
    PutRolePolicy: roleInline.put,
    GetRolePolicy: roleInline.get,
    DeleteRolePolicy: roleInline.remove,
    ListRolePolicies: roleInline.list,
    PutRolePermissionsBoundary: putRolePermissionsBoundary,
    DeleteRolePermissionsBoundary: deleteRolePermissionsBoundary,

    CreatePolicy: createPolicy,
    GetPolicy: getPolicy,
    DeletePolicy: deletePolicy,
    ListPolicies: listPolicies,
    CreatePolicyVersion: createPolicyVersion,
    GetPolicyVersion: getPolicyVersion,
    ListPolicyVersions: listPolicyVersions,
    DeletePolicyVersion: deletePolicyVersion,
    SetDefaultPolicyVersion: setDefaultPolicyVersion,
    TagPolicy: policyTags.tag,
    UntagPolicy: policyTags.untag,
    ListPolicyTags: policyTags.list,
    ListEntitiesForPolicy: listEntitiesForPolicy,

    CreateUser: createUser,
    GetUser: getUser,
    DeleteUser: deleteUser,
    ListUsers: listUsers,
    TagUser: userTags.tag,
    UntagUser: userTags.untag,
    ListUserTags: userTags.list,
    AttachUserPolicy: userAttach.attach,
    DetachUserPolicy: userAttach.detach,
    ListAttachedUserPolicies: userAttach.list,
    PutUserPolicy: userInline.put,
    GetUserPolicy: userInline.get,
    DeleteUserPolicy: userInline.remove,
    ListUserPolicies: userInline.list,
    PutUserPermissionsBoundary: putUserPermissionsBoundary,
    DeleteUserPermissionsBoundary: deleteUserPermissionsBoundary,
    CreateAccessKey: createAccessKey,
    ListAccessKeys: listAccessKeys,
    UpdateAccessKey: updateAccessKey,
    DeleteAccessKey: deleteAccessKey,
    GetAccessKeyLastUsed: getAccessKeyLastUsed,

    CreateGroup: createGroup,
    GetGroup: getGroup,
    DeleteGroup: deleteGroup,
    ListGroups: listGroups,
    AddUserToGroup: addUserToGroup,
    RemoveUserFromGroup: removeUserFromGroup,
    ListGroupsForUser: listGroupsForUser,
    AttachGroupPolicy: groupAttach.attach,
    DetachGroupPolicy: groupAttach.detach,
    ListAttachedGroupPolicies: groupAttach.list,
    PutGroupPolicy: groupInline.put,
    GetGroupPolicy: groupInline.get,
    DeleteGroupPolicy: groupInline.remove,
    ListGroupPolicies: groupInline.list,

    GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
    CreateAccountAlias: createAccountAlias,
    DeleteAccountAlias: deleteAccountAlias,
    ListAccountAliases: listAccountAliases,
  },
};
