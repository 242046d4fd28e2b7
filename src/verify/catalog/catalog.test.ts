import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CATALOG, lookupDiagnostic, normaliseCode } from './index.js';
import { explainJson, explainText } from './render.js';

const VERIFY = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the diagnostics catalog', () => {
  it('has unique, well-formed codes and slugs, and documents every evidence field', () => {
    const codes = CATALOG.map((e) => e.code);
    assert.deepEqual(codes, [...new Set(codes)].sort(), 'unique and sorted');
    for (const e of CATALOG) {
      assert.match(e.code, /^ONR-D0\d\d$/);
      assert.match(e.slug, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(e.title.length > 10 && e.cause.length > 40 && e.fixText.length > 10, e.code);
      assert.ok(Object.keys(e.evidence).length > 0, `${e.code} documents its evidence`);
    }
    assert.equal(new Set(CATALOG.map((e) => e.slug)).size, CATALOG.length);
    assert.ok(CATALOG.length >= 20);
  });

  it('has an acceptance or offline test asserting each code exactly', () => {
    const tests = readdirSync(VERIFY)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(VERIFY, f), 'utf8'))
      .join('\n');
    for (const e of CATALOG) {
      const exact = tests.includes(`codesOf(r), ['${e.code}']`) || tests.includes(`code, '${e.code}')`);
      assert.ok(exact, `${e.code} (${e.slug}) is asserted by a test`);
    }
  });

  it('finds entries by code in any spelling, or by slug', () => {
    for (const input of ['ONR-D004', 'onr-d004', 'D004', 'd4', '4', 'permission-set-policy-missing-role']) {
      const r = lookupDiagnostic(input);
      assert.ok(r.found, input);
      assert.equal(r.entry.code, 'ONR-D004');
    }
    assert.equal(normaliseCode(' D12 '), 'ONR-D012');
  });

  it('suggests the nearest codes for an unknown one', () => {
    const r = lookupDiagnostic('ONR-D0044');
    assert.equal(r.found, false);
    assert.ok(!r.found && r.suggestions.includes('ONR-D004'), JSON.stringify(r));
    const slug = lookupDiagnostic('external-id-not-enforce');
    assert.ok(!slug.found && slug.suggestions[0] === 'ONR-D007');
    assert.deepEqual(lookupDiagnostic('zzzz'), { found: false, input: 'zzzz', suggestions: [] });
  });

  it('explains an entry as text and as data', () => {
    const r = lookupDiagnostic('ONR-D007');
    assert.ok(r.found);
    const text = explainText(r.entry);
    assert.match(text, /^ONR-D007 The third-party role can be assumed without its ExternalId\n/);
    assert.match(text, /\n {2}vendorAccount: the vendor account the trust names\n/);
    assert.equal(explainJson(r.entry).slug, 'external-id-not-enforced');
    assert.equal('fix' in explainJson(r.entry), false);
  });
});
