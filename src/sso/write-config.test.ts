import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../core/clock.js';
import { isOnrampError } from '../core/errors.js';
import { acquireLock, staleReason } from './file-lock.js';
import { backupPathFor, lockPathFor, type WriteStep, writeConfigFile } from './write-config.js';

const root = mkdtempSync(join(tmpdir(), 'onramp-write-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => mkdtempSync(join(root, `t${n++}-`));
const mode = (p: string) => statSync(p).mode & 0o777;
const OLD = '[default]\r\nregion = us-east-1\r\n';
const NEW =
  '[default]\r\nregion = us-east-1\r\n# managed by onramp (session: s) - x\r\n[profile p]\r\nsso_session = s\r\n';
const child = fileURLToPath(new URL('./test-write-child.ts', import.meta.url));
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.stale'));

describe('writeConfigFile', () => {
  test('a new file: 0600, missing directories 0700, no backup', async () => {
    const path = join(fresh(), 'home', '.aws', 'config');
    const result = await writeConfigFile(path, NEW);
    assert.deepEqual([result.written, result.created, result.backupPath], [true, true, undefined]);
    assert.equal(readFileSync(path, 'utf8'), NEW);
    assert.equal(mode(path), 0o600);
    assert.equal(mode(join(path, '..')), 0o700);
    assert.equal(mode(join(path, '..', '..')), 0o700);
    assert.ok(!existsSync(lockPathFor(path)));
  });

  test('an existing file keeps its mode; the backup has the old bytes and the same mode', async () => {
    const path = join(fresh(), 'config');
    writeFileSync(path, OLD, { mode: 0o640 });
    const result = await writeConfigFile(path, NEW);
    assert.equal(result.backupPath, backupPathFor(path));
    assert.equal(readFileSync(backupPathFor(path), 'utf8'), OLD);
    assert.equal(mode(path), 0o640);
    assert.equal(mode(backupPathFor(path)), 0o640);
    assert.match(result.diff, /^\+\[profile p\]$/m);
  });

  test('unchanged content is not rewritten', async () => {
    const path = join(fresh(), 'config');
    writeFileSync(path, OLD);
    const past = new Date(Date.now() - 60_000);
    utimesSync(path, past, past);
    const result = await writeConfigFile(path, OLD);
    assert.deepEqual([result.changed, result.written], [false, false]);
    assert.ok(Math.abs(statSync(path).mtimeMs - past.getTime()) < 1, 'mtime unchanged');
    assert.ok(!existsSync(backupPathFor(path)));
  });

  test('--dry-run returns the diff and touches nothing', async () => {
    const dir = fresh();
    const path = join(dir, 'config');
    writeFileSync(path, OLD);
    const result = await writeConfigFile(path, NEW, { dryRun: true });
    assert.equal(result.written, false);
    assert.match(result.diff, /^@@ /m);
    assert.equal(readFileSync(path, 'utf8'), OLD);
    assert.deepEqual(readdirSync(dir), ['config']);
  });

  test('a file changed since it was read is not overwritten (ONR-E304)', async () => {
    const path = join(fresh(), 'config');
    writeFileSync(path, `${OLD}# edited meanwhile\n`);
    await assert.rejects(
      writeConfigFile(path, NEW, { expected: OLD }),
      (e) => isOnrampError(e) && e.code === 'ONR-E304',
    );
    assert.equal(readFileSync(path, 'utf8'), `${OLD}# edited meanwhile\n`);
    assert.ok(!existsSync(lockPathFor(path)), 'lock released on failure');
  });

  test('a symlinked config is written through the link', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'dotfiles'));
    writeFileSync(join(dir, 'dotfiles', 'aws-config'), OLD);
    symlinkSync(join(dir, 'dotfiles', 'aws-config'), join(dir, 'config'));
    await writeConfigFile(join(dir, 'config'), NEW);
    assert.ok(lstatSync(join(dir, 'config')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'dotfiles', 'aws-config'), 'utf8'), NEW);
  });

  test('invalid UTF-8 is refused (ONR-E305), never re-encoded', async () => {
    const path = join(fresh(), 'config');
    writeFileSync(path, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]));
    await assert.rejects(writeConfigFile(path, NEW), (e) => isOnrampError(e) && e.code === 'ONR-E305');
  });
});

describe('crash at every step', () => {
  const steps: WriteStep[] = ['locked', 'backed-up', 'temp-written', 'renamed', 'done'];
  for (const existing of [true, false]) {
    for (const step of steps) {
      if (!existing && step === 'backed-up') continue;
      test(`${existing ? 'existing' : 'new'} file, killed at ${step}: old or new content, and the next write recovers`, async () => {
        const dir = fresh();
        const path = join(dir, 'config');
        if (existing) writeFileSync(path, OLD, { mode: 0o644 });
        writeFileSync(join(dir, 'new.txt'), NEW);
        const run = spawnSync(
          process.execPath,
          ['--import', 'tsx', child, 'crash', path, join(dir, 'new.txt'), step],
          {
            encoding: 'utf8',
          },
        );
        assert.equal(run.signal, 'SIGKILL', `the child reached ${step}: ${run.stderr}`);
        const now = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
        const oldContent = existing ? OLD : undefined;
        assert.ok(now === oldContent || now === NEW, `content after crash: ${JSON.stringify(now)}`);
        if (['renamed', 'done'].includes(step)) assert.equal(now, NEW);
        assert.ok(existsSync(lockPathFor(path)), 'the dead writer left its lock');

        const next = `${NEW}# second write\r\n`;
        await writeConfigFile(path, next, { lock: { timeoutMs: 2000 } });
        assert.equal(readFileSync(path, 'utf8'), next);
        if (now !== undefined) assert.equal(readFileSync(backupPathFor(path), 'utf8'), now);
        assert.ok(!existsSync(lockPathFor(path)));
        assert.deepEqual(leftovers(dir), []);
        if (existing) assert.equal(mode(path), 0o644);
      });
    }
  }
});

describe('lock', () => {
  test('a live lock makes a writer wait, then fail with ONR-E303 naming the holder', async () => {
    const path = join(fresh(), 'config');
    const held = await acquireLock(lockPathFor(path));
    const clock = new ManualClock(Date.now());
    await assert.rejects(
      writeConfigFile(path, NEW, { lock: { clock, timeoutMs: 1000, pollMs: 100 } }),
      (e) => isOnrampError(e) && e.code === 'ONR-E303' && e.message.includes(`process ${process.pid}`),
    );
    assert.ok(!existsSync(path));
    held.release();
    await writeConfigFile(path, NEW);
    assert.equal(readFileSync(path, 'utf8'), NEW);
  });

  test('stale when the process is gone, when too old, or unreadable for a while', () => {
    const now = Date.now();
    const live = { pid: process.pid, host: hostname(), createdAt: '', token: 't' };
    assert.equal(staleReason({ content: live, mtimeMs: now }, now), undefined);
    assert.match(staleReason({ content: live, mtimeMs: now - 6 * 60_000 }, now) ?? '', /older than/);
    assert.match(
      staleReason({ content: { ...live, pid: 1 }, mtimeMs: now }, now, { isAlive: () => false }) ?? '',
      /gone/,
    );
    assert.equal(
      staleReason({ content: { ...live, host: 'elsewhere' }, mtimeMs: now }, now, { isAlive: () => false }),
      undefined,
    );
    assert.equal(staleReason({ mtimeMs: now - 100 }, now), undefined);
    assert.match(staleReason({ mtimeMs: now - 3000 }, now) ?? '', /unreadable/);
  });

  test('an old lock of a live pid (pid reuse) and a half-written lock are taken over', async () => {
    const dir = fresh();
    const path = join(dir, 'config');
    writeFileSync(
      lockPathFor(path),
      JSON.stringify({ pid: process.pid, host: hostname(), createdAt: '', token: 'x' }),
    );
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockPathFor(path), old, old);
    await writeConfigFile(path, OLD, { lock: { timeoutMs: 500 } });
    writeFileSync(lockPathFor(path), '');
    utimesSync(lockPathFor(path), old, old);
    await writeConfigFile(path, NEW, { lock: { timeoutMs: 500 } });
    assert.equal(readFileSync(path, 'utf8'), NEW);
    assert.deepEqual(leftovers(dir), []);
  });

  test('release never removes a lock someone else took over', async () => {
    const path = join(fresh(), 'config.onramp.lock');
    const lock = await acquireLock(path);
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'other', createdAt: '', token: 'theirs' }));
    lock.release();
    assert.ok(existsSync(path));
  });

  test('concurrent writers in separate processes lose no update', async () => {
    const path = join(fresh(), 'config');
    const workers = 4;
    const each = 5;
    await Promise.all(
      Array.from(
        { length: workers },
        (_, id) =>
          new Promise<void>((resolve, reject) => {
            const p = spawn(
              process.execPath,
              ['--import', 'tsx', child, 'append', path, String(id), String(each)],
              {
                stdio: ['ignore', 'ignore', 'pipe'],
              },
            );
            let err = '';
            p.stderr.on('data', (d) => {
              err += d;
            });
            p.on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`worker ${id}: ${code} ${err}`)),
            );
          }),
      ),
    );
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, workers * each);
    assert.equal(new Set(lines).size, workers * each);
    for (let id = 0; id < workers; id++) {
      const mine = lines.filter((l) => l.startsWith(`line ${id}-`));
      assert.deepEqual(
        mine,
        Array.from({ length: each }, (_, i) => `line ${id}-${i}`),
      );
    }
  });
});
