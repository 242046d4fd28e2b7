/**
 * `npm run bench [-- --quick] [-- --only=NAME]`: runs every scenario, each in a child process of
 * its own (so its peak RSS is its own and a crash fails only that row), prints a table, and writes
 * bench/results/latest.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printReport } from './report.js';
import { SCENARIOS } from './scenarios/index.js';
import type { ScenarioResult } from './types.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const child = process.argv.find((a) => a.startsWith('--child='))?.slice(8);
const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6);
/** A child that runs longer than this is killed and its row fails. */
const CHILD_TIMEOUT_MS = (quick ? 2 : 12) * 60_000;

if (child) {
  const load = SCENARIOS.find(([name]) => name === child)?.[1];
  if (!load || !out) throw new Error(`unknown scenario ${child}`);
  const run = await load();
  const baseline = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const r: ScenarioResult = await run(quick).catch((e: Error) => ({
    scenario: child,
    calls: {},
    figures: {},
    ratio: Number.NaN,
    ratioOf: 'did not finish',
    target: 1,
    failures: 1,
    notes: [`the scenario failed: ${e.message}`],
  }));
  r.figures['RSS after loading the scenario MB'] = baseline;
  r.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  writeFileSync(out, JSON.stringify(r));
  // Keep-alive sockets of SDK clients must not hold the child open.
  process.exit(0);
}

function runChild(name: string, dir: string): Promise<ScenarioResult> {
  const file = join(dir, `${name}.json`);
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), `--child=${name}`, `--out=${file}`];
  if (quick) args.push('--quick');
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      err = (err + d.toString()).slice(-2000);
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(readFileSync(file, 'utf8')) as ScenarioResult);
      } catch {
        const why = signal ? `killed by ${signal}` : `exited with ${code}`;
        resolve({
          scenario: name,
          calls: {},
          figures: {},
          ratio: Number.NaN,
          ratioOf: 'did not finish',
          target: 1,
          failures: 1,
          notes: [`the scenario ${why}: ${err.trim().split('\n').slice(-3).join(' | ')}`],
        });
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'onramp-bench-'));
const results: ScenarioResult[] = [];
const started = Date.now();
try {
  for (const [name] of SCENARIOS) {
    if (only && only !== name) continue;
    process.stderr.write(`bench: ${name}…\n`);
    results.push(await runChild(name, dir));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
printReport(results, (s) => process.stdout.write(s));
process.stdout.write(`\n${quick ? 'quick' : 'full'} run: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  `${resultsDir}latest.json`,
  `${JSON.stringify({ date: new Date().toISOString(), quick, results }, null, 2)}\n`,
);
if (results.some((r) => r.failures > 0)) process.exitCode = 1;
