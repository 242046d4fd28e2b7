/**
 * validate, schema, plan, apply and destroy through the built CLI against an in-process sandbox
 * (`--endpoint-url`, credentials from the environment). Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useSandbox } from '../../sandbox/test-support.js';
import { runCli } from '../test-run-cli.js';

const sb = useSandbox({ seed: 'org', accounts: 1 });
const dir = mkdtempSync(join(tmpdir(), 'onramp-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const BP = file(
  'demo.yaml',
  `version: 1
name: demo
params:
  who: { default: alice }
identityCenter:
  users:
    alice: { userName: "\${params.who}", displayName: Alice, givenName: Alice, familyName: Example }
  groups:
    devs: { members: [alice] }
  permissionSets:
    Dev: { managedPolicies: [ReadOnlyAccess] }
  assignments:
    - { principal: { group: devs }, permissionSet: Dev, accounts: ["\${caller.account}"] }
`,
);
const cli = (args: string[]) =>
  runCli([...args, '--endpoint-url', sb.current.url], {
    env: {
      AWS_ACCESS_KEY_ID: sb.current.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sb.current.admin.secretAccessKey,
      AWS_REGION: 'us-east-1',
      ONRAMP_POLL_INTERVAL_MS: '20',
    },
  });

describe('onramp validate / schema / plan / apply / destroy', () => {
  it('validate: 0 for a good blueprint, 2 with every error positioned', async () => {
    const ok = await runCli(['validate', BP]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /blueprint is valid/);
    const bad = await runCli(['validate', file('bad.yaml', 'version: 2\nname: Bad Name\n')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stdout, /bad\.yaml:1:10: error ONR-E117/);
    assert.match(bad.stdout, /bad\.yaml:2:7: error ONR-E118/);
    const missing = file('missing.yaml', 'version: 1\nname: m\nparams:\n  x: {}\n');
    assert.equal((await runCli(['validate', missing])).code, 2);
    assert.equal((await runCli(['validate', missing, '--allow-missing-params'])).code, 0);
    assert.equal((await runCli(['validate', missing, '--var', 'x=1'])).code, 0);
  });

  it('schema prints the JSON Schema', async () => {
    const r = await runCli(['schema']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  it('plan exits 3 with changes; apply refuses without --yes and no terminal (exit 2, nothing changed)', async () => {
    const plan = await cli(['plan', BP]);
    assert.equal(plan.code, 3, plan.stderr);
    assert.match(plan.stdout, /Plan: 5 to create/);
    sb.current.resetCalls();
    const refused = await cli(['apply', BP]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /ONR-E162/);
    const writes = Object.keys(sb.current.calls()['sso-admin'] ?? {}).filter(
      (op) => !/^(List|Describe|Get)/.test(op),
    );
    assert.deepEqual(writes, []);
  });

  it('apply --yes --json streams progress as JSON lines, then plan exits 0', async () => {
    const r = await cli(['apply', BP, '--yes', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines[0].type, 'plan');
    assert.ok(lines.some((l) => l.type === 'node-done'));
    assert.deepEqual(lines.at(-1), {
      type: 'result',
      ok: true,
      counts: { done: 5, failed: 0, blocked: 0, cancelled: 0 },
      failures: [],
    });
    const again = await cli(['plan', BP, '--json']);
    assert.equal(again.code, 0);
    assert.equal(JSON.parse(again.stdout).counts.noop, 5);
  });

  it('plan --refresh full reads permission sets in full; an unknown mode is an input error', async () => {
    sb.current.resetCalls();
    assert.equal((await cli(['plan', BP])).code, 0);
    assert.equal(sb.current.calls()['sso-admin']?.DescribePermissionSet, undefined);
    sb.current.resetCalls();
    assert.equal((await cli(['plan', BP, '--refresh', 'full'])).code, 0);
    assert.equal(sb.current.calls()['sso-admin']?.DescribePermissionSet, 1);
    sb.current.resetCalls();
    const bad = await cli(['plan', BP, '--refresh', 'slow']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /fast, full/);
    assert.deepEqual(sb.current.calls(), {});
  });

  it('a collision with something another blueprint owns exits 2 with a hint; --adopt names keys', async () => {
    const other = file('other.yaml', readFileSync(BP, 'utf8').replace('name: demo', 'name: other'));
    const r = await cli(['plan', other]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /owned by blueprint demo \[ONR-E160\]/);
    const unknown = await cli(['plan', BP, '--adopt', 'iam/nope/role/x']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stdout, /ONR-E161/);
  });

  it('destroy --yes removes what it owns; plan then wants to create it again', async () => {
    const r = await cli(['destroy', BP, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Plan: 0 to create, 0 to update, 0 to replace, 5 to delete/);
    assert.equal((await cli(['plan', BP])).code, 3);
  });
});
