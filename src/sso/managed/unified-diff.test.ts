import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { seededRandom } from '../../core/clock.js';
import { unifiedDiff } from './unified-diff.js';

test('equal texts give an empty diff', () => {
  assert.equal(unifiedDiff('a\nb\n', 'a\nb\n'), '');
});

test('hunks with three lines of context and correct ranges', () => {
  const before = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n';
  const after = 'l1\nl2\nl3\nl4\nL5\nl6\nl7\nl8\nl9\n';
  assert.equal(
    unifiedDiff(before, after, { path: 'config' }),
    '--- config\n+++ config (onramp)\n@@ -2,7 +2,8 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n+l9\n',
  );
});

test('a missing final newline is marked; one-line ranges print as diff -u does', () => {
  assert.equal(
    unifiedDiff('a', 'a\nb'),
    '--- config\n+++ config (onramp)\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file\n',
  );
  assert.equal(unifiedDiff('', 'x\n'), '--- config\n+++ config (onramp)\n@@ -0,0 +1 @@\n+x\n');
});

const dir = mkdtempSync(join(tmpdir(), 'onramp-diff-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('GNU patch applies our diffs of 300 random edits exactly', (t) => {
  if (spawnSync('patch', ['--version'], { stdio: 'ignore' }).status !== 0) {
    if (process.env.CI === 'true') throw new Error('GNU patch is required on CI');
    t.skip('GNU patch is not installed');
    return;
  }
  const rng = seededRandom(7);
  const words = ['[default]', 'region = x', '', '# c', 'a = 1', 'b = 2', '[profile p]', 'k = v'];
  for (let i = 0; i < 300; i++) {
    const lines = Array.from(
      { length: Math.floor(rng() * 40) },
      () => words[Math.floor(rng() * words.length)],
    );
    const edited = lines.flatMap((l) => {
      const r = rng();
      if (r < 0.08) return [];
      if (r < 0.16) return [l, words[Math.floor(rng() * words.length)]];
      if (r < 0.22) return ['changed'];
      return [l];
    });
    const before = lines.join('\n') + (rng() < 0.8 ? '\n' : '');
    const afterText = edited.join('\n') + (rng() < 0.8 ? '\n' : '');
    const file = join(dir, `f${i}`);
    writeFileSync(file, before);
    const diff = unifiedDiff(before, afterText, { path: file });
    if (!diff) {
      assert.equal(before, afterText);
      continue;
    }
    const run = spawnSync('patch', ['-s', '-f', '--no-backup-if-mismatch', file], {
      input: diff,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}\n${diff}`);
    assert.equal(readFileSync(file, 'utf8'), afterText, diff);
  }
});
