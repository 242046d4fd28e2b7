/**
 * The catalog for people: one entry as `onramp explain` prints it, and the whole of
 * docs/diagnostics.md (generated; a test fails when the committed file is stale).
 */
import { CATALOG } from './index.js';
import type { CatalogEntry, Evidence, Fix } from './types.js';

/** `onramp explain CODE` in text. */
export function explainText(entry: CatalogEntry<Evidence>): string {
  const lines = [
    `${entry.code} ${entry.title}`,
    `severity: ${entry.severity}${entry.generic ? ' (gives way to a more specific finding about the same resource)' : ''}`,
    '',
    `Cause: ${entry.cause}`,
  ];
  if (entry.seenIn) lines.push(`Seen in: ${entry.seenIn}`);
  lines.push('', 'Evidence a finding carries:');
  for (const [field, text] of Object.entries(entry.evidence)) lines.push(`  ${field}: ${text}`);
  lines.push('', `Fix: ${entry.fixText}`);
  return lines.join('\n');
}

/** `onramp explain CODE --json`. */
export function explainJson(entry: CatalogEntry<Evidence>): Record<string, unknown> {
  const { fix: _fix, ...data } = entry;
  return data;
}

/** A finding's fix, indented, for verify's text output. */
export function fixLines(fix: Fix, indent = '    '): string[] {
  const out = [`${indent}fix: ${fix.summary}`];
  for (const c of fix.commands ?? []) out.push(`${indent}  $ ${c}`);
  for (const c of fix.console ?? []) out.push(`${indent}  console: ${c}`);
  if (fix.onramp) out.push(`${indent}  or: ${fix.onramp}`);
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/diagnostics.md, generated from the catalog. */
export function diagnosticsDoc(): string {
  const out = [
    '# Diagnostics (onramp verify)',
    '',
    '<!-- Generated from src/verify/catalog by src/verify/catalog/doc.test.ts; do not edit by hand.',
    '     Regenerate: ONRAMP_WRITE_DOCS=1 node --import tsx --test src/verify/catalog/doc.test.ts -->',
    '',
    '`onramp verify FILE` checks every access path a blueprint implies and reports each failure it',
    'recognises as a finding with a stable code, the evidence it saw, and the fix. `onramp explain CODE`',
    'prints an entry. Findings with severity `error` make verify exit 1.',
    '',
    '| code | title | severity |',
    '| ---- | ----- | -------- |',
    ...CATALOG.map((e) => `| [${e.code}](#${e.code.toLowerCase()}) | ${cell(e.title)} | ${e.severity} |`),
    '',
  ];
  for (const e of CATALOG) {
    out.push(
      `## ${e.code}`,
      '',
      `**${e.title}** (\`${e.slug}\`, ${e.severity}${e.generic ? ', generic' : ''})`,
      '',
    );
    out.push(`Cause: ${e.cause}`, '');
    if (e.seenIn) out.push(`Seen in: ${e.seenIn}`, '');
    out.push('| evidence | holds |', '| -------- | ----- |');
    for (const [field, text] of Object.entries(e.evidence)) out.push(`| \`${field}\` | ${cell(text)} |`);
    out.push('', `Fix: ${e.fixText}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
