// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CODE_TITLES } from './codes.js';
import { jsonSchemaErrors } from './json-schema-lite.js';
import { blueprintJsonSchema } from './schema.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const read = (p: string) => readFileSync(here(p), 'utf8');

/** Every valid example used by this room's tests: the seed fixtures and the inline blueprints. */
function examples(): [string, unknown][] {
  const seeds = readdirSync(here('./fixtures/'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f): [string, unknown] => [f, parse(read(`./fixtures/${f}`))]);
  const inline: [string, unknown][] = [];
  for (const file of ['load.test.ts', 'schema.test.ts']) {
    // Inline YAML in tests is written as arrays of lines joined with '\n' (invalid.test.ts holds only broken ones).
    const src = read(`./${file}`);
    for (const m of src.matchAll(/\[\s*\n((?:\s*'[^'\n]*',\n)+)\s*\]\.join\('\\n'\)/g)) {
      const lines = [...m[1].matchAll(/'([^'\n]*)'/g)].map((x) => x[1].replaceAll('\\\\', '\\'));
      if (lines[0] === 'version: 1')
        inline.push([`${file} inline #${inline.length}`, parse(lines.join('\n'))]);
    }
  }
  return [...seeds, ...inline];
}

describe('blueprint JSON Schema', () => {
  const schema = blueprintJsonSchema();

  test('is draft 2020-12 with an id and closed objects', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, 'urn:onramp:schema:blueprint:v1');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['version', 'name']);
  });

  test('every example in the tests validates against it', () => {
    const all = examples();
    assert.ok(all.length >= 7, `found ${all.length} examples`);
    for (const [name, doc] of all) assert.deepEqual(jsonSchemaErrors(schema, doc), [], name);
  });

  test('the TypeScript-API example validates too', () => {
    const src = read('./load.test.ts');
    const m = /const json = (\{[\s\S]*?\n {4}\}) as const;/.exec(src);
    assert.ok(m);
    const doc = Function(`return (${m[1]});`)() as unknown;
    assert.deepEqual(jsonSchemaErrors(schema, doc), []);
  });

  test('structural mistakes are caught by editors as well', () => {
    const broken = [
      'unknown-key-managed-policy.yaml',
      'missing-trust.yaml',
      'bad-version.yaml',
      'trust-two-kinds.yaml',
      'bad-account-id.yaml',
      'bad-role-name.yaml',
      'principal-user-and-group.yaml',
      'permission-set-name-too-long.yaml',
      'role-duration-too-short.yaml',
      'missing-name.yaml',
    ];
    for (const f of broken) {
      const errors = jsonSchemaErrors(schema, parse(read(`./fixtures/invalid/${f}`)));
      assert.notDeepEqual(errors, [], `${f} should fail the schema`);
    }
  });

  test('references are accepted where params supply numbers, booleans and lists', () => {
    const doc = parse(
      [
        'version: 1',
        'name: refs',
        'accounts:',
        '  a:',
        '    id: ${params.account}',
        '    iam:',
        '      roles:',
        '        r:',
        '          maxSessionDuration: ${params.seconds}',
        '          managedPolicies: ${params.policies}',
        '          trust: { thirdParty: { account: "017059471480", allowWithoutExternalId: "${params.optOut}" } }',
      ].join('\n'),
    );
    assert.deepEqual(jsonSchemaErrors(schema, doc), []);
  });
});

describe('docs', () => {
  test('docs/blueprint.schema.json is the generated schema (UPDATE_SCHEMA=1 rewrites it)', () => {
    const path = here('../../docs/blueprint.schema.json');
    const generated = `${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(path, generated);
    assert.equal(
      readFileSync(path, 'utf8'),
      generated,
      'run the test with UPDATE_SCHEMA=1 and commit the file',
    );
  });

  test('docs/errors.md documents every blueprint code under its heading', () => {
    const docs = readFileSync(here('../../docs/errors.md'), 'utf8');
    const section = docs.split('## Blueprint (ONR-E1xx)')[1]?.split(/\n## /)[0];
    assert.ok(section, 'missing "## Blueprint (ONR-E1xx)" section');
    for (const code of Object.keys(CODE_TITLES))
      assert.ok(section.includes(code), `${code} is not documented`);
  });

  test('docs/blueprint.md shows each seed pattern', () => {
    const docs = readFileSync(here('../../docs/blueprint.md'), 'utf8');
    for (const word of [
      'thirdParty',
      'ssoPermissionSet',
      'caller: true',
      '${params.',
      'AmplifyBackendDeployFullAccess',
    ]) {
      assert.ok(docs.includes(word), `docs/blueprint.md should mention ${word}`);
    }
  });
});
