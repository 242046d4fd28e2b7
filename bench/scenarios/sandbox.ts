/**
 * Sandbox latency and start-up. Latency is compared, in the same run, with a bare Node HTTP server
 * answering a fixed body through the same SDK-free fetch path, so the ratio says what the sandbox
 * adds over Node's own HTTP stack.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startSandbox } from '../../src/sandbox/index.js';
import { percentile, timeMany } from '../stats.js';
import type { ScenarioResult } from '../types.js';

export async function sandboxLatency(quick: boolean): Promise<ScenarioResult> {
  const n = quick ? 300 : 2000;
  const sb = await startSandbox();
  const sts = new STSClient(sb.clientConfig());
  const iam = new IAMClient(sb.clientConfig());
  const echo = createServer((_req, res) => res.end('<ok/>'));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  const addr = echo.address();
  const echoUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  try {
    const warm = () => sts.send(new GetCallerIdentityCommand({}));
    await timeMany(50, warm);
    const caller = await timeMany(n, warm);
    const getRole = await timeMany(n, () =>
      iam.send(new GetRoleCommand({ RoleName: 'missing' })).catch(() => undefined),
    );
    await timeMany(50, () => fetch(echoUrl).then((r) => r.text()));
    const rawFetch = await timeMany(n, () => fetch(echoUrl).then((r) => r.text()));
    const p50 = percentile(caller, 50);
    return {
      scenario: 'sandbox-latency',
      calls: { sts: { GetCallerIdentity: n + 50 }, iam: { GetRole: n } },
      figures: {
        'GetCallerIdentity p50 ms': p50,
        'GetCallerIdentity p99 ms': percentile(caller, 99),
        'GetRole (NoSuchEntity) p50 ms': percentile(getRole, 50),
        'bare Node HTTP round trip p50 ms': percentile(rawFetch, 50),
      },
      ratio: p50 / 2,
      ratioOf: 'GetCallerIdentity p50 / 2 ms target',
      target: 1,
      failures: 0,
    };
  } finally {
    echo.close();
    await sb.stop();
  }
}

const BIN = fileURLToPath(new URL('../../bin/onramp.js', import.meta.url));

async function spawnUntil(
  args: string[],
  marker: (out: string) => boolean,
): Promise<{ ms: number; out: string; kill: () => void }> {
  const t = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (marker(out)) resolve();
    });
    child.on('exit', () => (marker(out) ? resolve() : reject(new Error(`exited early: ${out}`))));
  });
  return { ms: performance.now() - t, out, kill: () => child.kill('SIGTERM') };
}

export async function sandboxStartup(quick: boolean): Promise<ScenarioResult> {
  const runs = quick ? 3 : 7;
  const start: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const p = await spawnUntil([BIN, 'sandbox', '--port', '0'], (o) => o.includes('AWS_DEFAULT_REGION'));
    const env = Object.fromEntries(
      p.out
        .trim()
        .split('\n')
        .map((l) => l.slice(7).split('=') as [string, string]),
    );
    const sts = new STSClient({
      endpoint: env.AWS_ENDPOINT_URL,
      region: 'us-east-1',
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    await sts.send(new GetCallerIdentityCommand({}));
    start.push(performance.now() - t);
    p.kill();
    const n = await spawnUntil(['-e', 'process.stdout.write("x")'], (o) => o === 'x');
    node.push(n.ms);
  }
  start.sort((a, b) => a - b);
  node.sort((a, b) => a - b);
  const p50 = percentile(start, 50);
  return {
    scenario: 'sandbox-startup',
    calls: { sts: { GetCallerIdentity: runs } },
    figures: { 'start to first answer p50 ms': p50, 'node -e start p50 ms': percentile(node, 50) },
    ratio: p50 / 500,
    ratioOf: 'start-to-first-answer p50 / 500 ms target',
    target: 1,
    failures: 0,
  };
}
