/**
 * Dependencies point one way (docs/architecture.md): cli and ui assemble everything; engine rooms
 * never import cli, ui, sandbox or sso; the sandbox imports only core and policy; policy and core
 * import nothing of ours but core.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Rooms each room may import (besides itself). Rooms not listed may import anything but cli/ui. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  policy: ['core'],
  sandbox: ['core', 'policy'],
  blueprint: ['core', 'policy'],
  resources: ['core', 'policy', 'aws', 'blueprint'],
  aws: ['core'],
  plan: ['core', 'policy', 'blueprint', 'resources', 'aws'],
  apply: ['core', 'policy', 'blueprint', 'resources', 'aws', 'plan'],
  verify: ['core', 'policy', 'blueprint', 'resources', 'aws', 'plan', 'sso'],
  engine: ['core', 'policy', 'blueprint', 'resources', 'aws', 'plan', 'apply'],
  sso: ['core', 'aws', 'policy'],
  recipes: ['core', 'blueprint', 'policy'],
  lint: ['core', 'policy', 'blueprint'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    // Tests and their support files (test-*.ts, excluded from the build like tests) may import anything.
    const test = p.endsWith('.test.ts') || name.startsWith('test-');
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !test ? [p] : [];
  });
}

it('keeps every import inside the rooms its room may use', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const room = relative(SRC, file).split('/')[0];
    if (room.endsWith('.ts')) continue;
    const allowed = ALLOWED[room];
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = relative(SRC, resolve(dirname(file), m[1])).split('/')[0];
      if (target === room || target.startsWith('..')) continue;
      const ok = allowed
        ? allowed.includes(target)
        : !['cli', 'ui'].includes(target) || ['cli', 'ui'].includes(room);
      if (!ok) violations.push(`${relative(SRC, file)} imports ${m[1]} (room ${target})`);
    }
  }
  assert.deepEqual(violations, []);
});
