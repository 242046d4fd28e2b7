/**
 * Managed-policy attachments on roles, users and groups: Attach/Detach/ListAttached…Policies.
 * At most 10 managed policies per entity by default ("Cannot exceed quota for PoliciesPerRole: 10").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
import type { Handler } from '../../service.js';
import { fieldOf, NAME_MAX, NAME_PARAM, NAME_PATTERN, touch } from './entity-params.js';
import { type EntityKind, policyNotFound, quotaExceeded } from './errors.js';
import { pageTail, paginate } from './paginate.js';
import { checkPolicyArn, findPolicy, iamOf, requireAttachable, requireEntity } from './state.js';
import { checks, optional, PATH_PREFIX_PATTERN, required } from './validate.js';

const QUOTA: Record<EntityKind, string> = {
  role: 'PoliciesPerRole',
  user: 'PoliciesPerUser',
  group: 'PoliciesPerGroup',
};
export const MANAGED_POLICIES_PER_ENTITY = 10;

function readTarget(params: Record<string, unknown>, kind: EntityKind): { name: string; arn: string } {
  const param = NAME_PARAM[kind];
  const name = required(params, param);
  const arn = required(params, 'PolicyArn');
  checks()
    .string(fieldOf(param), name, 1, NAME_MAX[kind], NAME_PATTERN)
    .string('policyArn', arn, 20, 2048)
    .done();
  return { name, arn };
}

/** Attach…Policy, Detach…Policy and ListAttached…Policies for one entity kind. */
export function attachmentHandlers(kind: EntityKind): { attach: Handler; detach: Handler; list: Handler } {
  return {
    attach: (req) => {
      const { name, arn } = readTarget(req.params, kind);
      const iam = iamOf(req);
      const entity = requireEntity(iam, kind, name);
      const policy = requireAttachable(req, arn);
      if (entity.AttachedPolicies.includes(policy.Arn)) return undefined;
      if (entity.AttachedPolicies.length >= MANAGED_POLICIES_PER_ENTITY)
        throw quotaExceeded(QUOTA[kind], MANAGED_POLICIES_PER_ENTITY);
      entity.AttachedPolicies.push(policy.Arn);
      touch(req, entity, iam);
      return undefined;
    },
    detach: (req) => {
      const { name, arn } = readTarget(req.params, kind);
      const iam = iamOf(req);
      const entity = requireEntity(iam, kind, name);
      checkPolicyArn(arn);
      const i = entity.AttachedPolicies.indexOf(arn);
      if (i < 0) throw policyNotFound(arn);
      entity.AttachedPolicies.splice(i, 1);
      touch(req, entity, iam);
      return undefined;
    },
    list: (req) => {
      const param = NAME_PARAM[kind];
      const name = required(req.params, param);
      const prefix = optional(req.params, 'PathPrefix');
      checks()
        .string(fieldOf(param), name, 1, NAME_MAX[kind], NAME_PATTERN)
        .string('pathPrefix', prefix, 1, 512, PATH_PREFIX_PATTERN)
        .done();
      const iam = iamOf(req);
      const entity = requireEntity(iam, kind, name);
      const attached = entity.AttachedPolicies.map((arn) => {
        const p = findPolicy(req, arn);
        return {
          PolicyName: p?.PolicyName ?? arn.slice(arn.lastIndexOf('/') + 1),
          PolicyArn: arn,
          path: p?.Path ?? '/',
        };
      }).filter((p) => !prefix || p.path.startsWith(prefix));
      const page = paginate(attached, req.params, (p) => `${p.PolicyName.toLowerCase()}\u0000${p.PolicyArn}`);
      return {
        AttachedPolicies: page.items.map((p) => ({ PolicyName: p.PolicyName, PolicyArn: p.PolicyArn })),
        ...pageTail(page),
      };
    },
  };
}
