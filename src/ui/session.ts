/**
 * One wizard session: the chosen blueprint, the target (an embedded sandbox started on first use,
 * a named profile, or an endpoint), the latest plan, and the apply run whose events the browser
 * follows. The server holds exactly one; every step reads and replaces parts of it.
 */
import type { ExecutionResult } from '../apply/action.js';
import type { ExecutorEvent } from '../apply/events.js';
import { AwsClients, type CallerIdentity } from '../aws/clients.js';
import type { Blueprint } from '../blueprint/types.js';
import { OnrampError } from '../core/errors.js';
import { applyPlan, type BlueprintPlan, planBlueprint } from '../engine/index.js';
import type { Sandbox, SandboxOptions } from '../sandbox/sandbox.js';

/** Where the wizard applies. */
export type TargetInput =
  | { kind: 'sandbox' }
  | { kind: 'profile'; profile: string; region?: string }
  | { kind: 'endpoint'; endpoint: string; region?: string };

export interface Target {
  input: TargetInput;
  clients: AwsClients;
  caller: CallerIdentity;
}

/** One event of an apply run as the browser receives it: executor events, then the result. */
export type RunMessage =
  | { seq: number; event: ExecutorEvent }
  | { seq: number; result: RunResult }
  | { seq: number; fatal: { message: string; code?: string; hint?: string } };

export interface RunResult {
  ok: boolean;
  counts: ExecutionResult['counts'];
  elapsedMs: number;
  failures: { id: string; state: string; code?: string; message: string; hint?: string }[];
}

export interface SessionOptions {
  /** Options of the embedded sandbox (default: `org` seed with 3 accounts, in memory). */
  sandbox?: SandboxOptions;
  /** Poll interval for asynchronous AWS work (default 1 s; 20 ms on the sandbox). */
  pollIntervalMs?: number;
}

export class UiSession {
  blueprint?: Blueprint;
  choice?: string;
  target?: Target;
  planned?: BlueprintPlan;
  private sandbox?: Promise<Sandbox>;
  private run?: { messages: RunMessage[]; listeners: Set<(m: RunMessage) => void>; done: boolean };

  constructor(private readonly options: SessionOptions = {}) {}

  /** Connects to a target and asks who the credentials belong to. */
  async connect(input: TargetInput): Promise<Target> {
    let clients: AwsClients;
    if (input.kind === 'sandbox') {
      if (!this.sandbox) {
        const { startSandbox } = await import('../sandbox/sandbox.js');
        this.sandbox = startSandbox({ seed: 'org', accounts: 3, ...this.options.sandbox });
      }
      const sb = await this.sandbox;
      clients = new AwsClients({ region: sb.region, endpointUrl: sb.url, credentials: sb.admin });
    } else if (input.kind === 'profile') {
      clients = new AwsClients({ profile: input.profile, region: input.region || undefined });
    } else {
      if (!/^https?:\/\/[^\s]+$/.test(input.endpoint))
        throw new OnrampError(
          'ONR-E100',
          `the endpoint ${JSON.stringify(input.endpoint)} is not an http(s) URL`,
          {
            hint: 'e.g. http://127.0.0.1:4566',
          },
        );
      clients = new AwsClients({ endpointUrl: input.endpoint, region: input.region || undefined });
    }
    const caller = await clients.callerIdentity();
    await this.target?.clients.destroy();
    this.target = { input, clients, caller };
    this.planned = undefined;
    return this.target;
  }

  private requireTarget(): Target {
    if (!this.target) throw new OnrampError('ONR-E100', 'no target yet', { hint: 'choose a target first' });
    return this.target;
  }

  /** Plans the session's blueprint against its target (a new read each time). */
  async plan(): Promise<BlueprintPlan> {
    const target = this.requireTarget();
    if (!this.blueprint)
      throw new OnrampError('ONR-E100', 'no valid blueprint yet', { hint: 'fill in the parameters first' });
    this.planned = await planBlueprint(this.blueprint, target.clients);
    return this.planned;
  }

  /** Starts applying the latest plan; progress is followed with {@link follow}. */
  startApply(): void {
    const planned = this.planned;
    if (!planned) throw new OnrampError('ONR-E100', 'nothing planned yet', { hint: 'plan first' });
    if (this.run && !this.run.done) throw new OnrampError('ONR-E100', 'an apply is already running');
    const run = { messages: [] as RunMessage[], listeners: new Set<(m: RunMessage) => void>(), done: false };
    this.run = run;
    const push = (m: Omit<RunMessage, 'seq'>) => {
      const msg = { seq: run.messages.length, ...m } as RunMessage;
      run.messages.push(msg);
      for (const l of run.listeners) l(msg);
    };
    const pollIntervalMs =
      this.options.pollIntervalMs ?? (this.target?.input.kind === 'sandbox' ? 20 : undefined);
    applyPlan(planned, {
      on: (event) => push({ event }),
      waits: { ...(pollIntervalMs ? { pollIntervalMs, probeMinDelayMs: pollIntervalMs } : {}) },
    })
      .then((r) => {
        run.done = true;
        push({ result: resultOf(r) });
      })
      .catch((e: unknown) => {
        run.done = true;
        const err = e instanceof OnrampError ? e : undefined;
        push({ fatal: { message: (e as Error).message, code: err?.code, hint: err?.hint } });
      })
      .finally(() => {
        this.planned = undefined; // what was read is stale now
      });
  }

  /** Replays the current run's messages and follows it; returns an unsubscribe function. */
  follow(listener: (m: RunMessage) => void): () => void {
    const run = this.run;
    if (!run) return () => {};
    for (const m of run.messages) listener(m);
    if (run.done) return () => {};
    run.listeners.add(listener);
    return () => run.listeners.delete(listener);
  }

  /** Whether a run exists and has ended. */
  get runState(): 'none' | 'running' | 'done' {
    return !this.run ? 'none' : this.run.done ? 'done' : 'running';
  }

  async close(): Promise<void> {
    await this.target?.clients.destroy();
    if (this.sandbox) await (await this.sandbox).stop();
  }
}

function resultOf(r: ExecutionResult): RunResult {
  return {
    ok: r.ok,
    counts: r.counts,
    elapsedMs: r.elapsedMs,
    failures: r.outcomes
      .filter((o) => o.state !== 'done')
      .map((o) => ({
        id: o.id,
        state: o.state,
        message: o.error?.message ?? o.state,
        ...(o.error?.code ? { code: o.error.code } : {}),
        ...(o.error?.hint ? { hint: o.error.hint } : {}),
      })),
  };
}
