/** A conformance case: one scenario run against both implementations, observations compared. */
import type { Clients } from './clients.js';
import type { Observation } from './observe.js';

export interface ConformanceCase {
  name: string;
  /** Runs the scenario from a fresh world and returns what to compare. */
  run(c: Clients): Promise<Observation>;
  /**
   * A documented, justified difference from moto: the sandbox's observation is checked against AWS's
   * documented behaviour instead of against moto's.
   */
  deviation?: { reason: string; sandbox: (o: Observation) => boolean };
}

export const TRUST_ACCOUNT = (account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
    ],
  });
