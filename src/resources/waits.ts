/**
 * The run's waiters for AWS's asynchronous operations, all through the one BatchPoller / probeUntil
 * (STYLE 4): every outstanding assignment creation is checked by one
 * ListAccountAssignmentCreationStatus (IN_PROGRESS) per round. A request seen in that list that has
 * left it has finished: it SUCCEEDED unless ListAccountAssignmentCreationStatus (FAILED) names it,
 * and only then, or for a request never seen running, a Describe… learns AWS's FailureReason. The
 * same shape serves assignment deletion and permission set provisioning; account creation is
 * always described (its success carries the new account's id).
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountAssignmentCreationStatus.html
 */
import {
  DescribeCreateAccountStatusCommand,
  ListCreateAccountStatusCommand,
} from '@aws-sdk/client-organizations';
import {
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetProvisioningStatusCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListPermissionSetProvisioningStatusCommand,
} from '@aws-sdk/client-sso-admin';
import { BatchPoller } from '../aws/batch-poller.js';
import type { AwsClients } from '../aws/clients.js';
import { expectSuccess, probeUntil } from '../aws/waiter.js';
import type { Clock, Random } from '../core/clock.js';
import type { Directory } from './directory.js';

/** Status rounds for asynchronous AWS work ($ONRAMP_POLL_INTERVAL_MS overrides). */
export const DEFAULT_POLL_INTERVAL_MS = 1_000;

export interface WaitOptions {
  /** Time between status rounds (default 1 s). */
  pollIntervalMs?: number;
  /** Per asynchronous operation (default 15 min; account creation 30 min). */
  timeoutMs?: number;
  /** How long a new account's access role may take to become assumable (default 10 min). */
  probeTimeoutMs?: number;
  probeMinDelayMs?: number;
  probeMaxDelayMs?: number;
  clock?: Clock;
  random?: Random;
  signal?: AbortSignal;
}

interface Status {
  state: string;
  reason?: string;
  accountId?: string;
}

type Listed = 'IN_PROGRESS' | 'FAILED';
type Lister = (
  aws: AwsClients,
  dir: Directory,
  status: Listed,
  token?: string,
) => Promise<{ ids: string[]; next?: string }>;
type Describer = (aws: AwsClients, dir: Directory, id: string) => Promise<Status>;

const inst = (dir: Directory) => dir.instance().instanceArn;

/**
 * `infer`: a request seen IN_PROGRESS that has left that list and is not in the FAILED list has
 * SUCCEEDED, so it costs no Describe (account creation is always described: its success carries
 * the new account's id).
 */
const KINDS: Record<string, { list: Lister; describe: Describer; infer: boolean }> = {
  'assignment-create': {
    list: async (aws, dir, Status, NextToken) => {
      const r = await aws.call('sso-admin', 'ListAccountAssignmentCreationStatus', (c) =>
        c.send(
          new ListAccountAssignmentCreationStatusCommand({
            InstanceArn: inst(dir),
            Filter: { Status },
            NextToken,
          }),
        ),
      );
      return {
        ids: (r.AccountAssignmentsCreationStatus ?? []).map((s) => s.RequestId ?? ''),
        next: r.NextToken,
      };
    },
    describe: async (aws, dir, id) => {
      const r = await aws.call('sso-admin', 'DescribeAccountAssignmentCreationStatus', (c) =>
        c.send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn: inst(dir),
            AccountAssignmentCreationRequestId: id,
          }),
        ),
      );
      const s = r.AccountAssignmentCreationStatus;
      return { state: s?.Status ?? 'IN_PROGRESS', reason: s?.FailureReason };
    },
    infer: true,
  },
  'assignment-delete': {
    list: async (aws, dir, Status, NextToken) => {
      const r = await aws.call('sso-admin', 'ListAccountAssignmentDeletionStatus', (c) =>
        c.send(
          new ListAccountAssignmentDeletionStatusCommand({
            InstanceArn: inst(dir),
            Filter: { Status },
            NextToken,
          }),
        ),
      );
      return {
        ids: (r.AccountAssignmentsDeletionStatus ?? []).map((s) => s.RequestId ?? ''),
        next: r.NextToken,
      };
    },
    describe: async (aws, dir, id) => {
      const r = await aws.call('sso-admin', 'DescribeAccountAssignmentDeletionStatus', (c) =>
        c.send(
          new DescribeAccountAssignmentDeletionStatusCommand({
            InstanceArn: inst(dir),
            AccountAssignmentDeletionRequestId: id,
          }),
        ),
      );
      const s = r.AccountAssignmentDeletionStatus;
      return { state: s?.Status ?? 'IN_PROGRESS', reason: s?.FailureReason };
    },
    infer: true,
  },
  provision: {
    list: async (aws, dir, Status, NextToken) => {
      const r = await aws.call('sso-admin', 'ListPermissionSetProvisioningStatus', (c) =>
        c.send(
          new ListPermissionSetProvisioningStatusCommand({
            InstanceArn: inst(dir),
            Filter: { Status },
            NextToken,
          }),
        ),
      );
      return {
        ids: (r.PermissionSetsProvisioningStatus ?? []).map((s) => s.RequestId ?? ''),
        next: r.NextToken,
      };
    },
    describe: async (aws, dir, id) => {
      const r = await aws.call('sso-admin', 'DescribePermissionSetProvisioningStatus', (c) =>
        c.send(
          new DescribePermissionSetProvisioningStatusCommand({
            InstanceArn: inst(dir),
            ProvisionPermissionSetRequestId: id,
          }),
        ),
      );
      const s = r.PermissionSetProvisioningStatus;
      return { state: s?.Status ?? 'IN_PROGRESS', reason: s?.FailureReason };
    },
    infer: true,
  },
  account: {
    list: async (aws, _dir, state, NextToken) => {
      const r = await aws.call('organizations', 'ListCreateAccountStatus', (c) =>
        c.send(new ListCreateAccountStatusCommand({ States: [state], NextToken })),
      );
      return { ids: (r.CreateAccountStatuses ?? []).map((s) => s.Id ?? ''), next: r.NextToken };
    },
    describe: async (aws, _dir, id) => {
      const r = await aws.call('organizations', 'DescribeCreateAccountStatus', (c) =>
        c.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id })),
      );
      const s = r.CreateAccountStatus;
      return { state: s?.State ?? 'IN_PROGRESS', reason: s?.FailureReason, accountId: s?.AccountId };
    },
    infer: false,
  },
};

export type AsyncKind = 'assignment-create' | 'assignment-delete' | 'provision' | 'account';

/** The waiters of one run; see the module comment. */
export class Waits {
  private readonly pollers = new Map<AsyncKind, BatchPoller<Status>>();

  constructor(
    private readonly aws: AwsClients,
    private readonly dir: Directory,
    readonly options: WaitOptions = {},
  ) {}

  /** Waits for request `id` of `kind`; throws ONR-E204/E205 with AWS's reason when it fails. */
  async done(kind: AsyncKind, id: string, what: string): Promise<Status> {
    const timeoutMs = this.options.timeoutMs ?? (kind === 'account' ? 30 : 15) * 60_000;
    const result = await this.poller(kind).wait(id, { timeoutMs, signal: this.options.signal });
    return expectSuccess(result, { what }) as Status;
  }

  /** Calls `fn` until it succeeds (a real AssumeRole into a new account), with bounded backoff. */
  async probe<T>(fn: () => Promise<T>, what: string): Promise<T> {
    const o = this.options;
    const result = await probeUntil(fn, {
      timeoutMs: o.probeTimeoutMs ?? 10 * 60_000,
      minDelayMs: o.probeMinDelayMs,
      maxDelayMs: o.probeMaxDelayMs,
      clock: o.clock,
      random: o.random,
      signal: o.signal,
    });
    return expectSuccess(result, { what, kind: 'propagation' }) as T;
  }

  private poller(kind: AsyncKind): BatchPoller<Status> {
    let p = this.pollers.get(kind);
    if (p) return p;
    const { list, describe, infer } = KINDS[kind];
    /** Every id of `status`, or undefined when the list could not be read this round. */
    const all = async (status: Listed): Promise<Set<string> | undefined> => {
      const out = new Set<string>();
      let token: string | undefined;
      try {
        do {
          const page = await list(this.aws, this.dir, status, token);
          for (const i of page.ids) out.add(i);
          token = page.next;
        } while (token);
      } catch {
        return undefined;
      }
      return out;
    };
    const seenRunning = new Set<string>();
    p = new BatchPoller<Status>({
      list: async (ids) => {
        const running = await all('IN_PROGRESS');
        // A failed round leaves every request pending; the next round asks again.
        if (!running) return new Map();
        const out = new Map<string, Status>();
        const ask: string[] = [];
        const finished: string[] = [];
        for (const id of ids) {
          if (running.has(id)) seenRunning.add(id);
          else if (infer && seenRunning.has(id)) finished.push(id);
          else ask.push(id);
        }
        if (finished.length > 0) {
          const failed = await all('FAILED');
          for (const id of finished) {
            if (!failed || failed.has(id)) ask.push(id);
            else {
              out.set(id, { state: 'SUCCEEDED' });
              seenRunning.delete(id);
            }
          }
        }
        // Only failures and requests never seen running need AWS's own word (and its reason).
        await Promise.all(
          ask.map(async (id) => {
            try {
              out.set(id, await describe(this.aws, this.dir, id));
              seenRunning.delete(id);
            } catch {
              // Left pending: described again next round, bounded by the waiter's timeout.
            }
          }),
        );
        return out;
      },
      isDone: (s) => s.state === 'SUCCEEDED',
      isFailed: (s) => (s.state === 'FAILED' ? (s.reason ?? 'FAILED') : undefined),
      // Each outstanding request holds one of AWS's few in-flight slots (15 for assignments) until a
      // status round sees it finish, so the interval adds about half of itself to every hold.
      intervalMs: this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      clock: this.options.clock,
      signal: this.options.signal,
    });
    this.pollers.set(kind, p);
    return p;
  }
}
