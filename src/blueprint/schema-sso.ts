/**
 * Schema of the `identityCenter:` section: Identity Store users and groups, permission sets and
 * account assignments. Names default to the entry's key where AWS has one (permission set name,
 * user name, group display name).
 */
import { z } from 'zod';
import * as names from './names.js';
import { accountRef, policyDocument } from './schema-iam.js';
import { checked, checkedKey, exactlyOne, list, type SchemaMode, tags } from './schema-leaves.js';

const key = () => checkedKey(names.refKey, '^[A-Za-z0-9_][\\w+=,@-]*$');

export function userSchema() {
  return z.strictObject({
    userName: checked(names.identityStoreUserName).optional().meta({ description: 'defaults to the key' }),
    displayName: checked(names.displayName),
    givenName: z.string().min(1),
    familyName: z.string().min(1),
    email: checked(names.email(128)).optional(),
  });
}

export function groupSchema(mode: SchemaMode) {
  return z.strictObject({
    displayName: checked(names.displayName).optional().meta({ description: 'defaults to the key' }),
    description: checked(names.text('group description', 1024)).optional(),
    members: list(mode, z.string().meta({ description: 'key under identityCenter.users' })).default([]),
  });
}

export function permissionSetSchema(mode: SchemaMode) {
  return z.strictObject({
    name: checked(names.permissionSetName, { pattern: '^[\\w+=,.@-]{1,32}$' })
      .optional()
      .meta({ description: 'defaults to the key; ≤32 characters' }),
    description: checked(names.text('permission set description', 700, 1)).optional(),
    sessionDuration: checked(names.permissionSetDuration, {
      description: 'ISO-8601, PT1H to PT12H',
      pattern: '^PT(\\d+H)?(\\d+M)?(\\d+S)?$',
    }).default('PT1H'),
    relayState: checked(names.relayState).optional(),
    managedPolicies: list(mode, z.string()).default([]),
    customerManagedPolicies: list(
      mode,
      z.strictObject({
        name: checked(names.policyName),
        path: checked(names.iamPath).default('/'),
      }),
    ).default([]),
    inlinePolicy: policyDocument().optional(),
    tags: tags().default({}),
  });
}

export function assignmentSchema(mode: SchemaMode) {
  const principal = z
    .strictObject({
      user: z.string().optional().meta({ description: 'key under identityCenter.users' }),
      group: z.string().optional().meta({ description: 'key under identityCenter.groups' }),
    })
    .superRefine(exactlyOne('a principal', ['user', 'group']))
    .meta({ minProperties: 1, maxProperties: 1 });
  const targets = [
    z.array(accountRef()).min(1),
    z.strictObject({
      ou: checked(names.ouId, { pattern: '^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$' }),
    }),
  ] as const;
  const resolvedTargets = z.union(targets, { error: 'expected a list of accounts or {ou: id}' });
  return z.strictObject({
    principal,
    permissionSet: z.string().meta({ description: 'key under identityCenter.permissionSets' }),
    accounts: mode.editor
      ? // Typed as the resolved union: the editor variant is only exported as JSON Schema.
        (z.union([...targets, z.string().regex(/^\$\{[^}]+\}$/)], {
          error: 'expected a list of accounts or {ou: id}',
        }) as unknown as typeof resolvedTargets)
      : resolvedTargets,
  });
}

export function identityCenterSchema(mode: SchemaMode) {
  return z.strictObject({
    users: z.record(key(), userSchema()).default({}),
    groups: z.record(key(), groupSchema(mode)).default({}),
    permissionSets: z.record(key(), permissionSetSchema(mode)).default({}),
    assignments: z.array(assignmentSchema(mode)).default([]),
  });
}
