/**
 * Inline policies on roles, users and groups: Put/Get/Delete/List…Policies. IAM limits the aggregate
 * size of an entity's inline policies (role 10,240, user 2,048, group 5,120 characters, white space
 * not counted): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
import type { Handler } from '../../service.js';
import { fieldOf, NAME_MAX, NAME_PARAM, NAME_PATTERN, touch } from './entity-params.js';
import { type EntityKind, iamError, noSuchInlinePolicy } from './errors.js';
import { ownValue, setOwn } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { validatePolicyDocument } from './policy-document.js';
import { encodeDocument } from './render.js';
import { entityName, iamOf, requireEntity } from './state.js';
import { checks, DOCUMENT_PATTERN, policySize, required } from './validate.js';

export const INLINE_AGGREGATE_LIMIT: Record<EntityKind, number> = { role: 10240, user: 2048, group: 5120 };

function readNames(params: Record<string, unknown>, kind: EntityKind, document?: string) {
  const param = NAME_PARAM[kind];
  const name = required(params, param);
  const policyName = required(params, 'PolicyName');
  checks()
    .string(fieldOf(param), name, 1, NAME_MAX[kind], NAME_PATTERN)
    .string('policyName', policyName, 1, 128, NAME_PATTERN)
    .string('policyDocument', document, 1, 131072, DOCUMENT_PATTERN)
    .done();
  return { name, policyName };
}

/** Put…Policy, Get…Policy, Delete…Policy and List…Policies for one entity kind. */
export function inlinePolicyHandlers(kind: EntityKind): {
  put: Handler;
  get: Handler;
  remove: Handler;
  list: Handler;
} {
  const param = NAME_PARAM[kind];
  return {
    put: (req) => {
      const document = required(req.params, 'PolicyDocument');
      const { name, policyName } = readNames(req.params, kind, document);
      const iam = iamOf(req);
      const entity = requireEntity(iam, kind, name);
      validatePolicyDocument(document, 'inline');
      const others = Object.entries(entity.InlinePolicies).filter(([n]) => n !== policyName);
      const total = others.reduce((sum, [, doc]) => sum + policySize(doc), policySize(document));
      const limit = INLINE_AGGREGATE_LIMIT[kind];
      if (total > limit)
        throw iamError.limitExceeded(
          `Maximum policy size of ${limit} bytes exceeded for ${kind} ${entityName(entity)}`,
        );
      setOwn(entity.InlinePolicies, policyName, document);
      touch(req, entity, iam);
      return undefined;
    },
    get: (req) => {
      const { name, policyName } = readNames(req.params, kind);
      const iam = iamOf(req);
      const entity = requireEntity(iam, kind, name);
      const document = ownValue(entity.InlinePolicies, policyName);
      if (document === undefined) throw noSuchInlinePolicy(kind, policyName);
      return {
        [param]: entityName(entity),
        PolicyName: policyName,
        PolicyDocument: encodeDocument(document),
      };
    },
    remove: (req) => {
      const { name, policyName } = readNames(req.params, kind);
      const iam = iamOf(req);
      const entity = requireEntity(iam, kind, name);
      if (!Object.hasOwn(entity.InlinePolicies, policyName)) throw noSuchInlinePolicy(kind, policyName);
      delete entity.InlinePolicies[policyName];
      touch(req, entity, iam);
      return undefined;
    },
    list: (req) => {
      const name = required(req.params, param);
      checks().string(fieldOf(param), name, 1, NAME_MAX[kind], NAME_PATTERN).done();
      const iam = iamOf(req);
      const entity = requireEntity(iam, kind, name);
      const page = paginate(Object.keys(entity.InlinePolicies), req.params, (n) => n);
      return { PolicyNames: page.items, ...pageTail(page) };
    },
  };
}
