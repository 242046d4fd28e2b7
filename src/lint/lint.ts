/**
 * The linter: files → units → rules → sorted findings; and the `--fail-on` decision.
 */
import { readFile } from 'node:fs/promises';
import { OnrampError } from '../core/errors.js';
import { LINT_ERRORS } from './codes.js';
import { ruleContext } from './rules/context.js';
import { POLICY_RULES } from './rules/registry.js';
import { unitsFromText } from './sources.js';
import {
  type Finding,
  type LintOptions,
  type LintReport,
  SEVERITIES,
  type Severity,
  severityRank,
} from './types.js';

/** Lints one file's text (a JSON policy or a blueprint). */
export async function lintText(
  file: string,
  text: string,
  options: LintOptions = {},
): Promise<{ findings: Finding[]; notes: string[] }> {
  const source = await unitsFromText(file, text, options);
  const findings = [...source.findings];
  for (const unit of source.units) {
    const ctx = ruleContext(unit, options, findings);
    for (const rule of POLICY_RULES) await rule(ctx);
  }
  return { findings: sortFindings(findings), notes: source.notes };
}

/**
 * Lints files in order. A file that cannot be read is an input error (ONR-E180, exit 2): nothing is
 * reported for the others, so a typo in a path never passes as "no findings".
 */
export async function lintFiles(files: readonly string[], options: LintOptions = {}): Promise<LintReport> {
  const texts: string[] = [];
  for (const file of files) {
    try {
      texts.push(await readFile(file, 'utf8'));
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      throw new OnrampError(
        LINT_ERRORS.unreadable,
        `cannot read ${file}: ${code ?? (cause as Error).message}`,
        {
          source: { kind: 'file', file },
          hint:
            code === 'ENOENT'
              ? 'Check the path.'
              : code === 'EISDIR'
                ? 'Give policy files, not a directory.'
                : undefined,
          cause,
        },
      );
    }
  }
  const report: LintReport = { files: [...files], findings: [], notes: [] };
  for (const [i, file] of files.entries()) {
    const one = await lintText(file, texts[i], options);
    report.findings.push(...one.findings);
    report.notes.push(...one.notes);
  }
  return report;
}

/** By line, then column, then rule id (files keep the order they were given in). */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.region.startLine - b.region.startLine ||
      a.region.startColumn - b.region.startColumn ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** True when some finding is at or above `failOn` (error > security > warning > suggestion). */
export function shouldFail(findings: readonly Finding[], failOn: Severity = 'error'): boolean {
  return findings.some((f) => severityRank(f.severity) >= severityRank(failOn));
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}
