/**
 * ListEntitiesForPolicy: the groups, users and roles in the caller's account a managed policy is
 * attached to (or, with PolicyUsageFilter=PermissionsBoundary, bounds).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListEntitiesForPolicy.html
 */
import type { SandboxRequest } from '../../service.js';
import { policyArnParam } from './managed-policies.js';
import { pageTail, paginate } from './paginate.js';
import { entities, iamOf, requirePolicy } from './state.js';
import { checks, optional, PATH_PREFIX_PATTERN } from './validate.js';

const FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];
const RANK = { group: 0, user: 1, role: 2 };

export function listEntitiesForPolicy(req: SandboxRequest) {
  const arn = policyArnParam(req);
  const filter = optional(req.params, 'EntityFilter');
  const prefix = optional(req.params, 'PathPrefix');
  const usage = optional(req.params, 'PolicyUsageFilter');
  checks()
    .oneOf('entityFilter', filter, FILTERS)
    .string('pathPrefix', prefix, 1, 512, PATH_PREFIX_PATTERN)
    .oneOf('policyUsageFilter', usage, ['PermissionsPolicy', 'PermissionsBoundary'])
    .done();
  const policy = requirePolicy(req, arn);
  const wanted = (kind: 'role' | 'user' | 'group') =>
    !filter ||
    filter.toLowerCase() === kind ||
    (filter === 'AWSManagedPolicy' && !policy.stored) ||
    (filter === 'LocalManagedPolicy' && !!policy.stored);
  const rows = entities(iamOf(req))
    .filter(({ kind }) => wanted(kind))
    .filter(({ entity }) => !prefix || entity.Path.startsWith(prefix))
    .filter(({ entity }) => {
      const attached = entity.AttachedPolicies.includes(policy.Arn);
      const bounds = 'PermissionsBoundary' in entity && entity.PermissionsBoundary === policy.Arn;
      if (usage === 'PermissionsPolicy') return attached;
      if (usage === 'PermissionsBoundary') return bounds;
      return attached || bounds;
    })
    .map(({ kind, entity }) => {
      const name =
        'RoleName' in entity ? entity.RoleName : 'UserName' in entity ? entity.UserName : entity.GroupName;
      const id = 'RoleId' in entity ? entity.RoleId : 'UserId' in entity ? entity.UserId : entity.GroupId;
      return { kind, name, id };
    });
  const page = paginate(rows, req.params, (r) => `${RANK[r.kind]}\u0000${r.name.toLowerCase()}`);
  const of = (kind: 'role' | 'user' | 'group') => page.items.filter((r) => r.kind === kind);
  return {
    PolicyGroups: of('group').map((r) => ({ GroupName: r.name, GroupId: r.id })),
    PolicyUsers: of('user').map((r) => ({ UserName: r.name, UserId: r.id })),
    PolicyRoles: of('role').map((r) => ({ RoleName: r.name, RoleId: r.id })),
    ...pageTail(page),
  };
}
