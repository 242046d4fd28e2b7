/**
 * Progress renderers: pure functions of the executor's event sequence. A reducer folds events
 * into counts; one renderer draws the TTY status line (per-phase done/total, throttles absorbed,
 * ETA), another prints each event as a JSON line for `--json`.
 */
import type { ExecutionResult } from './action.js';
import { type ExecutorEvent, emptyCounts, type PhaseCounts } from './events.js';

/** What the status line shows, folded from events. */
export interface ProgressState {
  startedAt?: number;
  /** Time of the latest event. */
  now?: number;
  total: number;
  /** Per phase, in the order the run announced them. */
  phases: Record<string, PhaseCounts>;
  throttles: number;
  retries: number;
  ended?: { ok: boolean; elapsedMs: number };
}

/** The state before any event. */
export function initialProgress(): ProgressState {
  return { total: 0, phases: {}, throttles: 0, retries: 0 };
}

/** Folds one event into the state (returns a new state; the old one is untouched). */
export function reduceProgress(state: ProgressState, event: ExecutorEvent): ProgressState {
  const next: ProgressState = { ...state, now: Math.max(state.now ?? event.at, event.at) };
  switch (event.type) {
    case 'run-start':
      next.startedAt = event.at;
      next.total = event.total;
      next.phases = Object.fromEntries(Object.entries(event.phases).map(([p, n]) => [p, emptyCounts(n)]));
      break;
    case 'phase': {
      const { type: _t, at: _a, phase, ...counts } = event;
      next.phases = { ...state.phases, [phase]: counts };
      break;
    }
    case 'throttled':
      next.throttles = state.throttles + 1;
      break;
    case 'retry':
      next.retries = state.retries + 1;
      break;
    case 'run-end':
      next.ended = { ok: event.ok, elapsedMs: event.elapsedMs };
      break;
  }
  return next;
}

/** Folds a whole sequence. */
export function progressOf(events: readonly ExecutorEvent[]): ProgressState {
  return events.reduce(reduceProgress, initialProgress());
}

function finished(c: PhaseCounts): number {
  return c.done + c.failed + c.blocked + c.cancelled;
}

/** Nodes that reached an end state, across phases. */
export function finishedCount(state: ProgressState): number {
  return Object.values(state.phases).reduce((n, c) => n + finished(c), 0);
}

/** Estimated time left (ms) from the pace so far; undefined before the first node ends or after the run. */
export function etaMs(state: ProgressState): number | undefined {
  const done = finishedCount(state);
  if (state.ended || state.startedAt === undefined || state.now === undefined || done === 0) return undefined;
  const elapsed = state.now - state.startedAt;
  return Math.round((elapsed / done) * (state.total - done));
}

/** "8s", "1m05s", "2h03m". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The one-line TTY status, e.g.
 * `37/120 · iam 10/10 · sso-admin 12/40 (1 failed) · 4 throttles absorbed · ETA 1m20s`.
 * Cut to `width` characters when given.
 */
export function renderTtyLine(state: ProgressState, opts: { width?: number } = {}): string {
  const parts = [`${finishedCount(state)}/${state.total}`];
  for (const [phase, c] of Object.entries(state.phases)) {
    const extra = [
      c.failed ? `${c.failed} failed` : '',
      c.blocked ? `${c.blocked} blocked` : '',
      c.cancelled ? `${c.cancelled} cancelled` : '',
    ].filter(Boolean);
    parts.push(`${phase} ${finished(c)}/${c.total}${extra.length ? ` (${extra.join(', ')})` : ''}`);
  }
  if (state.throttles) parts.push(`${plural(state.throttles, 'throttle')} absorbed`);
  if (state.retries) parts.push(plural(state.retries, 'retry').replace('retrys', 'retries'));
  if (state.ended)
    parts.push(
      `${state.ended.ok ? 'done' : 'finished with failures'} in ${formatDuration(state.ended.elapsedMs)}`,
    );
  else {
    const eta = etaMs(state);
    if (eta !== undefined) parts.push(`ETA ${formatDuration(eta)}`);
  }
  const line = parts.join(' · ');
  const width = opts.width;
  return width !== undefined && line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

/** One event as one line of JSON (for `--json` progress on stderr or an SSE stream). */
export function renderJsonLine(event: ExecutorEvent): string {
  return JSON.stringify(event);
}

/** One line per node that did not succeed, with its cause, sorted by id. */
export function renderFailures(result: ExecutionResult): string[] {
  return result.outcomes
    .filter((o) => o.state !== 'done')
    .map(
      (o) => `${o.state} ${o.id}: ${o.error?.message ?? o.state}${o.error?.code ? ` [${o.error.code}]` : ''}`,
    );
}
