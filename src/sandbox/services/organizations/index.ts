/** AWS Organizations over JSON 1.1 (AWSOrganizationsV20161128). */
import type { SandboxRequest, ServiceDefinition } from '../../service.js';
import {
  closeAccount,
  describeAccount,
  listAccounts,
  listAccountsForParent,
  moveAccount,
} from './accounts.js';
import { createAccount, describeCreateAccountStatus, listCreateAccountStatus } from './create-account.js';
import { orgArn } from './model.js';
import {
  createOrganization,
  deleteOrganization,
  describeOrganization,
  disableAwsServiceAccess,
  enableAwsServiceAccess,
  listAwsServiceAccess,
  listRoots,
} from './organization.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import {
  createOrganizationalUnit,
  deleteOrganizationalUnit,
  describeOrganizationalUnit,
  listChildren,
  listOrganizationalUnitsForParent,
  listParents,
  updateOrganizationalUnit,
} from './units.js';

/**
 * The resource an operation acts on, for identity policies that name organization ARNs
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html).
 */
function resourceArn(req: SandboxRequest): string {
  const org = req.ctx.world.organizations.organization;
  if (!org) return '*';
  const p = req.params;
  const id = [p.AccountId, p.OrganizationalUnitId, p.ResourceId, p.ChildId].find(
    (v) => typeof v === 'string',
  );
  if (typeof id !== 'string') return req.operation === 'DescribeOrganization' ? org.Arn : '*';
  if (/^\d{12}$/.test(id)) return orgArn(org, 'account', id);
  if (id.startsWith('ou-')) return orgArn(org, 'ou', id);
  if (id.startsWith('r-')) return orgArn(org, 'root', id);
  return '*';
}

export const organizationsService: ServiceDefinition = {
  name: 'organizations',
  protocol: 'json',
  signingName: 'organizations',
  targetPrefix: 'AWSOrganizationsV20161128',
  auth: 'sigv4',
  actionPrefix: 'organizations',
  resourceArn,
  throttle: {
    code: 'TooManyRequestsException',
    status: 400,
    message:
      "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
  },
  operations: {
    CreateOrganization: createOrganization,
    DescribeOrganization: describeOrganization,
    DeleteOrganization: deleteOrganization,
    ListRoots: listRoots,
    CreateOrganizationalUnit: createOrganizationalUnit,
    DescribeOrganizationalUnit: describeOrganizationalUnit,
    UpdateOrganizationalUnit: updateOrganizationalUnit,
    DeleteOrganizationalUnit: deleteOrganizationalUnit,
    ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
    ListParents: listParents,
    ListChildren: listChildren,
    CreateAccount: createAccount,
    DescribeCreateAccountStatus: describeCreateAccountStatus,
    ListCreateAccountStatus: listCreateAccountStatus,
    ListAccounts: listAccounts,
    ListAccountsForParent: listAccountsForParent,
    DescribeAccount: describeAccount,
    MoveAccount: moveAccount,
    CloseAccount: closeAccount,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
    EnableAWSServiceAccess: enableAwsServiceAccess,
    DisableAWSServiceAccess: disableAwsServiceAccess,
    ListAWSServiceAccessForOrganization: listAwsServiceAccess,
  },
};
