/**
 * Table-driven: every fixture policy with the findings expected from it, as `rule@line:column`
 * (exactly these, in this order, so rules that must stay quiet are checked too).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from './catalog.js';
import { lintFiles } from './lint.js';
import type { LintOptions } from './types.js';

const DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

type Row = [file: string, options: LintOptions, expected: string[]];

const TABLE: Row[] = [
  // Seed runbooks (see fixtures/README.md for which parts are verbatim).
  [
    'seed-001-workbench-inline-policy.json',
    {},
    ['L041@4:9', 'L015@8:17', 'L015@9:17', 'L015@10:17', 'L015@11:17', 'L015@12:17', 'L015@13:17'],
  ],
  ['seed-001-workbench-pasted-lines.json', {}, ['L001@10:79']],
  [
    'seed-001-workbench-duplicate-resource-keys.json',
    {},
    ['L041@4:9', 'L004@8:13', 'L004@9:13', 'L004@10:13', 'L004@11:13', 'L004@12:13', 'L015@12:25'],
  ],
  ['seed-003-grant-access-to-organization-account-access-role.json', {}, ['L015@8:25']],
  [
    'seed-003-orchestera-access-policy.json',
    {},
    [
      'L041@4:9',
      'L042@10:17',
      'L022@17:17',
      'L032@40:17',
      'L032@41:17',
      'L032@42:17',
      'L032@43:17',
      'L032@44:17',
      'L032@45:17',
      'L032@46:17',
      'L032@49:17',
      'L021@52:25',
    ],
  ],
  ['seed-003-orchestera-trust-policy.json', {}, ['L041@4:9', 'L023@7:24', 'L025@7:24']],
  ['seed-003-orchestera-trust-policy.json', { account: '017059471480' }, ['L041@4:9']],
  // Errors.
  ['syntax-trailing-comma.json', {}, ['L001@9:5']],
  ['syntax-unterminated-string.json', {}, ['L001@4:12']],
  ['grammar-bad-effect.json', {}, ['L002@6:17']],
  ['grammar-action-and-notaction.json', {}, ['L002@4:5']],
  ['grammar-missing-resource.json', {}, ['L002@4:5']],
  ['grammar-bad-version.json', {}, ['L002@2:14']],
  ['grammar-principal-in-identity.json', { kind: 'identity' }, ['L002@7:7']],
  ['grammar-principal-in-identity.json', {}, ['L025@8:16']],
  ['unknown-service.json', {}, ['L010@8:9']],
  ['unknown-action.json', {}, ['L011@9:9', 'L011@10:9']],
  ['unknown-condition-key.json', {}, ['L012@11:11', 'L012@15:11']],
  ['unknown-condition-operator.json', {}, ['L013@10:9']],
  [
    'condition-type-mismatch.json',
    {},
    ['L014@11:34', 'L014@14:37', 'L014@17:30', 'L014@22:13', 'L014@26:11', 'L014@29:33'],
  ],
  ['condition-valid.json', {}, []],
  // Security.
  ['admin-star.json', {}, ['L020@7:17']],
  ['admin-star.json', { thirdParty: true }, ['L020@7:17', 'L026@7:17']],
  ['iam-star.json', {}, ['L020@7:17']],
  ['sts-organizations-star.json', {}, ['L020@8:9', 'L020@9:9']],
  ['s3-write-star.json', {}, ['L021@11:19']],
  ['read-only-star.json', {}, []],
  ['wildcard-only-write.json', {}, []],
  ['escalation-create-policy-version.json', {}, ['L022@8:9']],
  ['escalation-passrole-lambda.json', {}, ['L022@7:17']],
  ['passrole-scoped.json', {}, []],
  ['escalation-access-keys.json', {}, ['L022@8:9']],
  ['self-service-access-keys.json', {}, []],
  ['escalation-attach-role-assume.json', {}, ['L022@7:17', 'L040@10:5']],
  ['trust-vendor-with-external-id.json', {}, []],
  ['trust-vendor-other-condition.json', {}, ['L023@8:16']],
  ['trust-public.json', {}, ['L024@7:20']],
  ['trust-public-conditioned.json', {}, []],
  ['trust-account-root.json', {}, ['L023@8:16', 'L025@8:16']],
  ['trust-account-root.json', { account: '111111111111' }, []],
  ['trust-foreign-role-arn.json', {}, []],
  ['trust-foreign-role-arn.json', { account: '111111111111' }, ['L023@10:11']],
  ['trust-service.json', {}, []],
  ['trust-github-oidc.json', {}, []],
  ['bucket-policy-foreign-root.json', {}, ['L025@8:16']],
  // Warnings.
  ['allow-not-action.json', {}, ['L030@7:7']],
  ['allow-not-resource.json', {}, ['L031@8:7']],
  ['deny-not-action-mfa.json', {}, []],
  ['duplicate-across-statements.json', {}, ['L040@13:5', 'L032@17:9']],
  ['covered-by-wildcard.json', {}, ['L033@9:9']],
  ['redundant-statement.json', {}, ['L034@10:5']],
  ['overlapping-allow.json', {}, ['L035@10:5']],
  ['version-legacy.json', {}, ['L036@2:14']],
  ['version-missing.json', {}, ['L036@1:1']],
  // Suggestions.
  ['mergeable-by-resource.json', {}, ['L040@10:5']],
  ['clean-identity.json', {}, []],
  // Blueprints: positions are the YAML lines of the embedded values.
  ['blueprint-workbench.yaml', {}, []],
  ['blueprint-vendor-admin.yaml', {}, ['L020@20:25', 'L026@20:25', 'L026@28:29', 'L023@31:13', 'L025@31:13']],
  ['blueprint-trust-policy.yaml', {}, ['L023@17:26', 'L025@17:26', 'L022@26:28', 'L021@27:29']],
  ['blueprint-invalid.yaml', {}, ['L003@15:30']],
];

describe('lint fixtures', () => {
  for (const [file, options, expected] of TABLE) {
    it(`${file} ${JSON.stringify(options)} → ${expected.join(' ') || 'no findings'}`, async () => {
      const report = await lintFiles([join(DIR, file)], options);
      const got = report.findings.map(
        (f) => `${f.ruleId.replace('ONR-', '')}@${f.region.startLine}:${f.region.startColumn}`,
      );
      assert.deepEqual(got, expected);
      for (const f of report.findings) {
        assert.equal(f.severity, RULES.find((r) => r.id === f.ruleId)?.severity);
        assert.ok(f.message.length > 10 && f.hint.length > 10, `${f.ruleId} has a message and a hint`);
      }
    });
  }

  it('has at least 40 fixture policies, every one of them in the table', () => {
    const files = readdirSync(DIR).filter((f) => /\.(json|ya?ml)$/.test(f));
    assert.ok(files.length >= 40, `${files.length} fixtures`);
    const covered = new Set(TABLE.map(([f]) => f));
    assert.deepEqual(
      files.filter((f) => !covered.has(f)),
      [],
    );
  });

  it('makes every rule fire on some fixture and stay quiet on others', () => {
    const fired = new Set(TABLE.flatMap(([, , e]) => e.map((x) => `ONR-${x.split('@')[0]}`)));
    assert.deepEqual(
      RULES.map((r) => r.id).filter((id) => !fired.has(id)),
      [],
    );
    for (const r of RULES) {
      const quiet = TABLE.filter(([, , e]) => !e.some((x) => `ONR-${x.split('@')[0]}` === r.id));
      assert.ok(quiet.length > 0, `${r.id} is quiet somewhere`);
    }
  });
});

describe('docs/errors.md', () => {
  it('documents every lint rule and input error code', async () => {
    const { readFile } = await import('node:fs/promises');
    const { LINT_ERRORS } = await import('./codes.js');
    const docs = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## Lint (ONR-L…)'));
    assert.ok(section.length > 100, 'the Lint section exists');
    for (const id of [...RULES.map((r) => r.id), ...Object.values(LINT_ERRORS)]) {
      assert.match(section, new RegExp(`\\| ${id} \\|`), `${id} is documented`);
    }
  });
});
