/**
 * Runs the action graph: nodes start as soon as their dependencies are done (equal-ready nodes in
 * id order, so runs repeat), within a concurrency limit and the in-flight caps of AWS's
 * asynchronous operations; each attempt takes a token from the per-service limiter, retryable
 * errors are retried with backoff, and a failed node blocks only what depends on it.
 */
import { setMaxListeners } from 'node:events';
import { type CallPolicy, limitedCall } from '../aws/call.js';
import { EngineCode } from '../aws/codes.js';
import type { RateLimiter } from '../aws/limiter.js';
import { RetryBudget, type RetryOptions } from '../aws/retry.js';
import { type Release, type Semaphore, semaphoresFor } from '../aws/semaphore.js';
import { type Clock, type Random, realClock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import type { ActionNode, ExecutionResult, NodeOutcome } from './action.js';
import { buildGraph } from './dag.js';
import type { ExecutorEvent, ExecutorListener } from './events.js';
import { RunState } from './run-state.js';

export interface ExecutorOptions {
  clock?: Clock;
  random?: Random;
  /**
   * Gates every attempt of a node on `service:operation` and learns from its throttles. Use it when
   * a node's run makes its one call with a raw SDK client; leave it unset when runs go through
   * AwsClients.call, which already limits (per account) and retries every call.
   */
  limiter?: RateLimiter;
  /** In-flight caps by name; default AWS's (quotas.ts) with `caps` over them. */
  semaphores?: ReadonlyMap<string, Semaphore>;
  caps?: Readonly<Record<string, number>>;
  /** Retry settings for node attempts (default 6 attempts, a fresh shared budget). */
  retry?: Omit<RetryOptions, 'onRetry' | 'onThrottle' | 'signal' | 'what' | 'clock' | 'random'>;
  /** Nodes running at once, waiting for rate tokens included (default 32). */
  concurrency?: number;
  /** Cancels the run: nothing new starts, running nodes see the signal. */
  signal?: AbortSignal;
}

/** The DAG executor; see the module comment. */
export class Executor {
  private readonly listeners = new Set<ExecutorListener>();
  private readonly clock: Clock;
  private readonly concurrency: number;
  private readonly semaphores: ReadonlyMap<string, Semaphore>;

  constructor(private readonly options: ExecutorOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.concurrency = options.concurrency ?? 32;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new OnrampError(
        EngineCode.badOption,
        `concurrency ${this.concurrency} is not a positive integer`,
      );
    }
    this.semaphores = options.semaphores ?? semaphoresFor(options.caps);
  }

  /** Subscribes to the event stream; returns unsubscribe. */
  on(listener: ExecutorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `nodes` to completion (or cancellation); never rejects for a node's failure. */
  run(nodes: readonly ActionNode[]): Promise<ExecutionResult> {
    let graph: ReturnType<typeof buildGraph>;
    try {
      graph = buildGraph(nodes, new Set(this.semaphores.keys()));
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = this.options.signal ?? new AbortController().signal;
    // Every running node and wait listens on this one signal; thousands are expected, not a leak.
    setMaxListeners(0, signal);
    const policy: CallPolicy = {
      clock: this.clock,
      limiter: this.options.limiter,
      retry: {
        ...this.options.retry,
        random: this.options.random,
        budget: this.options.retry?.budget ?? new RetryBudget(),
      },
    };
    const state = new RunState(graph, this.clock, (e) => this.emit(e));
    return new Promise<ExecutionResult>((resolve) => {
      let running = 0;
      let finished = false;

      const start = (node: ActionNode, slot: Release | undefined) => {
        running++;
        state.started(node);
        let held = slot;
        const release = () => {
          if (!held) return;
          held();
          held = undefined;
          pump();
        };
        void this.runNode(node, policy, signal, release).then((outcome) => {
          held?.();
          running--;
          state.settle(outcome);
          pump();
        });
      };

      const pump = () => {
        if (finished) return;
        if (!signal.aborted) {
          // The first ready node of the caps that still have a slot, until the concurrency is used
          // up or nothing startable is left.
          const full = new Set<string>();
          while (running < this.concurrency) {
            const best = state.firstReady(full);
            if (!best) break;
            const node = graph.nodes.get(best.id)!;
            const sem = best.cap ? this.semaphores.get(best.cap) : undefined;
            const release = sem?.tryAcquire();
            if (sem && !release) {
              full.add(best.cap);
              continue;
            }
            start(node, release);
          }
          const waiting = running === 0 ? state.firstReady() : undefined;
          if (waiting) {
            // Every ready node waits for a cap that something outside this run holds: wait for a
            // slot instead of finishing early.
            const node = graph.nodes.get(waiting.id)!;
            const sem = this.semaphores.get(node.async!.semaphore)!;
            state.reserve(node.id);
            running++;
            sem.acquire(signal).then(
              (release) => {
                running--;
                start(node, release);
              },
              () => {
                running--;
                state.unreserve(node.id);
                pump();
              },
            );
            return;
          }
        }
        if (running === 0) {
          finished = true;
          resolve(state.finish(signal.aborted));
        }
      };

      signal.addEventListener('abort', () => pump(), { once: true });
      state.begin();
      pump();
    });
  }

  private async runNode(
    node: ActionNode,
    policy: CallPolicy,
    signal: AbortSignal,
    asyncDone: () => void,
  ): Promise<NodeOutcome> {
    const startedAt = this.clock.now();
    let attempts = 0;
    try {
      await limitedCall(
        policy,
        node.service,
        node.operation,
        (attempt) => {
          attempts = attempt;
          return node.run({ signal, attempt, node, clock: this.clock, asyncDone });
        },
        {
          signal,
          what: node.what ?? `${node.operation} ${node.id}`,
          nodeId: node.id,
          emit: (e) => {
            if (e.type !== 'call') this.emit(e);
          },
        },
      );
      return { id: node.id, state: 'done', attempts, startedAt, endedAt: this.clock.now() };
    } catch (e) {
      const error =
        e instanceof OnrampError
          ? e
          : new OnrampError('ONR-E900', `${node.what ?? node.id}: ${String(e)}`, { cause: e });
      return {
        id: node.id,
        state: error.code === EngineCode.aborted ? 'cancelled' : 'failed',
        attempts,
        error,
        startedAt,
        endedAt: this.clock.now(),
      };
    }
  }

  private emit(e: ExecutorEvent): void {
    for (const l of this.listeners) l(e);
  }
}

/** Runs `nodes` with a one-off Executor; `on` receives its events. */
export function execute(
  nodes: readonly ActionNode[],
  options: ExecutorOptions & { on?: ExecutorListener } = {},
): Promise<ExecutionResult> {
  const ex = new Executor(options);
  if (options.on) ex.on(options.on);
  return ex.run(nodes);
}
