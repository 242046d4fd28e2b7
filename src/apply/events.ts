/**
 * The executor's event stream: what progress renderers (TTY line, JSON lines, the web UI over
 * SSE) consume. Every event carries the clock time it happened at, so renderers stay pure.
 */
import type { AwsEvent } from '../aws/call.js';
import type { NodeState } from './action.js';

/** Per-phase counts after a change. */
export interface PhaseCounts {
  total: number;
  running: number;
  done: number;
  failed: number;
  blocked: number;
  cancelled: number;
}

/** Everything the executor reports. */
export type ExecutorEvent =
  | { type: 'run-start'; at: number; total: number; phases: Record<string, number> }
  | { type: 'node-start'; at: number; id: string; phase: string; service: string; operation: string }
  | { type: 'node-done'; at: number; id: string; phase: string; attempts: number; ms: number }
  | {
      type: 'node-failed';
      at: number;
      id: string;
      phase: string;
      attempts: number;
      code: string;
      message: string;
    }
  | { type: 'node-blocked'; at: number; id: string; phase: string; blockedBy: string }
  | { type: 'node-cancelled'; at: number; id: string; phase: string }
  | ({ type: 'phase'; at: number; phase: string } & PhaseCounts)
  | {
      type: 'run-end';
      at: number;
      ok: boolean;
      counts: Record<NodeState, number>;
      elapsedMs: number;
    }
  | Extract<AwsEvent, { type: 'throttled' | 'retry' }>;

/** Receives executor events; must not throw. */
export type ExecutorListener = (event: ExecutorEvent) => void;

/** Zero counts for a phase of `total` nodes. */
export function emptyCounts(total = 0): PhaseCounts {
  return { total, running: 0, done: 0, failed: 0, blocked: 0, cancelled: 0 };
}
