/**
 * A retry budget shared by every call of a run (the SDK's "retry quota" idea): each retry spends
 * tokens, successes earn a little back. When a service is down, calls stop retrying once the budget
 * is spent instead of multiplying the load by maxAttempts.
 */
import { OnrampError } from '../core/errors.js';
import type { ErrorClass } from './classify.js';
import { EngineCode } from './codes.js';

export interface RetryBudgetOptions {
  /** Tokens at the start (default 500). */
  capacity?: number;
  /** Tokens one retry of a throttling, server or conflict error costs (default 5). */
  retryCost?: number;
  /** Transient (timeouts, network) errors cost more: they often mean the endpoint is gone (default 10). */
  transientCost?: number;
  /** Tokens a call that succeeds on its first attempt earns back (default 1). */
  successReward?: number;
}

/** A pool of retry tokens; see the module comment. */
export class RetryBudget {
  readonly capacity: number;
  private tokens: number;
  private readonly retryCost: number;
  private readonly transientCost: number;
  private readonly successReward: number;

  constructor(options: RetryBudgetOptions = {}) {
    this.capacity = options.capacity ?? 500;
    this.retryCost = options.retryCost ?? 5;
    this.transientCost = options.transientCost ?? 10;
    this.successReward = options.successReward ?? 1;
    for (const [k, v] of Object.entries({ capacity: this.capacity, retryCost: this.retryCost })) {
      if (!(v > 0)) throw new OnrampError(EngineCode.badOption, `retry budget ${k} ${v} must be positive`);
    }
    this.tokens = this.capacity;
  }

  /** Tokens left. */
  get remaining(): number {
    return this.tokens;
  }

  /** Spends the cost of one retry of `errorClass`; returns the cost, or 0 when the budget is empty. */
  take(errorClass: ErrorClass): number {
    const cost = errorClass === 'transient' ? this.transientCost : this.retryCost;
    if (this.tokens < cost) return 0;
    this.tokens -= cost;
    return cost;
  }

  /** A call succeeded after spending `spent` tokens on retries: give them back (or the reward). */
  succeeded(spent: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (spent > 0 ? spent : this.successReward));
  }
}
