/**
 * `onramp verify` and `onramp explain` through commander, against an in-process sandbox (run as a child process with only these two commands wired; the built CLI is cli.test.ts's).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { useSandbox } from '../../sandbox/test-support.js';
import { setTrust } from '../../verify/test-actors.js';
import {
  EXTERNAL_ID,
  emptyHome,
  fixtureYaml,
  healthyWorld,
  VENDOR,
  type World,
} from '../../verify/test-world.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const SCRIPT = fileURLToPath(new URL('./test-verify-cli.ts', import.meta.url));

/** Runs the two commands in a child process (tsx), with the environment given. */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('onramp verify (command)', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });
  const setup = async (): Promise<{ w: World; args: string[]; env: Record<string, string> }> => {
    const w = await healthyWorld(sb.current);
    const file = join(emptyHome(), 'blueprint.yaml');
    writeFileSync(file, fixtureYaml());
    const vars = ['--var', `m1=${w.m1}`, '--var', `m2=${w.m2}`, '--var', `externalId=${EXTERNAL_ID}`];
    const args = [
      'verify',
      file,
      ...vars,
      '--endpoint-url',
      sb.current.url,
      '--no-user-files',
      '--probe-timeout',
      '0',
    ];
    const env = {
      AWS_ACCESS_KEY_ID: sb.current.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sb.current.admin.secretAccessKey,
      AWS_REGION: sb.current.region,
      NO_COLOR: '1',
    };
    return { w, args, env };
  };

  it('prints the matrix and exits 0 when every path passes', async () => {
    const { args, env } = await setup();
    const r = await run(args, env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^onramp verify verify-fixture as arn:aws:iam::\d{12}:user\/onramp-admin \(us-east-1\)\n/,
    );
    assert.match(r.stdout, /\nPRINCIPAL +TARGET +RESULT\n/);
    assert.match(r.stdout, /\n11 paths: 11 ok, 0 failed, 0 unknown; 0 findings$/m);
  });

  it('exits 1 with the finding in --json, and never prints the ExternalId', async () => {
    const { w, args, env } = await setup();
    const open = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole' }],
    };
    await setTrust(w, w.m1, 'OrchesteraAccessRole', open);
    const r = await run([...args, '--json'], env);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(
      report.findings.map((f: { code: string }) => f.code),
      ['ONR-D007'],
    );
    assert.equal(report.ok, false);
    assert.equal(
      report.paths.find((p: { path: { kind: string } }) => p.path.kind === 'third-party').path.externalId,
      '(secret)',
    );
    assert.ok(!r.stdout.includes(EXTERNAL_ID));
  });

  it('exits 2 for a blueprint with errors, before calling AWS', async () => {
    const file = join(emptyHome(), 'bad.yaml');
    writeFileSync(file, 'version: 2\nname: x\n');
    const r = await run(['verify', file, '--endpoint-url', 'http://127.0.0.1:9', '--no-user-files']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ONR-E117/);
  });
});

describe('onramp explain', () => {
  it('prints an entry', async () => {
    const r = await run(['explain', 'D4']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ONR-D004 The permission set's policy does not allow assuming a role it should/);
    assert.match(r.stdout, /\nFix: Add the role ARN to the permission set's inline policy/);
  });

  it('prints JSON with --json', async () => {
    const r = await run(['explain', 'ONR-D012', '--json']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).slug, 'sso-region-mismatch');
  });

  it('lists every code without an argument', async () => {
    const r = await run(['explain']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim().split('\n').length, 20);
  });

  it('exits 2 for an unknown code, with a did-you-mean', async () => {
    const r = await run(['explain', 'ONR-D0077']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error ONR-E190: explain CODE: ONR-D0077 is not a diagnostic code onramp knows/);
    assert.match(r.stderr, /hint: did you mean ONR-D007/);
  });
});
