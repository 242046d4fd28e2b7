/**
 * Small file-system edges shared by the config writer and the caches: private directories, UTF-8
 * reads that refuse to guess, and atomic private writes.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../core/atomic-file.js';
import { OnrampError } from '../core/errors.js';
import { SsoFileError } from './errors.js';

/**
 * Creates `dir` and any missing parents with mode 0700 (exactly, whatever the umask). Existing
 * directories are left as they are: they belong to the user. Returns the directories created.
 */
export function ensurePrivateDir(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      continue;
    }
    chmodSync(d, 0o700);
  }
  return missing;
}

export interface TextFile {
  exists: boolean;
  /** '' when the file does not exist. */
  text: string;
  /** Permission bits (0o777 mask) of the existing file. */
  mode?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a text file exactly (a BOM stays in the text); fails with ONR-E305 on invalid UTF-8. */
export function readTextFile(path: string): TextFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, text: '' };
    throw e;
  }
  try {
    return { exists: true, text: utf8.decode(bytes), mode: statSync(path).mode & 0o777 };
  } catch (e) {
    throw new OnrampError(SsoFileError.notUtf8, `reading ${path}: the file is not valid UTF-8`, {
      hint: 'onramp edits only UTF-8 files, so that every byte it does not own stays the same; convert the file to UTF-8',
      source: { kind: 'file', file: path },
      cause: e,
    });
  }
}

/** Writes a secret-bearing file atomically with mode 0600 in a 0700 directory. */
export function writePrivateFile(path: string, text: string): void {
  ensurePrivateDir(dirname(path));
  writeFileAtomic(path, text, { mode: 0o600, exactMode: true });
}
