/** The printed table: one row per scenario, then each scenario's calls, figures and notes. */
import type { ScenarioResult } from './types.js';

const RSS_TARGET_MB = 300;

const fmt = (n: number | undefined, digits = 3) =>
  n === undefined || Number.isNaN(n) ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(digits);
const secs = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(2));
const total = (ops: Record<string, number>) => Object.values(ops).reduce((a, b) => a + b, 0);

/** ok, or what was missed. */
export function verdict(r: ScenarioResult): string {
  const missed: string[] = [];
  if (!(r.ratio <= r.target)) missed.push('ratio');
  if (r.failures > 0) missed.push('failures');
  if ((r.peakRssMb ?? 0) > (r.rssTargetMb ?? RSS_TARGET_MB)) missed.push('RSS');
  return missed.length ? `MISSED ${missed.join('+')}` : 'ok';
}

export function printReport(results: readonly ScenarioResult[], write: (s: string) => void): void {
  const head = ['scenario', 'wall s', 'floor s', 'ratio', 'target', 'throttles', 'failures', 'RSS MB', ''];
  const rows = results.map((r) => [
    r.scenario,
    secs(r.wallMs),
    secs(r.floorMs),
    fmt(r.ratio),
    `≤ ${r.target}`,
    String(r.throttles ?? 0),
    String(r.failures),
    String(r.peakRssMb ?? '—'),
    verdict(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    `${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}\n`;
  write(`\n${line(head)}`);
  for (const row of rows) write(line(row));
  for (const r of results) {
    write(`\n${r.scenario}: ratio = ${r.ratioOf}\n`);
    const calls = Object.entries(r.calls)
      .map(([s, ops]) => `${s} ${total(ops)}`)
      .join(', ');
    write(`  calls: ${calls || 'none'}\n`);
    if (r.binding) write(`  binding: ${r.binding}\n`);
    for (const [k, v] of Object.entries(r.figures)) write(`  ${k}: ${fmt(v)}\n`);
    for (const n of r.notes ?? []) write(`  ${n}\n`);
  }
}
