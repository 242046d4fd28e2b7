/**
 * IAM's wire shapes. Policy documents go out URL-encoded, as AWS sends them (the AWS CLI decodes
 * them; SDK users call decodeURIComponent):
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html#API_GetRolePolicy_ResponseElements
 * List operations omit members AWS documents as Get-only (tags, boundaries, descriptions).
 */
import type { IamGroup, IamPolicyVersion, IamRole, IamUser, Tag } from './model.js';
import type { PolicyView } from './state.js';

/** RFC 3986 percent-encoding, the form IAM uses (spaces as %20, never '+'). */
export function encodeDocument(document: string): string {
  return encodeURIComponent(document);
}

function tagsOrNothing(tags: Tag[]): Tag[] | undefined {
  return tags.length > 0 ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined;
}

function boundary(arn: string | undefined) {
  return arn
    ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn }
    : undefined;
}

/** A Role; `full` for GetRole/CreateRole (boundary, tags, RoleLastUsed), not for ListRoles. */
export function roleWire(role: IamRole, full: boolean) {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: new Date(role.CreateDate),
    AssumeRolePolicyDocument: encodeDocument(role.AssumeRolePolicyDocument),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    PermissionsBoundary: full ? boundary(role.PermissionsBoundary) : undefined,
    Tags: full ? tagsOrNothing(role.Tags) : undefined,
    RoleLastUsed: full ? {} : undefined,
  };
}

/** A User; `full` for GetUser/CreateUser. */
export function userWire(user: IamUser, full: boolean) {
  return {
    Path: user.Path,
    UserName: user.UserName,
    UserId: user.UserId,
    Arn: user.Arn,
    CreateDate: new Date(user.CreateDate),
    PermissionsBoundary: full ? boundary(user.PermissionsBoundary) : undefined,
    Tags: full ? tagsOrNothing(user.Tags) : undefined,
  };
}

export function groupWire(group: IamGroup) {
  return {
    Path: group.Path,
    GroupName: group.GroupName,
    GroupId: group.GroupId,
    Arn: group.Arn,
    CreateDate: new Date(group.CreateDate),
  };
}

/** A Policy. Description and Tags appear only where AWS returns them (GetPolicy, CreatePolicy tags). */
export function policyWire(
  p: PolicyView,
  usage: { attachments: number; boundaries: number },
  extra: { description?: boolean; tags?: boolean } = {},
) {
  return {
    PolicyName: p.PolicyName,
    PolicyId: p.PolicyId,
    Arn: p.Arn,
    Path: p.Path,
    DefaultVersionId: p.DefaultVersionId,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: true,
    Description: extra.description ? p.Description : undefined,
    CreateDate: new Date(p.CreateDate),
    UpdateDate: new Date(p.UpdateDate),
    Tags: extra.tags ? tagsOrNothing(p.Tags) : undefined,
  };
}

export function versionWire(v: IamPolicyVersion, withDocument: boolean) {
  return {
    Document: withDocument ? encodeDocument(v.Document) : undefined,
    VersionId: v.VersionId,
    IsDefaultVersion: v.IsDefaultVersion,
    CreateDate: new Date(v.CreateDate),
  };
}
