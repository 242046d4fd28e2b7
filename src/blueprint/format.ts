/**
 * Renders diagnostics the way compilers do: `file:line:col  CODE  message` plus an indented hint.
 */
import { formatSource, type OnrampError } from '../core/errors.js';
import type { ValidationReport } from './types.js';

export function formatDiagnostic(e: OnrampError, severity: 'error' | 'warning' = 'error'): string {
  const where = e.source ? formatLocation(e) : '';
  const head = `${where ? `${where}: ` : ''}${severity} ${e.code} ${e.message}`;
  return e.hint ? `${head}\n    hint: ${e.hint}` : head;
}

function formatLocation(e: OnrampError): string {
  const s = e.source;
  if (!s) return '';
  if (s.kind === 'file') {
    return s.line === undefined ? s.file : `${s.file}:${s.line}${s.column ? `:${s.column}` : ''}`;
  }
  return formatSource(s);
}

/** All errors then all warnings, and a one-line summary. */
export function formatReport(report: ValidationReport): string {
  const lines = [
    ...report.errors.map((e) => formatDiagnostic(e, 'error')),
    ...report.warnings.map((w) => formatDiagnostic(w, 'warning')),
  ];
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  lines.push(
    report.ok
      ? `blueprint is valid (${n(report.warnings.length, 'warning')})`
      : `${n(report.errors.length, 'error')}, ${n(report.warnings.length, 'warning')}`,
  );
  return lines.join('\n');
}
