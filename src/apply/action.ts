/**
 * What the executor runs: a DAG of actions, each one AWS operation (or a short sequence ending in
 * its waiter), with the dependencies the plan computed.
 */
import type { Clock } from '../core/clock.js';
import type { OnrampError } from '../core/errors.js';

/** What an action's `run` is given. */
export interface ActionContext {
  /** Fires when the run is cancelled; pass it to SDK calls, waiters and limiters. */
  readonly signal: AbortSignal;
  /** 1 on the first try; higher when the executor retries the action after a retryable error. */
  readonly attempt: number;
  readonly node: ActionNode;
  readonly clock: Clock;
  /**
   * Gives back the node's in-flight slot before `run` ends: the asynchronous operation finished
   * and what follows (an AssumeRole probe into a new account) is not what the cap counts.
   */
  readonly asyncDone: () => void;
}

/** One node of the action graph. */
export interface ActionNode {
  /** Unique in the graph; equal-ready nodes start in id order. */
  readonly id: string;
  /** Ids this node waits for; a failed dependency blocks this node. */
  readonly deps: readonly string[];
  /** The SDK service of the node's main call (limiter key `service:operation`). */
  readonly service: string;
  readonly operation: string;
  /** Does the work; throws to fail. Must honour `ctx.signal`. */
  run(ctx: ActionContext): Promise<void>;
  /**
   * An asynchronous AWS operation: hold a slot of this in-flight cap (quotas.ts Caps) from the
   * start of `run` (submit) to its end (the waiter saw it finish).
   */
  readonly async?: { readonly semaphore: string };
  /**
   * Among ready nodes, lower starts first (default 0; ties in id order). The engine puts the slow
   * asynchronous kinds first so their completion latency overlaps everything else.
   */
  readonly priority?: number;
  /** Progress groups nodes by phase (default: the service). */
  readonly phase?: string;
  /** "<doing> <kind> <id>" for messages (default "<operation> <id>"). */
  readonly what?: string;
}

/** How a node ended. */
export type NodeState = 'done' | 'failed' | 'blocked' | 'cancelled';

/** One node's outcome, with the cause when it did not succeed. */
export interface NodeOutcome {
  id: string;
  state: NodeState;
  /** Tries made (0 if never started). */
  attempts: number;
  /** Why it failed, was blocked (ONR-E206) or was cancelled (ONR-E203). */
  error?: OnrampError;
  /** For a blocked node: the failed node that blocked it. */
  blockedBy?: string;
  startedAt?: number;
  endedAt?: number;
}

/** The result of a run: every node's outcome, sorted by id. */
export interface ExecutionResult {
  /** Every node done. */
  ok: boolean;
  outcomes: NodeOutcome[];
  counts: Record<NodeState, number>;
  elapsedMs: number;
}

/** The default phase of a node. */
export function phaseOf(node: Pick<ActionNode, 'phase' | 'service'>): string {
  return node.phase ?? node.service;
}
