/**
 * docs/diagnostics.md is generated from the catalog; this test fails when it is stale.
 * Regenerate: ONRAMP_WRITE_DOCS=1 node --import tsx --test src/verify/catalog/doc.test.ts
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CATALOG } from './index.js';
import { diagnosticsDoc } from './render.js';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'diagnostics.md');

it('docs/diagnostics.md matches the catalog', () => {
  const expected = diagnosticsDoc();
  if (process.env.ONRAMP_WRITE_DOCS === '1') writeFileSync(DOC, expected);
  assert.ok(existsSync(DOC), 'docs/diagnostics.md is missing; regenerate it (see this file)');
  assert.equal(
    readFileSync(DOC, 'utf8'),
    expected,
    'docs/diagnostics.md is stale; regenerate it (see this file)',
  );
  for (const e of CATALOG) assert.ok(expected.includes(`## ${e.code}\n`), e.code);
});
