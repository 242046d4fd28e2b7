/**
 * An advisory lock file (`<file>.onramp.lock`, created with O_EXCL) so two onramp processes never
 * interleave their read-modify-write of ~/.aws/config. A lock whose process is gone, or that is
 * older than any write could take, is stale and taken over, so a crash never blocks for good.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { type Clock, realClock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import { SsoFileError } from './errors.js';

export interface LockOptions {
  clock?: Clock;
  /** How long to wait for another writer (default 10 s). */
  timeoutMs?: number;
  /** Poll interval while waiting (default 50 ms). */
  pollMs?: number;
  /** Age after which any lock is stale, even if its pid looks alive (pid reuse; default 5 min). */
  staleMs?: number;
  /** Age after which an unreadable (half-written) lock is stale (default 2 s). */
  corruptStaleMs?: number;
  /** Whether a process on this host is alive (injectable for tests). */
  isAlive?: (pid: number) => boolean;
}

export interface LockContent {
  pid: number;
  host: string;
  createdAt: string;
  token: string;
}

export interface FileLock {
  path: string;
  content: LockContent;
  /** Removes the lock if it is still ours. */
  release(): void;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): { raw: string; content?: LockContent; mtimeMs: number } | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const mtimeMs = statSync(path).mtimeMs;
    try {
      const parsed = JSON.parse(raw) as LockContent;
      if (typeof parsed.pid === 'number' && typeof parsed.token === 'string')
        return { raw, content: parsed, mtimeMs };
    } catch {}
    return { raw, mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Why an existing lock may be taken over, or undefined while it is live. */
export function staleReason(
  lock: { content?: LockContent; mtimeMs: number },
  now: number,
  options: LockOptions = {},
): string | undefined {
  const age = now - lock.mtimeMs;
  if (!lock.content) return age > (options.corruptStaleMs ?? 2000) ? 'unreadable lock file' : undefined;
  if (age > (options.staleMs ?? 5 * 60_000)) return `older than ${Math.round(age / 1000)} s`;
  if (lock.content.host === hostname() && !(options.isAlive ?? pidAlive)(lock.content.pid)) {
    return `process ${lock.content.pid} is gone`;
  }
  return undefined;
}

function tryCreate(path: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(content));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Moves a stale lock aside; puts it back if it changed under us (someone else just took it). */
function takeOver(path: string, seen: string): void {
  const aside = `${path}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (readFileSync(aside, 'utf8') !== seen) {
    try {
      linkSync(aside, path);
    } catch {}
  }
  unlinkSync(aside);
}

export async function acquireLock(path: string, options: LockOptions = {}): Promise<FileLock> {
  const clock = options.clock ?? realClock;
  const content: LockContent = {
    pid: process.pid,
    host: hostname(),
    createdAt: new Date(clock.now()).toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const deadline = clock.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (tryCreate(path, content)) {
      return {
        path,
        content,
        release: () => {
          if (readLock(path)?.content?.token === content.token) unlinkSync(path);
        },
      };
    }
    const existing = readLock(path);
    if (!existing) continue;
    if (staleReason(existing, clock.now(), options)) {
      takeOver(path, existing.raw);
      continue;
    }
    if (clock.now() >= deadline) {
      const holder = existing.content;
      throw new OnrampError(
        SsoFileError.locked,
        `locking ${path}: held by process ${holder?.pid ?? '?'} on ${holder?.host ?? '?'} since ${holder?.createdAt ?? '?'}`,
        {
          hint: 'another onramp command is writing this file; wait for it, or delete the lock file if no onramp is running',
          source: { kind: 'file', file: path },
          details: { lock: holder },
        },
      );
    }
    await clock.sleep(options.pollMs ?? 50);
  }
}
