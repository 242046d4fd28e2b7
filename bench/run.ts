/**
 * `npm run bench [-- --quick]`: runs every scenario, prints a table, writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sandboxLatency, sandboxStartup } from './scenarios/sandbox.js';
import type { ScenarioResult } from './types.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const scenarios: Array<[string, (quick: boolean) => Promise<ScenarioResult>]> = [
  ['sandbox-latency', sandboxLatency],
  ['sandbox-startup', sandboxStartup],
];

const results: ScenarioResult[] = [];
for (const [name, run] of scenarios) {
  if (only && only !== name) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const r = await run(quick);
  r.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  results.push(r);
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3));
for (const r of results) {
  const calls = Object.entries(r.calls)
    .map(([s, ops]) => `${s}:${Object.values(ops).reduce((a, b) => a + b, 0)}`)
    .join(' ');
  const verdict = r.ratio <= r.target && r.failures === 0 ? 'ok' : 'MISSED';
  process.stdout.write(
    `\n${r.scenario}  ratio ${fmt(r.ratio)} (${r.ratioOf}; target ≤ ${r.target}) ${verdict}\n`,
  );
  process.stdout.write(
    `  calls ${calls}  failures ${r.failures}  throttles ${r.throttles ?? 0}  peak RSS ${r.peakRssMb} MB\n`,
  );
  for (const [k, v] of Object.entries(r.figures)) process.stdout.write(`  ${k}: ${fmt(v)}\n`);
}
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}latest.json`,
  `${JSON.stringify({ date: new Date().toISOString(), quick, results }, null, 2)}\n`,
);
