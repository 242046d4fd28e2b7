/**
 * Starts moto (an independent implementation of AWS, in the image's Python) on a free loopback
 * port for the conformance suite. Missing moto skips the suite locally and fails it in CI.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export interface Moto {
  url: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Why a real peer is unusable here, or undefined when it is usable. */
export function motoMissing(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import moto.server'], { encoding: 'utf8' });
  return r.status === 0
    ? undefined
    : `moto is not importable by python3 (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`;
}

/** In CI a missing peer is a failure; elsewhere the tests skip with this message. */
export function peerUnavailable(what: string, why: string): string {
  if (process.env.CI === 'true') throw new Error(`${what} is required in CI: ${why}`);
  return `skipped: ${what} unavailable (${why})`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited: ${stderr.slice(-500)}`);
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto did not start in 30 s: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    reset: async () => {
      await fetch(`${url}/moto-api/reset`, { method: 'POST' });
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
