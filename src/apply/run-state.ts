/**
 * The executor's bookkeeping, kept apart from its scheduling: which nodes are ready (sorted by
 * priority, then id, so equal-ready nodes start in a repeatable order), what each ended as, per-phase counts, and
 * the events that report every change.
 */
import { EngineCode } from '../aws/codes.js';
import type { Clock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import {
  type ActionNode,
  type ExecutionResult,
  type NodeOutcome,
  type NodeState,
  phaseOf,
} from './action.js';
import { downstreamOf, type Graph } from './dag.js';
import { type ExecutorEvent, emptyCounts, type PhaseCounts } from './events.js';

/**
 * Inserts `id` into the ready list, kept sorted by (priority, id) — ids in code-unit order, the
 * same in every locale — so equal-ready nodes start in a repeatable order.
 */
function insertSorted(list: string[], id: string, priorityOf: (id: string) => number): void {
  const p = priorityOf(id);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const q = priorityOf(list[mid]);
    if (q < p || (q === p && list[mid] < id)) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, id);
}

function describe(node: ActionNode): string {
  return node.what ?? `${node.operation} ${node.id}`;
}

/** See the module comment. */
export class RunState {
  private readonly outcomes = new Map<string, NodeOutcome>();
  /**
   * Ready node ids by the in-flight cap they need ('' for none), each list in start order: the
   * executor looks at the head of each list only, so thousands of assignments waiting for one of
   * 15 slots cost nothing while other work starts.
   */
  private readonly ready = new Map<string, string[]>();
  private readonly waiting = new Map<string, number>();
  private readonly phases = new Map<string, PhaseCounts>();
  private startedAt = 0;
  private readonly priorityOf = (id: string) => this.graph.nodes.get(id)?.priority ?? 0;

  constructor(
    private readonly graph: Graph,
    private readonly clock: Clock,
    private readonly emit: (e: ExecutorEvent) => void,
  ) {}

  /** Indexes the graph and emits run-start. */
  begin(): void {
    this.startedAt = this.clock.now();
    // Phases in the order the plan lists their first node (the order progress shows them in).
    for (const [id, node] of this.graph.nodes) {
      const deps = new Set(node.deps).size;
      this.waiting.set(id, deps);
      if (deps === 0) this.makeReady(id);
      const phase = phaseOf(node);
      const counts = this.phases.get(phase) ?? emptyCounts();
      counts.total++;
      this.phases.set(phase, counts);
    }
    const phases = Object.fromEntries([...this.phases].map(([p, c]) => [p, c.total]));
    this.emit({ type: 'run-start', at: this.startedAt, total: this.graph.nodes.size, phases });
  }

  /**
   * The ready node that starts first, among those whose cap ('' for none) is not in `skip`: the
   * first of each cap's list, compared by (priority, id).
   */
  firstReady(skip: ReadonlySet<string> = new Set()): { cap: string; id: string } | undefined {
    let best: { cap: string; id: string; p: number } | undefined;
    for (const [cap, list] of this.ready) {
      if (list.length === 0 || skip.has(cap)) continue;
      const id = list[0];
      const p = this.priorityOf(id);
      if (!best || p < best.p || (p === best.p && id < best.id)) best = { cap, id, p };
    }
    return best && { cap: best.cap, id: best.id };
  }

  /** Takes a ready node out of the queue while it waits for an in-flight slot. */
  reserve(id: string): void {
    this.unready(id);
  }

  /** Puts a reserved node back (its wait for a slot was cancelled). */
  unreserve(id: string): void {
    this.makeReady(id);
  }

  started(node: ActionNode): void {
    this.unready(node.id);
    const phase = phaseOf(node);
    this.counts(phase).running++;
    const at = this.clock.now();
    this.emit({
      type: 'node-start',
      at,
      id: node.id,
      phase,
      service: node.service,
      operation: node.operation,
    });
    this.emitPhase(phase);
  }

  /** Records how a started node ended and what that unlocks or blocks. */
  settle(outcome: NodeOutcome): void {
    const node = this.graph.nodes.get(outcome.id)!;
    const phase = phaseOf(node);
    this.outcomes.set(outcome.id, outcome);
    const counts = this.counts(phase);
    counts.running--;
    const at = this.clock.now();
    if (outcome.state === 'done') {
      counts.done++;
      const ms = (outcome.endedAt ?? at) - (outcome.startedAt ?? at);
      this.emit({ type: 'node-done', at, id: node.id, phase, attempts: outcome.attempts, ms });
      this.emitPhase(phase);
      for (const next of this.graph.dependents.get(node.id) ?? []) {
        const left = (this.waiting.get(next) ?? 0) - 1;
        this.waiting.set(next, left);
        if (left === 0 && !this.outcomes.has(next)) this.makeReady(next);
      }
      return;
    }
    if (outcome.state === 'cancelled') {
      counts.cancelled++;
      this.emit({ type: 'node-cancelled', at, id: node.id, phase });
      this.emitPhase(phase);
      return;
    }
    counts.failed++;
    const error = outcome.error;
    this.emit({
      type: 'node-failed',
      at,
      id: node.id,
      phase,
      attempts: outcome.attempts,
      code: error?.code ?? 'ONR-E900',
      message: error?.message ?? 'failed',
    });
    this.emitPhase(phase);
    this.block(node);
  }

  /** Cancels whatever never ran (when `aborted`), emits run-end and returns the result. */
  finish(aborted: boolean): ExecutionResult {
    for (const id of [...this.graph.nodes.keys()].sort()) {
      if (this.outcomes.has(id)) continue;
      const node = this.graph.nodes.get(id)!;
      const error = aborted
        ? new OnrampError(EngineCode.aborted, `${describe(node)}: cancelled before it started`)
        : new OnrampError('ONR-E900', `${describe(node)}: never became ready`);
      this.outcomes.set(id, { id, state: 'cancelled', attempts: 0, error });
      this.counts(phaseOf(node)).cancelled++;
      this.emit({ type: 'node-cancelled', at: this.clock.now(), id, phase: phaseOf(node) });
      this.emitPhase(phaseOf(node));
    }
    const outcomes = [...this.outcomes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const counts: Record<NodeState, number> = { done: 0, failed: 0, blocked: 0, cancelled: 0 };
    for (const o of outcomes) counts[o.state]++;
    const at = this.clock.now();
    const result: ExecutionResult = {
      ok: counts.done === outcomes.length,
      outcomes,
      counts,
      elapsedMs: at - this.startedAt,
    };
    this.emit({ type: 'run-end', at, ok: result.ok, counts, elapsedMs: result.elapsedMs });
    return result;
  }

  private block(failed: ActionNode): void {
    for (const id of downstreamOf(this.graph, failed.id)) {
      if (this.outcomes.has(id)) continue;
      const node = this.graph.nodes.get(id)!;
      const error = new OnrampError(
        EngineCode.blocked,
        `skipping ${describe(node)}: it depends on ${failed.id}, which failed`,
        { hint: `Fix the failure of ${failed.id} and apply again.`, details: { blockedBy: failed.id } },
      );
      this.outcomes.set(id, { id, state: 'blocked', attempts: 0, error, blockedBy: failed.id });
      this.unready(id);
      const phase = phaseOf(node);
      this.counts(phase).blocked++;
      this.emit({ type: 'node-blocked', at: this.clock.now(), id, phase, blockedBy: failed.id });
      this.emitPhase(phase);
    }
  }

  private capOf(id: string): string {
    return this.graph.nodes.get(id)?.async?.semaphore ?? '';
  }

  private makeReady(id: string): void {
    const cap = this.capOf(id);
    let list = this.ready.get(cap);
    if (!list) {
      list = [];
      this.ready.set(cap, list);
    }
    insertSorted(list, id, this.priorityOf);
  }

  private unready(id: string): void {
    const list = this.ready.get(this.capOf(id));
    const i = list ? list.indexOf(id) : -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  private counts(phase: string): PhaseCounts {
    let c = this.phases.get(phase);
    if (!c) {
      c = emptyCounts();
      this.phases.set(phase, c);
    }
    return c;
  }

  private emitPhase(phase: string): void {
    this.emit({ type: 'phase', at: this.clock.now(), phase, ...this.counts(phase) });
  }
}
