/**
 * SARIF output against the SARIF 2.1.0 JSON schema (shipped by @microsoft/jest-sarif, draft-04, so
 * validated with ajv-draft-04), and against what GitHub code scanning reads.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from './catalog.js';
import { lintFiles } from './lint.js';
import { artifactUri, INFORMATION_URI, toSarif } from './sarif.js';

const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(ROOT, 'src/lint/fixtures');

function validator() {
  // The published schema's language pattern has a stray `]` that only non-unicode regexps accept.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
}

async function sampleLog() {
  const files = [
    'seed-003-orchestera-access-policy.json',
    'seed-003-orchestera-trust-policy.json',
    'syntax-trailing-comma.json',
    'blueprint-vendor-admin.yaml',
    'condition-type-mismatch.json',
  ].map((f) => join(FIXTURES, f));
  const report = await lintFiles(files);
  return { report, log: toSarif(report.findings, { version: '0.1.0', baseDir: ROOT }) };
}

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 schema', async () => {
    const validate = validator();
    const { log } = await sampleLog();
    const valid = validate(JSON.parse(JSON.stringify(log)));
    assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
  });

  it('the schema check can fail (a log without version, a result with a bad level)', async () => {
    const validate = validator();
    const { log } = await sampleLog();
    const broken = JSON.parse(JSON.stringify(log));
    delete broken.version;
    assert.equal(validate(broken), false);
    const badLevel = JSON.parse(JSON.stringify(log));
    badLevel.runs[0].results[0].level = 'fatal';
    assert.equal(validate(badLevel), false);
  });

  it('describes every rule the way GitHub code scanning reads it', () => {
    const log = toSarif([], { version: '0.1.0', baseDir: ROOT });
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'onramp');
    assert.equal(driver.informationUri, INFORMATION_URI);
    assert.equal(driver.rules.length, RULES.length);
    for (const r of driver.rules) {
      assert.match(r.id, /^ONR-L\d{3}$/);
      assert.ok(r.shortDescription.text && r.help.text.includes('Fix:'));
      assert.ok(r.properties.tags.length > 0);
      const meta = RULES.find((m) => m.id === r.id);
      if (meta?.severity === 'security') {
        assert.ok(r.properties.tags.includes('security'));
        const score = Number(r.properties['security-severity']);
        assert.ok(score > 0 && score <= 10, `${r.id} security-severity ${score}`);
      } else {
        assert.equal(r.properties['security-severity'], undefined);
      }
    }
    assert.equal(new Set(driver.rules.map((r) => r.id)).size, RULES.length);
  });

  it('gives results a level, a message with the hint and a relative location with a region', async () => {
    const { report, log } = await sampleLog();
    const results = log.runs[0].results;
    assert.equal(results.length, report.findings.length);
    const levels = new Set(results.map((r) => r.level));
    assert.deepEqual([...levels].sort(), ['error', 'note', 'warning']);
    const dup = results.find((r) => r.ruleId === 'ONR-L032');
    assert.ok(dup);
    assert.equal(dup.level, 'warning');
    assert.equal(log.runs[0].tool.driver.rules[dup.ruleIndex ?? -1].id, 'ONR-L032');
    const loc = dup.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'src/lint/fixtures/seed-003-orchestera-access-policy.json');
    assert.deepEqual(loc.region, { startLine: 40, startColumn: 17, endLine: 40, endColumn: 44 });
    assert.match(dup.message.text, /iam:CreateInstanceProfile.*Fix: Remove the duplicate/);
    const sec = results.find((r) => r.ruleId === 'ONR-L023');
    assert.equal(sec?.level, 'error');
    const suggestion = results.find((r) => r.ruleId === 'ONR-L041');
    assert.equal(suggestion?.level, 'note');
    const blueprint = results.find((r) => r.ruleId === 'ONR-L026');
    assert.equal(
      blueprint?.locations[0].physicalLocation.artifactLocation.uri,
      'src/lint/fixtures/blueprint-vendor-admin.yaml',
    );
  });

  it('makes artifact URIs relative to the base directory, encoded, or file: URIs outside it', () => {
    assert.equal(artifactUri('/repo/policies/a b.json', '/repo'), 'policies/a%20b.json');
    assert.equal(artifactUri('policies/a.json', '/repo'), 'policies/a.json');
    assert.equal(artifactUri('./policies/a.json', '/repo'), 'policies/a.json');
    assert.equal(artifactUri('/elsewhere/a.json', '/repo'), 'file:///elsewhere/a.json');
    assert.equal(artifactUri('../up.json', '/repo/sub'), 'file:///repo/up.json');
  });
});
