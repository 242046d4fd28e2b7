/**
 * Quota floors: the least wall time any client could take for the calls a scenario made and the
 * asynchronous work it waited for, under AWS's published quotas (bench/README.md, "Floor model").
 * Every number comes from the sandbox's own RealismConfig, so the floor describes exactly the
 * limits the run was held to, time scale included.
 *
 * - A token bucket of rate r and burst B admits n calls no sooner than max(0, n − B) / r.
 * - n asynchronous operations, at most C in flight, each taking L from its request to its
 *   completion (and requests themselves drawn from a bucket, when given) finish no sooner than the
 *   greedy schedule: each request as soon as a slot and a token are free. With no bucket that is
 *   ⌈n / C⌉ × L.
 * - A phase's floor is the largest of its bindings; sequential phases add up; phases that run
 *   concurrently count once, as the largest of them.
 */
import type { QuotaRule, RealismConfig } from '../src/sandbox/realism.js';

/** One lower bound, in wall milliseconds at the run's time scale. */
export interface Binding {
  what: string;
  ms: number;
}

/** A stretch of the scenario whose bindings overlap in time. */
export interface Phase {
  name: string;
  bindings: Binding[];
}

export interface Floor {
  ms: number;
  /** "phase: binding" of the largest binding of each counted phase, the largest first. */
  binding: string;
  /** One line per phase: its floor and its binding, for the report. */
  lines: string[];
}

/** Calls per service and operation. */
export type Calls = Record<string, Record<string, number>>;

const sum = (o: Record<string, number> = {}) => Object.values(o).reduce((a, b) => a + b, 0);

function rule(config: RealismConfig, id: string): QuotaRule {
  const r = config.quotas.find((q) => q.id === id);
  if (!r) throw new Error(`no quota rule ${id} in the sandbox's realism config`);
  return r;
}

/** max(0, n − burst) / rate, scaled. */
export function bucketMs(n: number, rate: number, burst: number, timeScale: number): number {
  return (Math.max(0, n - burst) / rate) * 1000 * timeScale;
}

/** The binding of `n` calls drawn from quota rule `id` (one bucket). */
export function rateBinding(config: RealismConfig, id: string, n: number, label?: string): Binding {
  const r = rule(config, id);
  return {
    what: `${label ?? id}: ${n} calls at ${r.rate}/s (burst ${r.burst})`,
    ms: bucketMs(n, r.rate, r.burst, config.timeScale),
  };
}

/**
 * Every quota rule's binding for `calls` (admitted calls: a throttled attempt took no token). A
 * per-operation rule gives one binding per operation it covers.
 */
export function quotaBindings(config: RealismConfig, calls: Calls): Binding[] {
  const out: Binding[] = [];
  for (const q of config.quotas) {
    const ops = Object.entries(calls[q.service] ?? {}).filter(
      ([op, n]) => n > 0 && (q.operations === '*' || q.operations.includes(op)),
    );
    if (ops.length === 0) continue;
    if (q.perOperation) {
      for (const [op, n] of ops) out.push(rateBinding(config, q.id, n, `${q.service}:${op}`));
    } else {
      const label = q.operations === '*' ? q.service : `${q.service}:${q.operations.join('+')}`;
      out.push(rateBinding(config, q.id, sum(Object.fromEntries(ops)), label));
    }
  }
  return out;
}

/**
 * The greedy schedule's end for `n` asynchronous operations (see the module comment); `latencyMs`
 * and the bucket are at time scale 1, the result is scaled.
 */
export function asyncMs(
  n: number,
  cap: number,
  latencyMs: number,
  timeScale: number,
  bucket?: { rate: number; burst: number },
): number {
  const done: number[] = [];
  let tokens = bucket?.burst ?? 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    let start = Math.max(at, i >= cap ? done[i - cap] : 0);
    if (bucket) {
      const perMs = bucket.rate / 1000;
      tokens = Math.min(bucket.burst, tokens + (start - at) * perMs);
      if (tokens < 1) {
        start += (1 - tokens) / perMs;
        tokens = 1;
      }
      tokens -= 1;
    }
    at = start;
    done.push(start + latencyMs);
  }
  return (done.at(-1) ?? 0) * timeScale;
}

/** The binding of `n` asynchronous operations of a latency knob under an in-flight cap. */
export function asyncBinding(
  config: RealismConfig,
  what: string,
  n: number,
  cap: number,
  latency: keyof RealismConfig['latencyMs'],
  bucketRule?: string,
): Binding {
  const L = config.latencyMs[latency];
  const q = bucketRule ? rule(config, bucketRule) : undefined;
  return {
    what: `${what}: ${n} × ${L / 1000} s, ≤ ${cap} in flight${q ? `, requests at ${q.rate}/s burst ${q.burst}` : ''}`,
    ms: asyncMs(n, cap, L, config.timeScale, q),
  };
}

/** A fixed delay at time scale 1 (e.g. IAM propagation of a new role), scaled. */
export function delayBinding(config: RealismConfig, what: string, ms: number): Binding {
  return { what: `${what}: ${ms / 1000} s`, ms: ms * config.timeScale };
}

const phaseMs = (p: Phase) => Math.max(0, ...p.bindings.map((b) => b.ms));
const top = (p: Phase) =>
  p.bindings.reduce<Binding | undefined>((a, b) => (!a || b.ms > a.ms ? b : a), undefined);

/**
 * The floor of sequential phases; an array element holds phases that run concurrently (the largest
 * counts).
 */
export function floorOf(phases: ReadonlyArray<Phase | readonly Phase[]>): Floor {
  let ms = 0;
  const counted: Phase[] = [];
  const lines: string[] = [];
  for (const step of phases) {
    const group = Array.isArray(step) ? (step as readonly Phase[]) : [step as Phase];
    const biggest = group.reduce((a, b) => (phaseMs(b) > phaseMs(a) ? b : a));
    ms += phaseMs(biggest);
    counted.push(biggest);
    for (const p of group) {
      const b = top(p);
      const concurrent =
        group.length > 1 ? (p === biggest ? ' (counted)' : ' (concurrent, not counted)') : '';
      lines.push(
        `floor ${p.name}: ${(phaseMs(p) / 1000).toFixed(2)} s${concurrent}${b ? ` — ${b.what}` : ''}`,
      );
    }
  }
  const ranked = counted.filter((p) => top(p)).sort((a, b) => phaseMs(b) - phaseMs(a));
  const binding = ranked.map((p) => `${p.name}: ${top(p)?.what}`)[0] ?? 'none';
  return { ms, binding, lines };
}

/** Calls minus throttled attempts, per service and operation. */
export function admitted(calls: Calls, throttled: Calls): Calls {
  const out: Calls = {};
  for (const [s, ops] of Object.entries(calls)) {
    out[s] = {};
    for (const [op, n] of Object.entries(ops)) out[s][op] = n - (throttled[s]?.[op] ?? 0);
  }
  return out;
}
