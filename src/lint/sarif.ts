/**
 * SARIF 2.1.0 output, shaped the way GitHub code scanning reads it: rules with help, tags and a
 * security-severity score, results with a level and a physical location relative to the checkout.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type RuleMeta } from './catalog.js';
import type { Finding, Severity } from './types.js';

/** Where people read about onramp; SARIF viewers link the tool name to it. */
export const INFORMATION_URI = 'https://www.npmjs.com/package/onramp';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  security: 'error',
  warning: 'warning',
  suggestion: 'note',
};

/** GitHub's `problem.severity` for alerts that are not security alerts. */
const PROBLEM: Record<Severity, 'error' | 'warning' | 'recommendation'> = {
  error: 'error',
  security: 'error',
  warning: 'warning',
  suggestion: 'recommendation',
};

function sarifRule(r: RuleMeta) {
  const tags =
    r.severity === 'security'
      ? ['security', 'iam']
      : ['iam', r.severity === 'error' ? 'correctness' : 'maintainability'];
  return {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.title },
    fullDescription: { text: r.help },
    help: { text: `${r.help}\n\nFix: ${r.hint}`, markdown: `${r.help}\n\n**Fix:** ${r.hint}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags,
      precision: 'high',
      'problem.severity': PROBLEM[r.severity],
      ...(r.securitySeverity === undefined ? {} : { 'security-severity': r.securitySeverity.toFixed(1) }),
    },
  };
}

/** A relative URI for files under `baseDir` (forward slashes, percent-encoded), a file: URI otherwise. */
export function artifactUri(file: string, baseDir: string): string {
  const rel = isAbsolute(file) ? relative(baseDir, file) : file;
  if (isAbsolute(rel) || rel.startsWith('..'))
    return pathToFileURL(isAbsolute(file) ? file : `${baseDir}${sep}${file}`).href;
  return rel
    .split(sep)
    .join('/')
    .split('/')
    .filter((s) => s !== '.')
    .map(encodeURIComponent)
    .join('/');
}

export interface SarifOptions {
  version: string;
  /** Relative artifact URIs are taken from here (the repository checkout); default the working directory. */
  baseDir?: string;
}

export function toSarif(findings: readonly Finding[], options: SarifOptions) {
  const baseDir = options.baseDir ?? process.cwd();
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'onramp',
            fullName: 'onramp lint',
            version: options.version,
            semanticVersion: options.version,
            informationUri: INFORMATION_URI,
            rules: RULES.map(sarifRule),
          },
        },
        columnKind: 'utf16CodeUnits' as const,
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: `${f.message}${f.policy ? ` (in ${f.policy})` : ''}. Fix: ${f.hint}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file, baseDir) },
                region: {
                  startLine: f.region.startLine,
                  startColumn: f.region.startColumn,
                  ...(f.region.endLine === undefined ? {} : { endLine: f.region.endLine }),
                  ...(f.region.endColumn === undefined ? {} : { endColumn: f.region.endColumn }),
                },
              },
            },
          ],
          properties: { severity: f.severity, ...(f.path ? { jsonPath: f.path } : {}) },
        })),
      },
    ],
  };
}
