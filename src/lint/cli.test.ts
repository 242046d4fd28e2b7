/**
 * `onramp lint` as a user runs it: the built CLI (npm run build first) in a child process.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/test-run-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fx = (name: string) => `src/lint/fixtures/${name}`;
const lint = (...args: string[]) => runCli(['lint', ...args], { cwd: ROOT });

describe('onramp lint (built CLI)', () => {
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist/cli/commands/lint.js')), 'run `npm run build` before this test');
  });

  it('exits 0 with no findings and says so', async () => {
    const r = await lint(fx('clean-identity.json'), fx('trust-service.json'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'no findings in 2 files');
  });

  it('prints file:line:col severity rule message and a hint; exits 1 on an error finding', async () => {
    const r = await lint(fx('seed-003-grant-access-to-organization-account-access-role.json'));
    assert.equal(r.code, 1);
    const [first, hint] = r.stdout.split('\n');
    assert.match(
      first,
      /^src\/lint\/fixtures\/seed-003-grant-access-to-organization-account-access-role\.json:8:25 error ONR-L015 statement "VisualEditor0": .*<member-account-id>/,
    );
    assert.match(hint, /^ {2}hint: Replace <member-account-id> with the 12-digit account id/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a TTY');
  });

  it('does not fail on security findings by default, and does with --fail-on security', async () => {
    const trust = fx('seed-003-orchestera-trust-policy.json');
    assert.equal((await lint(trust)).code, 0);
    assert.equal((await lint(trust, '--fail-on', 'security')).code, 1);
    assert.equal((await lint(trust, '--fail-on', 'suggestion')).code, 1);
    assert.equal((await lint(trust, '--account', '017059471480', '--fail-on', 'security')).code, 0);
  });

  it('prints findings as JSON with --format json (and with --json)', async () => {
    for (const flag of [['--format', 'json'], ['--json']]) {
      const r = await lint(fx('seed-003-orchestera-access-policy.json'), ...flag, '--fail-on', 'warning');
      assert.equal(r.code, 1, r.stderr);
      const body = JSON.parse(r.stdout);
      assert.equal(body.failOn, 'warning');
      assert.equal(body.failed, true);
      assert.deepEqual(body.summary, { error: 0, security: 2, warning: 8, suggestion: 2 });
      const dup = body.findings.find((f: { ruleId: string }) => f.ruleId === 'ONR-L032');
      assert.deepEqual(dup.region, { startLine: 40, startColumn: 17, endLine: 40, endColumn: 44 });
      assert.equal(dup.path, '$.Statement[0].Action[33]');
      assert.equal(dup.severity, 'warning');
    }
  });

  it('prints SARIF with --format sarif', async () => {
    const r = await lint(fx('trust-public.json'), '--format', 'sarif');
    assert.equal(r.code, 0);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.version, '0.1.0');
    assert.equal(log.runs[0].results[0].ruleId, 'ONR-L024');
    assert.equal(
      log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
      fx('trust-public.json'),
    );
  });

  it('lints the policies inside a blueprint', async () => {
    const r = await lint(fx('blueprint-vendor-admin.yaml'), '--fail-on', 'security');
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /blueprint-vendor-admin\.yaml:28:29 security ONR-L026 role VendorAccess is assumed by account 017059471480/,
    );
  });

  it('exits 2 with ONR-E1xx codes for input errors', async () => {
    const cases: [string[], RegExp][] = [
      [[fx('does-not-exist.json')], /error ONR-E180: .*does-not-exist\.json: cannot read .*ENOENT/],
      [
        ['--format', 'xml', fx('clean-identity.json')],
        /error ONR-E181: --format: xml is not one of text, json, sarif/,
      ],
      [['--fail-on', 'info', fx('clean-identity.json')], /error ONR-E182: --fail-on: info is not one of/],
      [
        ['--account', '12345', fx('clean-identity.json')],
        /error ONR-E183: --account: 12345 is not a 12-digit account id/,
      ],
      [['--kind', 'bucket', fx('clean-identity.json')], /error ONR-E184: --kind: bucket is not one of/],
      [['--bogus', fx('clean-identity.json')], /unknown option '--bogus'/],
      [[], /missing required argument 'files'/],
    ];
    for (const [args, stderr] of cases) {
      const r = await lint(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, stderr);
      assert.equal(r.stdout, '');
    }
  });

  it('reports an unreadable file as JSON with --json', async () => {
    const r = await lint(fx('nope.json'), '--json');
    assert.equal(r.code, 2);
    assert.equal(JSON.parse(r.stdout).error.code, 'ONR-E180');
  });
});
