/**
 * Bad input never reaches AWS: every blueprint of the invalid corpus (src/blueprint/fixtures/invalid)
 * through the built CLI, `validate` and `plan --endpoint-url <sandbox>`, exits 2 with exactly the
 * codes the fixture expects, and the sandbox counts zero calls. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/test-run-cli.js';
import { useSandbox } from '../sandbox/test-support.js';

const dir = fileURLToPath(new URL('../blueprint/fixtures/invalid/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.json'))
  .sort();

/** The codes of `# expect: ONR-E114 12:11, ONR-E134 15:26` (or the .expect sidecar of a JSON file). */
function expectedCodes(file: string): string[] {
  const header = readFileSync(join(dir, file.endsWith('.json') ? `${file}.expect` : file), 'utf8');
  const line = /^# expect: (.+)$/m.exec(header)?.[1] ?? '';
  return line.split(',').map((s) => s.trim().split(' ')[0]);
}

const sb = useSandbox({ seed: 'org', accounts: 1 });

/** Runs `jobs` at most `n` at a time (the CLI is a child process each). */
async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

describe('bad input through the CLI', () => {
  it(`refuses all ${fixtures.length} broken blueprints with exit 2, their codes, and zero AWS calls`, async () => {
    assert.ok(fixtures.length >= 60, `only ${fixtures.length} fixtures`);
    const env = {
      AWS_ACCESS_KEY_ID: sb.current.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sb.current.admin.secretAccessKey,
      AWS_REGION: 'us-east-1',
    };
    sb.current.resetCalls();
    const jobs = fixtures.flatMap((f) =>
      ['validate', 'plan'].map((command) => async () => {
        const args = [
          command,
          join(dir, f),
          '--json',
          ...(command === 'plan' ? ['--endpoint-url', sb.current.url] : []),
        ];
        const r = await runCli(args, { env });
        return { f, command, r };
      }),
    );
    const results = await pool(jobs, 4);
    const wrong: string[] = [];
    for (const { f, command, r } of results) {
      let codes: string[] = [];
      try {
        codes = (JSON.parse(r.stdout).errors as { code: string }[]).map((e) => e.code);
      } catch {
        wrong.push(`${command} ${f}: not JSON: ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`);
        continue;
      }
      if (r.code !== 2) wrong.push(`${command} ${f}: exit ${r.code}`);
      const want = expectedCodes(f);
      if (JSON.stringify(codes) !== JSON.stringify(want)) wrong.push(`${command} ${f}: ${codes} ≠ ${want}`);
    }
    assert.deepEqual(wrong, []);
    assert.equal(results.length, fixtures.length * 2);
    assert.deepEqual(sb.current.calls(), {}, 'no call reached the sandbox');
    // The counter does count the CLI's calls: a valid blueprint's plan reaches the sandbox.
    const good = await runCli(['plan', join(dir, '../workbench.yaml'), '--endpoint-url', sb.current.url], {
      env,
    });
    assert.equal(good.code, 3, good.stderr);
    assert.ok((sb.current.calls().sts?.GetCallerIdentity ?? 0) >= 1);
  });
});
