/**
 * The blueprint JSON Schema for editors (YAML language servers, VS Code `$schema`), generated from
 * the same zod schema that validates blueprints. It accepts `${…}` references wherever a param may
 * supply a value; semantic rules (AWS names, references, policy grammar) are only in the validator.
 */
import { z } from 'zod';
import { editorBlueprintSchema } from './schema-def.js';

/**
 * The schema's `$id`. A URN, not a URL: the file ships in the package as docs/blueprint.schema.json
 * (kept in sync by schema.test.ts) and editors point at that path.
 */
export const BLUEPRINT_SCHEMA_ID = 'urn:onramp:schema:blueprint:v1';

let cached: Record<string, unknown> | undefined;

/** JSON Schema (draft 2020-12) of blueprint format version 1. */
export function blueprintJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(editorBlueprintSchema(), { io: 'input', unrepresentable: 'any' }),
    $id: BLUEPRINT_SCHEMA_ID,
    title: 'Onramp blueprint',
    description: 'AWS access for a platform: accounts, IAM, and IAM Identity Center (format version 1)',
  };
  return structuredClone(cached);
}
