import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ExitCode, OnrampError } from '../core/errors.js';
import { CODE_TITLES } from './codes.js';
import { validateBlueprint } from './validate.js';

const dir = fileURLToPath(new URL('./fixtures/invalid/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.json'))
  .sort();

/** `# expect: ONR-E114 12:11, ONR-E134 15:26` in the fixture (or its .expect sidecar for JSON). */
function expectations(file: string): { what: string; expected: string[] } {
  const header = readFileSync(join(dir, file.endsWith('.json') ? `${file}.expect` : file), 'utf8');
  const what = /^# (.+)$/m.exec(header)?.[1] ?? '';
  const line = /^# expect: (.+)$/m.exec(header)?.[1];
  assert.ok(line, `${file} has no "# expect:" line`);
  return { what, expected: line.split(',').map((s) => s.trim()) };
}

describe('invalid blueprint corpus', () => {
  test('has at least 30 distinct broken blueprints', () => {
    assert.ok(fixtures.length >= 30, `only ${fixtures.length} fixtures`);
    const bodies = new Set(fixtures.map((f) => readFileSync(join(dir, f), 'utf8')));
    assert.equal(bodies.size, fixtures.length);
    const whats = new Set(fixtures.map((f) => expectations(f).what));
    assert.equal(whats.size, fixtures.length, 'each fixture describes a different mistake');
  });

  for (const file of fixtures) {
    const { what, expected } = expectations(file);
    test(`${file}: ${what}`, () => {
      const report = validateBlueprint({ text: readFileSync(join(dir, file), 'utf8'), file });
      assert.equal(report.ok, false);
      assert.equal(report.blueprint, undefined);
      const actual = report.errors.map((e) => {
        assert.equal(e.source?.kind, 'file');
        const s = e.source as { file: string; line?: number; column?: number };
        return `${e.code} ${s.line}:${s.column}`;
      });
      assert.deepEqual(actual, expected);
      for (const e of report.errors) {
        assert.ok(e instanceof OnrampError);
        assert.match(e.code, /^ONR-E1\d\d$/);
        assert.ok(e.code in CODE_TITLES, `${e.code} has a title`);
        assert.equal(e.exitCode, ExitCode.input);
        assert.equal((e.source as { file: string }).file, file);
        assert.ok(e.message.length > 10);
      }
    });
  }
});

describe('error details', () => {
  const read = (f: string) => validateBlueprint({ text: readFileSync(join(dir, f), 'utf8'), file: f });

  test('unknown keys suggest the closest allowed key', () => {
    const [e] = read('unknown-key-managed-policy.yaml').errors;
    assert.equal(e.hint, 'did you mean `managedPolicies`?');
    assert.equal(e.details?.path, 'accounts.main.iam.roles.app.managedPolicy');
  });

  test('an unknown managed policy suggests the real name', () => {
    const [e] = read('unknown-managed-policy.yaml').errors;
    assert.equal(e.hint, 'did you mean `AdministratorAccess`?');
  });

  test('an unquoted account id explains the lost leading zero', () => {
    const [e] = read('unquoted-vendor-account.yaml').errors;
    assert.match(e.hint ?? '', /"017059471480"/);
  });

  test('durations say what was expected', () => {
    const [e] = read('bad-iso-duration.yaml').errors;
    assert.equal(e.details?.path, 'identityCenter.permissionSets.dev.sessionDuration');
    assert.match(String(e.details?.expected), /PT1H … PT12H/);
  });

  test('a session ARN in a role trust points to the role ARN', () => {
    const [e] = read('session-arn-in-role-trust.yaml').errors;
    assert.match(e.hint ?? '', /arn:aws:iam::210987654321:role\/Admin/);
  });

  test('cycles name every entity on the loop', () => {
    const [e] = read('role-trust-cycle.yaml').errors;
    assert.match(e.message, /iam\.main\.roles\.a → iam\.main\.roles\.b → iam\.main\.roles\.a/);
  });
});

describe('collecting all errors', () => {
  test('one document with many mistakes reports each of them, in file order', () => {
    const text = [
      'version: 1',
      'name: Bad Name',
      'accounts:',
      '  main:',
      '    id: "12345"',
      '    iam:',
      '      roles:',
      '        app:',
      '          trust: { thirdParty: { account: "017059471480" } }',
      '          managedPolicies: [ReadOnlyAcces]',
      '          maxSessionDurations: 3600',
      'identityCenter:',
      '  permissionSets:',
      '    dev: { sessionDuration: PT24H }',
      '  assignments:',
      '    - principal: { user: nobody }',
      '      permissionSet: dev',
      '      accounts: [main]',
    ].join('\n');
    const report = validateBlueprint({ text, file: 'many.yaml' });
    const got = report.errors.map((e) => `${e.code}@${(e.source as { line: number }).line}`);
    assert.deepEqual(got, [
      'ONR-E118@2',
      'ONR-E119@5',
      'ONR-E138@9',
      'ONR-E114@11',
      'ONR-E123@14',
      'ONR-E126@16',
    ]);
  });

  test('semantic checks still run where the schema passes', () => {
    const text = [
      'version: 1',
      'name: ok',
      'accounts:',
      '  main:',
      '    id: "123456789012"',
      '    iam:',
      '      roles:',
      '        app:',
      '          trust: { account: "123456789012" }',
      '          managedPolicies: [ReadOnlyAcces]',
      '        other:',
      '          trust: 5',
    ].join('\n');
    const codes = validateBlueprint({ text }).errors.map((e) => e.code);
    assert.deepEqual(codes, ['ONR-E124', 'ONR-E113']);
  });
});

describe('warnings', () => {
  test('each warning is reported with its position and leaves the blueprint usable', () => {
    const text = [
      'version: 1',
      'name: warn',
      'accounts:',
      '  main:',
      '    id: "123456789012"',
      '    iam:',
      '      roles:',
      '        vendor:',
      '          trust:',
      '            thirdParty: { account: "017059471480", allowWithoutExternalId: true }',
      '          managedPolicies: [ReadOnlyAccess, SecurityAudit, ViewOnlyAccess, Billing, IAMReadOnlyAccess, AWSSupportAccess, CloudWatchReadOnlyAccess, AmazonS3ReadOnlyAccess, AmazonEC2ReadOnlyAccess, AWSSSOReadOnly, AWSBillingReadOnlyAccess]',
      '        session:',
      '          trust:',
      '            policy:',
      '              Statement:',
      '                - Effect: Allow',
      '                  Principal: { AWS: "arn:aws:sts::210987654321:assumed-role/Admin/jane" }',
      '                  Action: sts:AssumeRole',
      'identityCenter:',
      '  groups: { ops: {} }',
      '  permissionSets: { ro: { managedPolicies: [ReadOnlyAccess] } }',
      '  assignments:',
      '    - { principal: { group: ops }, permissionSet: ro, accounts: [main] }',
      '    - { principal: { group: ops }, permissionSet: ro, accounts: [main] }',
    ].join('\n');
    const report = validateBlueprint({ text, file: 'warn.yaml' });
    assert.deepEqual(report.errors, []);
    assert.ok(report.blueprint);
    assert.deepEqual(
      report.warnings.map((w) => `${w.code} ${(w.source as { line: number }).line}`),
      ['ONR-W101 10', 'ONR-W103 11', 'ONR-W102 15', 'ONR-W105 17', 'ONR-W106 24'],
    );
    assert.deepEqual(report.blueprint.warnings, report.warnings);
  });
});
