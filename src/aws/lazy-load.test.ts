/**
 * Commands that never call AWS must not pay for loading the SDK: outside tests, src/aws and
 * src/apply may import SDK packages only as types, or with a dynamic import() where needed.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = dirname(dirname(fileURLToPath(import.meta.url)));

it('loads AWS SDK packages only on first use', () => {
  const offenders: string[] = [];
  for (const room of ['aws', 'apply']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(SRC, room));
    } catch {
      continue;
    }
    for (const name of names.filter(
      (n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && !n.startsWith('test-'),
    )) {
      const text = readFileSync(join(SRC, room, name), 'utf8');
      for (const m of text.matchAll(
        /^import\s+(?!type\b)[^;]*?from\s+['"](@aws-sdk\/[^'"]+|@smithy\/[^'"]+)['"]/gms,
      )) {
        offenders.push(`${room}/${name}: ${m[1]}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});
