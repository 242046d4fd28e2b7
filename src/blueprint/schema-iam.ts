// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
/**
 * Schema of an account's `iam:` section: roles (with trust building blocks), customer managed
 * policies and groups. Policy documents are only checked to be mappings here; their grammar and
 * size are checked by policy-grammar.ts so that warnings can be reported too.
 */
import { z } from 'zod';
import { E } from './codes.js';
import { checkRoleArn } from './managed-policies.js';
import * as names from './names.js';
import {
  addProblem,
  checked,
  checkedKey,
  exactlyOne,
  list,
  num,
  type SchemaMode,
  tags,
} from './schema-leaves.js';

const POLICY_DOC_META = {
  description: 'An IAM policy document (YAML or JSON mapping)',
  required: ['Statement'],
  properties: {
    Version: { enum: ['2012-10-17', '2008-10-17'] },
    Id: { type: 'string' },
    Statement: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] },
  },
};

export const policyDocument = () => z.record(z.string(), z.unknown()).meta(POLICY_DOC_META);

/** Account references: a key under `accounts:`, a 12-digit id, or a reference. */
export const accountRef = () =>
  z.string().min(1).meta({ description: 'an account key from `accounts:`, a 12-digit id, or ${…}' });

const NAME_64 = '^[\\w+=,.@-]{1,64}$';
const NAME_128 = '^[\\w+=,.@-]{1,128}$';

const path = () =>
  checked(names.iamPath, { description: 'IAM path, e.g. /platform/', pattern: '^/(?:[\\x21-\\x7e]*/)?$' });

export const TRUST_KINDS = ['thirdParty', 'ssoPermissionSet', 'role', 'caller', 'account', 'policy'] as const;

export function trustEntrySchema(mode: SchemaMode) {
  const thirdParty = z
    .strictObject({
      account: checked(names.accountId, {
        description: "the vendor's 12-digit account id",
        pattern: '^\\d{12}$',
      }),
      externalId: checked(externalIdCheck).optional(),
      allowWithoutExternalId: num(mode, z.boolean()).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.externalId === undefined && v.allowWithoutExternalId !== true) {
        addProblem(
          ctx,
          {
            code: E.missingExternalId,
            message: 'a third-party trust needs an externalId (the confused-deputy guard)',
            expected: 'externalId: the value the vendor gave you',
            hint: 'set externalId: ${params.externalId}; only if the vendor cannot send one, set allowWithoutExternalId: true',
          },
          { at: 'key' },
        );
      }
    });
  const ssoPermissionSet = z.strictObject({
    permissionSet: z.string().meta({ description: 'key under identityCenter.permissionSets' }),
    accounts: list(mode, accountRef()).optional(),
  });
  const roleByName = z.strictObject({
    account: accountRef(),
    name: checked(names.roleName),
    path: path().optional(),
  });
  return z
    .strictObject({
      thirdParty: thirdParty.optional(),
      ssoPermissionSet: ssoPermissionSet.optional(),
      role: z
        .union([checked(checkRoleArn), roleByName], { error: 'expected a role ARN or {account, name}' })
        .optional(),
      caller: num(mode, z.literal(true)).optional(),
      account: accountRef().optional(),
      policy: policyDocument().optional(),
    })
    .superRefine(exactlyOne('a trust entry', TRUST_KINDS))
    .meta({ minProperties: 1, maxProperties: 1 });
}

export function trustSchema(mode: SchemaMode) {
  const entry = trustEntrySchema(mode);
  return z.union([entry, z.array(entry).min(1)], { error: 'expected a trust entry or a list of them' });
}

const externalIdCheck: names.Check = (v) =>
  v.length >= 2 && v.length <= 1224 && /^[\w+=,.@:/-]+$/.test(v)
    ? undefined
    : {
        code: E.invalidValue,
        message: 'externalId must be 2-1224 characters of letters, digits and +=,.@:/-',
      };

const inlinePolicies = () => z.record(checkedKey(names.policyName, NAME_128), policyDocument());

export function roleSchema(mode: SchemaMode) {
  return z.strictObject({
    path: path().default('/'),
    description: checked(names.text('role description', 1000)).optional(),
    maxSessionDuration: num(
      mode,
      z
        .number()
        .superRefine((v, ctx) => {
          const p = names.roleSessionSeconds(v);
          if (p) addProblem(ctx, p);
        })
        .meta({ minimum: 3600, maximum: 43200 }),
    ).default(3600),
    trust: trustSchema(mode),
    managedPolicies: list(mode, z.string()).default([]),
    inlinePolicies: inlinePolicies().default({}),
    permissionsBoundary: z.string().optional(),
    tags: tags().default({}),
  });
}

export function policySchema() {
  return z.strictObject({
    path: path().default('/'),
    description: checked(names.text('policy description', 1000)).optional(),
    document: policyDocument(),
    tags: tags().default({}),
  });
}

export function groupSchema(mode: SchemaMode) {
  return z.strictObject({
    path: path().default('/'),
    members: list(mode, checked(names.iamUserName)).default([]),
    managedPolicies: list(mode, z.string()).default([]),
    inlinePolicies: inlinePolicies().default({}),
  });
}

export function iamSchema(mode: SchemaMode) {
  return z.strictObject({
    roles: z.record(checkedKey(names.roleName, NAME_64), roleSchema(mode)).default({}),
    policies: z.record(checkedKey(names.policyName, NAME_128), policySchema()).default({}),
    groups: z.record(checkedKey(names.groupName, NAME_128), groupSchema(mode)).default({}),
  });
}
