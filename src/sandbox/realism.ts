/**
 * How much like real AWS the sandbox behaves: quotas (token buckets answered with AWS's throttling
 * errors), asynchronous latencies, IAM propagation delay and injected faults. Off by default
 * (fast mode, for tests); `--realistic` turns on AWS's published numbers, each knob can be set alone,
 * and timeScale compresses every latency and multiplies every rate by 1/timeScale.
 * Sources for every number are in docs/sandbox.md.
 */
import type { Clock, Random } from '../core/clock.js';

export interface QuotaRule {
  /** Stable name, shown in docs and counters. */
  id: string;
  service: string;
  /** Operations the rule covers; '*' for every operation of the service. */
  operations: '*' | string[];
  /** true: one bucket per operation (identitystore's 20 TPS per API); false: one shared bucket. */
  perOperation: boolean;
  /** Sustained requests per second at timeScale 1. */
  rate: number;
  /** Bucket size. */
  burst: number;
}

export interface RealismConfig {
  /** 1 is AWS's own pace; 0.01 runs a 100-second scenario in one second. */
  timeScale: number;
  throttling: boolean;
  quotas: QuotaRule[];
  /** Milliseconds at timeScale 1 from request to SUCCEEDED for each asynchronous operation. */
  latencyMs: {
    createAccountAssignment: number;
    deleteAccountAssignment: number;
    provisionPermissionSet: number;
    createAccount: number;
  };
  /** A new or changed role or trust policy is not assumable for this long (ms at timeScale 1). */
  propagationDelayMs: number;
  /** Fractions of requests answered with a 500, a throttle, or a dropped connection. */
  faults: { errorRate: number; throttleRate: number; dropRate: number };
  /** AWS's caps on concurrent asynchronous work; enforced in every mode. */
  maxOutstandingAssignmentCreations: number;
  maxAccountCreationsInProgress: number;
}

/** AWS's published quotas (docs/sandbox.md lists the source of each). */
export const AWS_QUOTAS: QuotaRule[] = [
  { id: 'sso-admin', service: 'sso-admin', operations: '*', perOperation: false, rate: 20, burst: 20 },
  { id: 'identitystore', service: 'identitystore', operations: '*', perOperation: true, rate: 20, burst: 20 },
  {
    id: 'organizations-create-account',
    service: 'organizations',
    operations: ['CreateAccount'],
    perOperation: false,
    rate: 0.1,
    burst: 3,
  },
  {
    id: 'organizations-describe-create-account-status',
    service: 'organizations',
    operations: ['DescribeCreateAccountStatus'],
    perOperation: false,
    rate: 2,
    burst: 2,
  },
  { id: 'sso-portal', service: 'sso-portal', operations: '*', perOperation: false, rate: 20, burst: 20 },
  { id: 'sts', service: 'sts', operations: '*', perOperation: false, rate: 600, burst: 600 },
];

export function fastRealism(): RealismConfig {
  return {
    timeScale: 1,
    throttling: false,
    quotas: AWS_QUOTAS,
    latencyMs: {
      createAccountAssignment: 0,
      deleteAccountAssignment: 0,
      provisionPermissionSet: 0,
      createAccount: 0,
    },
    propagationDelayMs: 0,
    faults: { errorRate: 0, throttleRate: 0, dropRate: 0 },
    maxOutstandingAssignmentCreations: 15,
    maxAccountCreationsInProgress: 5,
  };
}

export function awsRealism(): RealismConfig {
  return {
    ...fastRealism(),
    throttling: true,
    latencyMs: {
      createAccountAssignment: 3_000,
      deleteAccountAssignment: 3_000,
      provisionPermissionSet: 5_000,
      createAccount: 90_000,
    },
    propagationDelayMs: 15_000,
  };
}

/** A deep-enough merge of partial knobs over a base. */
export function mergeRealism(base: RealismConfig, patch: Partial<RealismConfig> = {}): RealismConfig {
  return {
    ...base,
    ...patch,
    latencyMs: { ...base.latencyMs, ...(patch.latencyMs ?? {}) },
    faults: { ...base.faults, ...(patch.faults ?? {}) },
    quotas: patch.quotas ?? base.quotas,
  };
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Applies the config: scaled durations, throttling decisions and fault draws. */
export class Realism {
  private buckets = new Map<string, Bucket>();
  throttled = 0;

  constructor(
    public config: RealismConfig,
    private readonly clock: Clock,
    private readonly random: Random = Math.random,
  ) {}

  /** A latency knob in wall milliseconds after time scaling. */
  scaled(ms: number): number {
    return ms * this.config.timeScale;
  }

  latency(kind: keyof RealismConfig['latencyMs']): number {
    return this.scaled(this.config.latencyMs[kind]);
  }

  propagationDelay(): number {
    return this.scaled(this.config.propagationDelayMs);
  }

  /** Takes a token for this call; false when the caller must be throttled. */
  admit(service: string, operation: string): boolean {
    if (!this.config.throttling) return true;
    const now = this.clock.now();
    for (const rule of this.config.quotas) {
      if (rule.service !== service) continue;
      if (rule.operations !== '*' && !rule.operations.includes(operation)) continue;
      const key = rule.perOperation ? `${rule.id}:${operation}` : rule.id;
      const rate = rule.rate / this.config.timeScale;
      let b = this.buckets.get(key);
      if (!b) {
        b = { tokens: rule.burst, updated: now };
        this.buckets.set(key, b);
      }
      b.tokens = Math.min(rule.burst, b.tokens + ((now - b.updated) / 1000) * rate);
      b.updated = now;
      if (b.tokens < 1) {
        this.throttled++;
        return false;
      }
      b.tokens -= 1;
    }
    return true;
  }

  /** Draws this request's injected fault, if any. */
  fault(): 'error' | 'throttle' | 'drop' | undefined {
    const { errorRate, throttleRate, dropRate } = this.config.faults;
    if (errorRate + throttleRate + dropRate === 0) return undefined;
    const r = this.random();
    if (r < errorRate) return 'error';
    if (r < errorRate + throttleRate) return 'throttle';
    if (r < errorRate + throttleRate + dropRate) return 'drop';
    return undefined;
  }

  reset(): void {
    this.buckets.clear();
    this.throttled = 0;
  }
}
