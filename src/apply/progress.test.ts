import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OnrampError } from '../core/errors.js';
import type { ExecutionResult } from './action.js';
import type { ExecutorEvent } from './events.js';
import {
  etaMs,
  formatDuration,
  initialProgress,
  progressOf,
  reduceProgress,
  renderFailures,
  renderJsonLine,
  renderTtyLine,
} from './progress.js';

const T0 = 1_000_000;
const counts = (
  total: number,
  done: number,
  more: Partial<Record<'running' | 'failed' | 'blocked' | 'cancelled', number>> = {},
) => ({
  total,
  done,
  running: 0,
  failed: 0,
  blocked: 0,
  cancelled: 0,
  ...more,
});

const events: ExecutorEvent[] = [
  { type: 'run-start', at: T0, total: 120, phases: { iam: 10, 'sso-admin': 40, identitystore: 70 } },
  { type: 'phase', at: T0 + 5_000, phase: 'iam', ...counts(10, 10) },
  { type: 'phase', at: T0 + 10_000, phase: 'sso-admin', ...counts(40, 12, { failed: 1, running: 3 }) },
  {
    type: 'throttled',
    at: T0 + 11_000,
    service: 'identitystore',
    operation: 'CreateUser',
    attempt: 1,
    delayMs: 300,
    nodeId: 'user-1',
  },
  {
    type: 'retry',
    at: T0 + 11_000,
    service: 'identitystore',
    operation: 'CreateUser',
    attempt: 1,
    delayMs: 300,
    errorClass: 'throttling',
    message: 'ThrottlingException: Rate exceeded',
    nodeId: 'user-1',
  },
  { type: 'phase', at: T0 + 20_000, phase: 'identitystore', ...counts(70, 15, { blocked: 2 }) },
];

describe('progress', () => {
  it('renders per-phase counts, throttles absorbed and an ETA from a fixed sequence', () => {
    const state = progressOf(events);
    // 10 + 13 + 17 = 40 of 120 finished in 20 s → 80 left at 2 per second → 40 s.
    assert.equal(etaMs(state), 40_000);
    assert.equal(
      renderTtyLine(state),
      '40/120 · iam 10/10 · sso-admin 13/40 (1 failed) · identitystore 17/70 (2 blocked) · 1 throttle absorbed · 1 retry · ETA 40s',
    );
  });

  it('shows no ETA before anything finished, and the outcome once the run ended', () => {
    const start = progressOf(events.slice(0, 1));
    assert.equal(etaMs(start), undefined);
    assert.equal(renderTtyLine(start), '0/120 · iam 0/10 · sso-admin 0/40 · identitystore 0/70');
    const ended = reduceProgress(progressOf(events), {
      type: 'run-end',
      at: T0 + 95_000,
      ok: false,
      counts: { done: 117, failed: 1, blocked: 2, cancelled: 0 },
      elapsedMs: 95_000,
    });
    assert.match(renderTtyLine(ended), / · finished with failures in 1m35s$/);
  });

  it('does not mutate the state it folds', () => {
    const s0 = initialProgress();
    const s1 = reduceProgress(s0, events[0]);
    assert.deepEqual(s0, initialProgress());
    assert.notEqual(s1, s0);
  });

  it('cuts the line to the terminal width', () => {
    const line = renderTtyLine(progressOf(events), { width: 30 });
    assert.equal(line.length, 30);
    assert.equal(line, '40/120 · iam 10/10 · sso-admi…');
  });

  it('prints each event as one JSON line', () => {
    const lines = events.map(renderJsonLine);
    assert.ok(lines.every((l) => !l.includes('\n')));
    assert.deepEqual(JSON.parse(lines[0]), events[0]);
    assert.equal(
      lines[1],
      '{"type":"phase","at":1005000,"phase":"iam","total":10,"done":10,"running":0,"failed":0,"blocked":0,"cancelled":0}',
    );
  });

  it('formats durations', () => {
    assert.deepEqual([0, 8_400, 65_000, 3_725_000].map(formatDuration), ['0s', '8s', '1m05s', '1h02m']);
  });

  it('lists what did not succeed, with its cause and code', () => {
    const result: ExecutionResult = {
      ok: false,
      elapsedMs: 1,
      counts: { done: 1, failed: 1, blocked: 1, cancelled: 0 },
      outcomes: [
        {
          id: 'a',
          state: 'failed',
          attempts: 1,
          error: new OnrampError('ONR-E200', 'creating IAM Role (a): boom'),
        },
        {
          id: 'b',
          state: 'blocked',
          attempts: 0,
          blockedBy: 'a',
          error: new OnrampError('ONR-E206', 'skipping b: it depends on a, which failed'),
        },
        { id: 'c', state: 'done', attempts: 1 },
      ],
    };
    assert.deepEqual(renderFailures(result), [
      'failed a: creating IAM Role (a): boom [ONR-E200]',
      'blocked b: skipping b: it depends on a, which failed [ONR-E206]',
    ]);
  });
});
