/**
 * Crash-safe file replacement: write a sibling temp file, fsync it, rename over the target. A crash
 * at any point leaves either the old file or the new one, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Points inside writeFileAtomic where a test can simulate a crash (see `onStep`). */
export type AtomicWriteStep = 'temp-written' | 'renamed';

export interface AtomicWriteOptions {
  /** File mode for the new file (e.g. 0o600 for secrets). */
  mode?: number;
  /** Apply `mode` exactly with fchmod, whatever the umask (to preserve an existing file's mode). */
  exactMode?: boolean;
  /** fsync the directory after the rename, so the rename itself survives a power cut. */
  syncDir?: boolean;
  /**
   * Called after each step; a test can throw or kill the process here to simulate a crash.
   * 'temp-written': the temp file is complete and closed, the target untouched.
   * 'renamed': the target has the new content.
   */
  onStep?: (step: AtomicWriteStep, paths: { tmp: string; path: string }) => void;
}

/** Matches the temp files writeFileAtomic leaves behind for `path` if it crashes mid-way. */
export function atomicTempPattern(path: string): RegExp {
  const escaped = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.[0-9a-f]{12}\\.tmp$`);
}

export function writeFileAtomic(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', options.mode ?? 0o644);
  try {
    if (options.exactMode && options.mode !== undefined) fchmodSync(fd, options.mode);
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let off = 0; off < buffer.length; ) off += writeSync(fd, buffer, off, buffer.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  options.onStep?.('temp-written', { tmp, path });
  renameSync(tmp, path);
  options.onStep?.('renamed', { tmp, path });
  if (options.syncDir) syncDirectory(dirname(path));
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform can open or fsync a directory (Windows); the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
