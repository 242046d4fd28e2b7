/**
 * The plan's data model. Kinds, keys and prop names are the blueprint's own (src/blueprint/types.ts):
 * a desired resource and the observed resource it stands for share an identity (what AWS considers
 * "the same thing", computed by one function per kind in src/resources) and a key (the stable,
 * readable id that plans print and `--adopt` takes).
 */
import type { DesiredResource, ResourceKind } from '../blueprint/types.js';
import type { FieldChange, ObservedResource } from '../resources/types.js';

export type { DesiredResource, ResourceKind } from '../blueprint/types.js';
export type { FieldChange, ObservedResource } from '../resources/types.js';

export type ActionOp = 'create' | 'update' | 'replace' | 'delete' | 'noop';

export interface PlanAction {
  /** The resource key (unique in a plan). */
  id: string;
  op: ActionOp;
  kind: ResourceKind;
  account: string;
  key: string;
  /** Why: "does not exist", "assumeRolePolicyDocument differs", "owned but no longer declared", … */
  reasons: string[];
  changes: FieldChange[];
  desired?: DesiredResource;
  observed?: ObservedResource;
  /** Action ids that must complete first. */
  deps: string[];
}

export interface PlanProblem {
  code: string;
  resource: string;
  message: string;
  hint: string;
}

export interface Plan {
  blueprint: string;
  actions: PlanAction[];
  /** Collisions with unowned resources and similar: a plan with problems must not be applied. */
  problems: PlanProblem[];
  /** Resources seen but deliberately left alone (e.g. accounts, closed only with --close-accounts). */
  kept?: string[];
}

/** Plan problem codes (input family: exit 2). docs/errors.md documents them. */
export const PlanCode = {
  /** A declared resource exists and this blueprint does not own it. */
  unowned: 'ONR-E160',
  /** `--adopt` names a resource the plan does not contain. */
  unknownAdopt: 'ONR-E161',
} as const;

export { KIND_ORDER } from '../blueprint/desired.js';
