/** verify's report for people: the access matrix, then each finding with its evidence and fix. */
import { fixLines } from './catalog/render.js';
import type { PathResult, VerifyReport } from './types.js';

function resultCell(p: PathResult, r: VerifyReport): string {
  const codes = p.codes.length ? ` ${p.codes.join(',')}` : '';
  if (p.status === 'ok') {
    const proven = p.live.some((l) => l.expected === 'Allow' && l.answer === 'Allow');
    const how = proven ? 'proven live' : (p.notes.find((n) => n.startsWith('not proven live')) ?? 'offline');
    return `ok (${how})${codes}`;
  }
  if (p.status === 'unknown') return `unknown (${p.notes[0] ?? 'nothing could be evaluated'})${codes}`;
  const finding = r.findings.find((f) => f.paths.includes(p.path.id) && p.codes.includes(f.code));
  const why = finding?.message ?? p.notes.at(-1);
  return `FAILED${codes}${why ? `: ${why}` : ''}`;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The report as text. */
export function renderReport(
  r: VerifyReport,
  paint: (c: 'red' | 'green' | 'yellow' | 'bold', s: string) => string = (_c, s) => s,
): string {
  const out = [paint('bold', `onramp verify ${r.blueprint} as ${r.caller.arn} (${r.region})`), ''];
  const rows = r.paths.map((p) => [p.principal, p.target, resultCell(p, r), p.status] as const);
  const w1 = Math.min(60, Math.max(9, ...rows.map((x) => x[0].length)));
  const w2 = Math.min(80, Math.max(6, ...rows.map((x) => x[1].length)));
  out.push(`${pad('PRINCIPAL', w1)}  ${pad('TARGET', w2)}  RESULT`);
  for (const [principal, target, cell, status] of rows) {
    const color = status === 'ok' ? 'green' : status === 'failed' ? 'red' : 'yellow';
    out.push(`${pad(principal, w1)}  ${pad(target, w2)}  ${paint(color, cell)}`);
  }
  if (rows.length === 0) out.push('(the blueprint implies no access paths)');
  if (r.findings.length > 0) {
    out.push('', paint('bold', `Findings (${r.findings.length})`));
    for (const f of r.findings) {
      out.push(
        '',
        `  ${paint(f.severity === 'error' ? 'red' : 'yellow', f.code)} ${f.title}`,
        `    ${f.subject}: ${f.message}`,
      );
      for (const [k, v] of Object.entries(f.evidence)) {
        if (v !== undefined) out.push(`    ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
      }
      out.push(...fixLines(f.fix), `    more: onramp explain ${f.code}`);
    }
  }
  if (r.notes.length > 0) out.push('', 'Notes:', ...r.notes.map((n) => `  - ${n}`));
  const s = r.summary;
  out.push(
    '',
    `${s.paths} paths: ${s.ok} ok, ${s.failed} failed, ${s.unknown} unknown; ${s.findings} finding${s.findings === 1 ? '' : 's'}`,
  );
  return out.join('\n');
}
