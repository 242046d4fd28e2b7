/**
 * Text output: `file:line:col severity ONR-Lxxx message` and an indented hint line per finding, then
 * a summary. Colour comes from the caller's painter (on a TTY only).
 */
import { countBySeverity } from './lint.js';
import { type Finding, SEVERITIES, type Severity } from './types.js';

export type Paint = (code: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string) => string;
const plain: Paint = (_code, text) => text;

const COLOUR: Record<Severity, 'red' | 'yellow' | 'dim'> = {
  error: 'red',
  security: 'red',
  warning: 'yellow',
  suggestion: 'dim',
};

export function renderFinding(f: Finding, paint: Paint = plain): string {
  const where = `${f.file}:${f.region.startLine}:${f.region.startColumn}`;
  const policy = f.policy ? ` (in ${f.policy})` : '';
  return `${where} ${paint(COLOUR[f.severity], f.severity)} ${paint('bold', f.ruleId)} ${f.message}${policy}\n  ${paint('dim', `hint: ${f.hint}`)}`;
}

/** `2 findings: 1 error, 0 security, 1 warning, 0 suggestion` or `no findings`. */
export function renderSummary(findings: readonly Finding[], files: number): string {
  const of = `${files} file${files === 1 ? '' : 's'}`;
  if (findings.length === 0) return `no findings in ${of}`;
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ');
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${of}: ${parts}`;
}

export function renderText(findings: readonly Finding[], files: number, paint: Paint = plain): string {
  return [...findings.map((f) => renderFinding(f, paint)), renderSummary(findings, files)].join('\n');
}
