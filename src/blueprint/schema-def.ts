/**
 * The blueprint schema (format version 1): the top level, params and accounts. Built once per mode;
 * `resolved` validates documents, `editor` is exported as JSON Schema (schema.ts).
 */
import { z } from 'zod';
import { E } from './codes.js';
import * as names from './names.js';
import { coerceParamValue, type ParamType } from './params.js';
import { iamSchema } from './schema-iam.js';
import { addProblem, checked, checkedKey, exactlyOne, type SchemaMode } from './schema-leaves.js';
import { identityCenterSchema } from './schema-sso.js';

const KEY_PATTERN = '^[A-Za-z0-9_][\\w+=,@-]*$';

export function paramSchema() {
  return z
    .strictObject({
      type: z.enum(['string', 'number', 'boolean', 'list']).default('string'),
      default: z
        .union([z.string(), z.number(), z.boolean(), z.array(z.string())], {
          error: 'expected a string, number, boolean or list of strings',
        })
        .optional(),
      required: z.boolean().optional(),
      pattern: z.string().optional().meta({ description: 'regular expression the whole value must match' }),
      description: z.string().optional(),
      secret: z.boolean().default(false),
    })
    .superRefine((p, ctx) => {
      if (p.default !== undefined && 'expected' in coerceParamValue(p.type as ParamType, p.default, false)) {
        addProblem(
          ctx,
          {
            code: E.wrongType,
            message: `default does not fit type ${p.type}`,
            hint: 'quote strings that look like numbers',
          },
          { path: ['default'] },
        );
      }
      if (p.pattern !== undefined) {
        try {
          new RegExp(p.pattern, 'u');
        } catch (e) {
          addProblem(
            ctx,
            {
              code: E.invalidValue,
              message: `pattern is not a valid regular expression: ${(e as Error).message}`,
            },
            { path: ['pattern'] },
          );
        }
      }
    });
}

export function accountSchema(mode: SchemaMode) {
  return z
    .strictObject({
      id: checked(names.accountId, {
        description: 'an existing 12-digit account id',
        pattern: '^\\d{12}$',
      }).optional(),
      create: z
        .strictObject({
          name: checked(names.accountName),
          email: checked(names.email(64)),
          ou: checked(names.ouId).optional(),
          accessRole: checked(names.roleName).default('OrganizationAccountAccessRole'),
        })
        .optional(),
      iam: iamSchema(mode).optional(),
    })
    .superRefine(exactlyOne('an account', ['id', 'create']));
}

export function blueprintSchemaFor(mode: SchemaMode) {
  return z.strictObject({
    $schema: z.string().optional().meta({ description: 'editor hint; ignored' }),
    version: z.literal(1),
    name: checked(names.blueprintName, { pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' }),
    description: z.string().max(1000).optional(),
    params: z.record(checkedKey(names.refKey, KEY_PATTERN), paramSchema()).default({}),
    accounts: z.record(checkedKey(names.refKey, KEY_PATTERN), accountSchema(mode)).default({}),
    identityCenter: identityCenterSchema(mode).optional(),
  });
}

let resolved: ReturnType<typeof blueprintSchemaFor> | undefined;
let editor: ReturnType<typeof blueprintSchemaFor> | undefined;

/** The schema that validates a blueprint after params are substituted. */
export function resolvedBlueprintSchema() {
  resolved ??= blueprintSchemaFor({ editor: false });
  return resolved;
}

/** The schema for editors: also accepts `${…}` where a param may supply a number, boolean or list. */
export function editorBlueprintSchema() {
  editor ??= blueprintSchemaFor({ editor: true });
  return editor;
}

/** The validated document (defaults applied), before names default to keys. */
export type BlueprintDocument = z.output<ReturnType<typeof resolvedBlueprintSchema>>;
/** What an author writes (the TypeScript API's input type). */
export type BlueprintInput = z.input<ReturnType<typeof resolvedBlueprintSchema>>;
