/**
 * YAML (and JSON, which YAML 1.2 reads) to a located tree. Syntax errors and duplicate keys are
 * reported with their line and column; duplicates keep the first value so later checks still run.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { E } from './codes.js';
import type { Diagnostics } from './diagnostics.js';
import type { LEntry, LNode, Pos } from './source-map.js';

const MAX_DEPTH = 64;

/** Parses `text`; returns undefined when the syntax is too broken to check anything else. */
export function parseYamlTree(text: string, diag: Diagnostics): LNode | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const posAt = (offset: number): Pos => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  let fatal = false;
  const reported = new Set<number>();
  for (const err of doc.errors) {
    const pos = posAt(err.pos[0]);
    if (err.code === 'DUPLICATE_KEY') {
      const key = text.slice(err.pos[0], err.pos[1]).trim() || 'key';
      diag.error({
        code: E.duplicateKey,
        message: `duplicate key \`${duplicateKeyText(text, err.pos[0]) ?? key}\` in this mapping`,
        pos,
        hint: 'YAML mappings need unique keys; merge the two entries into one',
      });
    } else {
      // The parser often reports one mistake twice at the same offset; keep the first.
      if (!fatal || !reported.has(err.pos[0])) {
        const message =
          err.code === 'MULTIPLE_DOCS'
            ? 'the file holds more than one YAML document'
            : firstLine(err.message);
        diag.error({ code: E.syntax, message, pos, hint: syntaxHint(err.code) });
      }
      reported.add(err.pos[0]);
      fatal = true;
    }
  }
  for (const warning of doc.warnings) {
    fatal = true;
    diag.error({ code: E.syntax, message: firstLine(warning.message), pos: posAt(warning.pos[0]) });
  }
  if (fatal) return undefined;
  const root = doc.contents;
  if (root === null) return { kind: 'scalar', value: null, pos: { line: 1, column: 1 } };
  return convert(root, doc, posAt, diag, 0);
}

function convert(
  node: Node,
  doc: Document,
  posAt: (offset: number) => Pos,
  diag: Diagnostics,
  depth: number,
): LNode {
  const pos = node.range ? posAt(node.range[0]) : undefined;
  if (depth > MAX_DEPTH) {
    diag.error({ code: E.syntax, message: 'the document nests too deeply (alias loop?)', pos });
    return { kind: 'scalar', value: null, pos };
  }
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target) return { kind: 'scalar', value: null, pos };
    return { ...convert(target, doc, posAt, diag, depth + 1), pos };
  }
  if (isScalar(node)) {
    const raw = typeof node.source === 'string' ? node.source : undefined;
    const changed = raw !== undefined && typeof node.value !== 'string' && raw !== String(node.value);
    return { kind: 'scalar', value: node.value, pos, ...(changed ? { raw } : {}) };
  }
  if (isSeq(node)) {
    return { kind: 'seq', pos, items: node.items.map((i) => convertItem(i, doc, posAt, diag, depth)) };
  }
  if (isMap(node)) {
    const entries: LEntry[] = [];
    const merged: LEntry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const keyPos = keyNode?.range ? posAt(keyNode.range[0]) : pos;
      if (keyNode !== null && !isScalar(keyNode)) {
        diag.error({ code: E.syntax, message: 'only plain scalar keys are supported', pos: keyPos });
        continue;
      }
      const key = keyNode === null ? '' : scalarKey(keyNode.value, keyNode.source);
      const value = convertItem(pair.value, doc, posAt, diag, depth);
      if (key === '<<' && value.kind === 'map') {
        // YAML 1.1 merge keys are common with anchors; explicit keys win over merged ones.
        merged.push(...value.entries);
        continue;
      }
      if (entries.some((e) => e.key === key)) continue;
      entries.push({ key, keyPos, value });
    }
    for (const m of merged) if (!entries.some((e) => e.key === m.key)) entries.push(m);
    return { kind: 'map', pos, entries };
  }
  return { kind: 'scalar', value: null, pos };
}

function convertItem(
  item: unknown,
  doc: Document,
  posAt: (offset: number) => Pos,
  diag: Diagnostics,
  depth: number,
): LNode {
  if (item === null || item === undefined) return { kind: 'scalar', value: null };
  return convert(item as Node, doc, posAt, diag, depth + 1);
}

/** Keys keep their source text: `017059471480:` must not become 17059471480. */
function scalarKey(value: unknown, source: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof source === 'string') return source;
  return String(value);
}

function duplicateKeyText(text: string, offset: number): string | undefined {
  const m = /^\s*("[^"]*"|'[^']*'|[^:#\n]+?)\s*:/.exec(text.slice(offset, offset + 300));
  return m ? m[1].replace(/^["']|["']$/g, '') : undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return line.charAt(0).toLowerCase() + line.slice(1);
}

function syntaxHint(code: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check indentation and that every [ { " has its closing partner';
    case 'TAB_AS_INDENT':
      return 'YAML indents with spaces, not tabs';
    case 'MULTIPLE_DOCS':
      return 'a blueprint is one YAML document; remove the extra `---`';
    default:
      return 'fix the YAML syntax at this position';
  }
}
