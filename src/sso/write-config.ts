/**
 * Writing ~/.aws/config (or any AWS INI file) the careful way: under a lock, only when the content
 * changes, after a backup of the previous file (`<path>.onramp.bak`, same mode), by atomic rename,
 * keeping the file's mode (0600 for a new file) and creating missing directories 0700. A symlinked
 * config (dotfile managers) is written through the link, not replaced by a regular file.
 *
 * The steps are observable (`onStep`) so tests can kill the process between any two of them and
 * check the file is always either the old or the new content.
 */
import { existsSync, readdirSync, realpathSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type AtomicWriteStep, atomicTempPattern, writeFileAtomic } from '../core/atomic-file.js';
import { OnrampError } from '../core/errors.js';
import { SsoFileError } from './errors.js';
import { acquireLock, type LockOptions } from './file-lock.js';
import { unifiedDiff } from './managed/unified-diff.js';
import { ensurePrivateDir, readTextFile } from './private-fs.js';

export type WriteStep = 'locked' | 'backed-up' | AtomicWriteStep | 'done';

export interface WriteConfigOptions {
  /** Compute the diff only; nothing is locked or written. */
  dryRun?: boolean;
  /** The text the change was planned from: if the file now differs, fail (ONR-E304) rather than overwrite. */
  expected?: string;
  /** Keep `<path>.onramp.bak` (default true). */
  backup?: boolean;
  lock?: LockOptions;
  /** Observes each step; tests simulate crashes here. */
  onStep?: (step: WriteStep) => void;
}

export interface WriteConfigResult {
  /** The file actually written (the link target for a symlink). */
  path: string;
  /** The content differs from what was on disk. */
  changed: boolean;
  written: boolean;
  created: boolean;
  diff: string;
  backupPath?: string;
}

export const backupPathFor = (path: string): string => `${path}.onramp.bak`;
export const lockPathFor = (path: string): string => `${path}.onramp.lock`;

function resolveTarget(path: string): string {
  return existsSync(path) ? realpathSync(path) : path;
}

/** Removes temp files an earlier crashed write left beside `path`; safe because we hold the lock. */
function removeLeftovers(path: string): void {
  const patterns = [atomicTempPattern(path), atomicTempPattern(backupPathFor(path))];
  for (const name of readdirSync(dirname(path))) {
    if (patterns.some((p) => p.test(name))) unlinkSync(join(dirname(path), name));
  }
}

/** Replaces the file with `newText` (see the module comment for the guarantees). */
export async function writeConfigFile(
  path: string,
  newText: string,
  options: WriteConfigOptions = {},
): Promise<WriteConfigResult> {
  return updateConfigFile(path, () => newText, options);
}

/**
 * Reads the file under the lock, applies `transform`, writes the result. Use this when the new
 * text is computed from the old one, so no concurrent edit can be lost.
 */
export async function updateConfigFile(
  path: string,
  transform: (current: string) => string,
  options: WriteConfigOptions = {},
): Promise<WriteConfigResult> {
  const target = resolveTarget(path);
  if (options.dryRun) {
    const current = readTextFile(target);
    const next = transform(current.text);
    const diff = unifiedDiff(current.text, next, { path });
    return {
      path: target,
      changed: next !== current.text || !current.exists,
      written: false,
      created: false,
      diff,
    };
  }
  ensurePrivateDir(dirname(target));
  const lock = await acquireLock(lockPathFor(target), options.lock);
  try {
    options.onStep?.('locked');
    const current = readTextFile(target);
    if (options.expected !== undefined && current.text !== options.expected) {
      throw new OnrampError(
        SsoFileError.changedSinceRead,
        `writing ${path}: the file changed since onramp read it`,
        {
          hint: 'another program edited it in the meantime; run the command again',
          source: { kind: 'file', file: path },
        },
      );
    }
    const next = transform(current.text);
    const diff = unifiedDiff(current.text, next, { path });
    if (current.exists && next === current.text) {
      return { path: target, changed: false, written: false, created: false, diff };
    }
    removeLeftovers(target);
    let backupPath: string | undefined;
    if (current.exists && options.backup !== false) {
      backupPath = backupPathFor(target);
      writeFileAtomic(backupPath, current.text, { mode: current.mode, exactMode: true });
      options.onStep?.('backed-up');
    }
    writeFileAtomic(target, next, {
      mode: current.mode ?? 0o600,
      exactMode: true,
      syncDir: true,
      onStep: (step) => options.onStep?.(step),
    });
    options.onStep?.('done');
    return { path: target, changed: true, written: true, created: !current.exists, diff, backupPath };
  } finally {
    lock.release();
  }
}
