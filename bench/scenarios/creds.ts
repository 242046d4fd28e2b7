/**
 * creds-warm: `onramp creds --profile P` answering from a warm ~/.aws/cli/cache, as
 * credential_process runs it before every AWS command. Measured as the median wall time of the
 * whole process against `node -e 0` started the same way in the same run (interleaved, so load
 * on the machine hits both alike), and against `aws configure export-credentials` when the
 * installed AWS CLI has that command (v2 only).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRoleCredentials } from '../../src/sso/credential-cache.js';
import { cliCacheDir } from '../../src/sso/paths.js';
import { median } from '../stats.js';
import type { ScenarioResult } from '../types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/onramp.js');
const PROFILE = 'bench-dev';
const CREDS = {
  accessKeyId: 'ASIABENCHWARMCACHE01',
  secretAccessKey: 'bench/secret/not/a/real/key/0000000000000',
  sessionToken: 'IQoJb3JpZ2luX2VjEBench//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
  accountId: '111122223333',
  roleName: 'Developer',
};

interface Run {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const t = performance.now();
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('error', (e) => resolve({ ms: performance.now() - t, code: -1, stdout, stderr: String(e) }));
    p.on('close', (code) => resolve({ ms: performance.now() - t, code, stdout, stderr }));
  });
}

/** A HOME with an sso-session, one profile and that profile's role credentials cached for an hour. */
function warmHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'onramp-bench-creds-'));
  mkdirSync(join(home, '.aws'), { mode: 0o700 });
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      '[sso-session bench]',
      'sso_start_url = https://d-9067000000.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_registration_scopes = sso:account:access',
      '',
      `[profile ${PROFILE}]`,
      'sso_session = bench',
      `sso_account_id = ${CREDS.accountId}`,
      `sso_role_name = ${CREDS.roleName}`,
      'region = eu-west-1',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  writeRoleCredentials(
    cliCacheDir({ home }),
    { accountId: CREDS.accountId, roleName: CREDS.roleName, sessionName: 'bench' },
    { ...CREDS, expiration: new Date(Date.now() + 60 * 60_000) },
  );
  return home;
}

export async function credsWarm(quick: boolean): Promise<ScenarioResult> {
  for (const f of ['dist/sso/creds-fast.js', 'dist/cli/main.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const runs = quick ? 9 : 31;
  const home = warmHome();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    // No endpoint: a cache miss would have to reach AWS and fail, never pass unnoticed.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  };
  const notes: string[] = [];
  let failures = 0;
  try {
    const awsProbe = await timed('aws', ['configure', 'export-credentials', '--profile', PROFILE], env);
    const awsHas = awsProbe.code === 0 && awsProbe.stdout.includes(CREDS.accessKeyId);
    if (!awsHas) {
      const why =
        awsProbe.code === -1
          ? 'no aws on PATH'
          : /invalid choice/i.test(awsProbe.stderr)
            ? `the installed AWS CLI has no \`configure export-credentials\` (v1)`
            : `exit ${awsProbe.code}: ${awsProbe.stderr.trim().split('\n').at(-1)}`;
      notes.push(`aws configure export-credentials: not installed (${why})`);
    }
    const node: number[] = [];
    const onramp: number[] = [];
    const aws: number[] = [];
    // One untimed round warms the file cache for every command.
    for (let i = -1; i < runs; i++) {
      const n = await timed(process.execPath, ['-e', '0'], env);
      const o = await timed(process.execPath, [BIN, 'creds', '--profile', PROFILE], env);
      const a = awsHas
        ? await timed('aws', ['configure', 'export-credentials', '--profile', PROFILE], env)
        : undefined;
      let ok = o.code === 0;
      try {
        const body = JSON.parse(o.stdout) as { Version?: number; AccessKeyId?: string };
        ok &&= body.Version === 1 && body.AccessKeyId === CREDS.accessKeyId;
      } catch {
        ok = false;
      }
      if (!ok) {
        failures++;
        if (failures === 1)
          notes.push(`onramp creds failed: exit ${o.code}: ${o.stderr.trim().slice(0, 300)}`);
      }
      if (i < 0) continue;
      node.push(n.ms);
      onramp.push(o.ms);
      if (a) aws.push(a.ms);
    }
    const nodeMs = median(node);
    const onrampMs = median(onramp);
    const figures: Record<string, number> = {
      'onramp creds median ms': onrampMs,
      'node -e 0 median ms': nodeMs,
      runs,
    };
    if (aws.length) {
      figures['aws configure export-credentials median ms'] = median(aws);
      figures['onramp / aws ratio'] = onrampMs / median(aws);
    }
    return {
      scenario: 'creds-warm',
      calls: {},
      figures,
      ratio: onrampMs / nodeMs,
      ratioOf: 'median `onramp creds --profile P` wall / median `node -e 0` wall (same run, interleaved)',
      target: 2,
      failures,
      wallMs: onrampMs,
      notes,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
