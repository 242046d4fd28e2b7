/** Organizational units and the tree: OU CRUD, ListOrganizationalUnitsForParent, ListParents, ListChildren. */
import type { SandboxRequest } from '../../service.js';
import { invalidValue, orgErrors, requireString } from './errors.js';
import { managementCall } from './guard.js';
import { ancestry, type Organization, type OrgState, type OrgUnit, orgArn } from './model.js';
import { paginate } from './paging.js';
import { mergeTags, parseTags } from './tags.js';

/** https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html */
const MAX_OU_DEPTH = 5;
const MAX_OUS = 2000;
const PARENT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

function ouView(org: Organization, state: OrgState, ou: OrgUnit) {
  return { Id: ou.Id, Arn: ou.Arn, Name: ou.Name, Path: `${org.Id}/${ancestry(state, ou.Id).join('/')}/` };
}

/** A ParentId that must name the root or an existing OU. */
export function existingParent(
  state: OrgState,
  params: Record<string, unknown>,
  name: string,
  notFound = orgErrors.parentNotFound,
): string {
  const id = requireString(params, name);
  const bad = invalidValue(name, id, { max: 100, pattern: PARENT_ID });
  if (bad) throw bad;
  if (!state.roots[id] && !state.ous[id]) throw notFound();
  return id;
}

function existingOu(state: OrgState, params: Record<string, unknown>): OrgUnit {
  const id = requireString(params, 'OrganizationalUnitId');
  const bad = invalidValue('OrganizationalUnitId', id, { max: 68, pattern: OU_ID });
  if (bad) throw bad;
  const ou = state.ous[id];
  if (!ou) throw orgErrors.ouNotFound();
  return ou;
}

function ouName(params: Record<string, unknown>): string {
  const name = requireString(params, 'Name');
  const bad = invalidValue('Name', name, { min: 1, max: 128 });
  if (bad) throw bad;
  return name;
}

function nameTaken(state: OrgState, parentId: string, name: string, except?: string): boolean {
  return Object.values(state.ous).some((o) => o.ParentId === parentId && o.Name === name && o.Id !== except);
}

export function createOrganizationalUnit(req: SandboxRequest) {
  const { state, org } = managementCall(req);
  const parentId = existingParent(state, req.params, 'ParentId');
  const name = ouName(req.params);
  const tags = parseTags(req.params.Tags);
  if (nameTaken(state, parentId, name)) throw orgErrors.duplicateOu();
  // ancestry() starts at the root, so its length is the new OU's depth below the root.
  if (ancestry(state, parentId).length > MAX_OU_DEPTH) {
    throw orgErrors.constraint(
      'OU_DEPTH_LIMIT_EXCEEDED',
      'You attempted to create an OU tree that is too many levels deep.',
    );
  }
  if (Object.keys(state.ous).length >= MAX_OUS) {
    throw orgErrors.constraint(
      'OU_NUMBER_LIMIT_EXCEEDED',
      'You attempted to exceed the number of OUs that you can have in an organization.',
    );
  }
  const rootId = ancestry(state, parentId)[0];
  const id = req.ctx.ids.ouId(rootId);
  const ou: OrgUnit = { Id: id, Arn: orgArn(org, 'ou', id), Name: name, ParentId: parentId };
  state.ous[id] = ou;
  if (tags.length > 0) mergeTags(state, id, tags);
  return { OrganizationalUnit: ouView(org, state, ou) };
}

export function describeOrganizationalUnit(req: SandboxRequest) {
  const { state, org } = managementCall(req);
  return { OrganizationalUnit: ouView(org, state, existingOu(state, req.params)) };
}

export function updateOrganizationalUnit(req: SandboxRequest) {
  const { state, org } = managementCall(req);
  const ou = existingOu(state, req.params);
  if (req.params.Name !== undefined) {
    const name = ouName(req.params);
    if (nameTaken(state, ou.ParentId, name, ou.Id)) throw orgErrors.duplicateOu();
    ou.Name = name;
  }
  return { OrganizationalUnit: ouView(org, state, ou) };
}

export function deleteOrganizationalUnit(req: SandboxRequest) {
  const { state } = managementCall(req);
  const ou = existingOu(state, req.params);
  const hasChildren =
    Object.values(state.ous).some((o) => o.ParentId === ou.Id) ||
    Object.values(state.accounts).some((a) => a.ParentId === ou.Id);
  if (hasChildren) throw orgErrors.ouNotEmpty();
  delete state.ous[ou.Id];
  delete state.tags[ou.Id];
  return {};
}

export function listOrganizationalUnitsForParent(req: SandboxRequest) {
  const { state, org } = managementCall(req);
  const parentId = existingParent(state, req.params, 'ParentId');
  const ous = Object.values(state.ous).filter((o) => o.ParentId === parentId);
  const { page, NextToken } = paginate('ListOrganizationalUnitsForParent', req.params, ous);
  return { OrganizationalUnits: page.map((o) => ouView(org, state, o)), NextToken };
}

export function listParents(req: SandboxRequest) {
  const { state } = managementCall(req);
  const childId = requireString(req.params, 'ChildId');
  const parentId = state.accounts[childId]?.ParentId ?? state.ous[childId]?.ParentId;
  if (!parentId) throw orgErrors.childNotFound();
  const parents = [{ Id: parentId, Type: state.roots[parentId] ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }];
  const { page, NextToken } = paginate('ListParents', req.params, parents);
  return { Parents: page, NextToken };
}

export function listChildren(req: SandboxRequest) {
  const { state } = managementCall(req);
  const parentId = existingParent(state, req.params, 'ParentId');
  const type = req.params.ChildType;
  if (type !== 'ACCOUNT' && type !== 'ORGANIZATIONAL_UNIT') {
    throw orgErrors.invalidInput('INVALID_ENUM', 'You specified an invalid value for ChildType.');
  }
  const ids =
    type === 'ACCOUNT'
      ? Object.values(state.accounts)
          .filter((a) => a.ParentId === parentId)
          .map((a) => a.Id)
      : Object.values(state.ous)
          .filter((o) => o.ParentId === parentId)
          .map((o) => o.Id);
  const { page, NextToken } = paginate('ListChildren', req.params, ids);
  return { Children: page.map((Id) => ({ Id, Type: type })), NextToken };
}
