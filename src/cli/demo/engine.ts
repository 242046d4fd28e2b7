/**
 * What the demo needs from an engine: apply a validated blueprint, and destroy some of what it
 * created. The tour runs with onramp's own engine (engine-onramp.ts: planBlueprint + applyPlan, as
 * `onramp apply` does). The stand-in (standin-apply.ts), written before src/engine existed, drives
 * the same desired graph with plain SDK calls; it stays as an independent cross-check that every
 * access path holds whichever code created the resources.
 */
import type { AwsClients } from '../../aws/index.js';
import type { Blueprint } from '../../blueprint/index.js';

/** One resource the engine created, for the summary and for destroy. */
export interface CreatedResource {
  kind: string;
  key: string;
  /** The account it lives in (12 digits), or `@organization` for Identity Center. */
  account: string;
  /** ARN or id as AWS returned it. */
  id: string;
}

export interface AppliedBlueprint {
  blueprint: string;
  /** Values learned while applying: `caller.account`, `caller.arn`, `accounts.<key>.id`, … */
  values: Record<string, string>;
  created: CreatedResource[];
}

export interface DemoEngine {
  /** Shown in the tour ("stand-in engine" or the real one). */
  readonly label: string;
  apply(blueprint: Blueprint): Promise<AppliedBlueprint>;
  /** Deletes the created resources with these keys (all when omitted); returns the keys removed. */
  destroy(applied: AppliedBlueprint, keys?: readonly string[]): Promise<string[]>;
}

/** Builds the engine the tour runs with, from the administrator's clients. */
export type EngineFactory = (clients: AwsClients) => DemoEngine;
