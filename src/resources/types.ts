/**
 * The one small interface every resource kind implements (STYLE 2): create, update and delete of a
 * desired resource against what was observed, with the context an apply step needs. Reading is
 * bulk and shared between kinds of one service (one GetAccountAuthorizationDetails serves roles,
 * policies, groups and their members), so each kind's `observe…` projects a shared snapshot.
 */
import type { AwsClients } from '../aws/clients.js';
import type { ServiceName } from '../aws/service-clients.js';
import type { DesiredResource, ResourceKind } from '../blueprint/types.js';
import type { Directory } from './directory.js';
import type { Waits } from './waits.js';

/** A resource as read from AWS, its props in the desired shape so the two compare field by field. */
export interface ObservedResource {
  kind: ResourceKind;
  /** The same key scheme as the blueprint's (`iam/<account>/role/<name>` …). */
  key: string;
  /** Blueprint account key (or the account id when the blueprint has no key for it), or `@organization`. */
  account: string;
  accountId?: string;
  /** What AWS considers the same resource (identity.ts). */
  identity: string;
  props: Record<string, unknown>;
  /** The blueprint that owns it (tag, or one of onramp's markers); undefined when unowned. */
  owner?: string;
  /** Ownership follows this resource's key (assignments follow their permission set, memberships their group). */
  ownerVia?: string;
  /**
   * An IAM group that exists empty and unowned: an apply killed between CreateGroup and its owner
   * marker leaves exactly this, so the plan claims it (visibly) instead of reporting a collision.
   */
  claimable?: boolean;
  /** Out of date although every field matches (a permission set not re-provisioned everywhere). */
  stale?: string;
  /** AWS's identifiers for update and delete (ARN, ids). */
  ref: Record<string, string>;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A desired resource of one kind, every deferred value resolved. */
export type Desired<K extends ResourceKind> = Extract<DesiredResource, { kind: K }>;

/** What an apply step is given. */
export interface ApplyContext {
  /** The blueprint's name (ownership markers carry it). */
  blueprint: string;
  /** The caller's (management account) context. */
  aws: AwsClients;
  /** The context of an account (its access role assumed once per run); the caller's own returns `aws`. */
  account(accountId: string): Promise<AwsClients>;
  /** Names → AWS ids, known before the run or learnt from creates. */
  dir: Directory;
  waits: Waits;
  signal: AbortSignal;
  /** For a kind with an in-flight cap: gives the slot back once AWS's asynchronous work is done. */
  asyncDone?: () => void;
}

/** One resource kind's effects. Delete of a missing thing succeeds (not-found is a type). */
export interface KindHandler<K extends ResourceKind = ResourceKind> {
  kind: K;
  /** "IAM Role", for messages ("creating IAM Role (deploy): …"). */
  title: string;
  /** The service and main operation (executor events, progress phases). */
  service: ServiceName;
  operation: string;
  /** In-flight cap (aws/quotas.ts Caps) held while the operation is outstanding. */
  cap?: string;
  create(ctx: ApplyContext, d: Desired<K>): Promise<void>;
  update(ctx: ApplyContext, d: Desired<K>, o: ObservedResource, changes: FieldChange[]): Promise<void>;
  remove(ctx: ApplyContext, o: ObservedResource): Promise<void>;
  /** Delete and create again, keeping what hangs off it (default: remove, then create). */
  replace?(ctx: ApplyContext, d: Desired<K>, o: ObservedResource): Promise<void>;
}
