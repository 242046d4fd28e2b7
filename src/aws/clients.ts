/**
 * The client factory for one account context: SDK v3 clients aimed at a target (profile, region,
 * endpoint override, credentials), every call limited, retried and counted (call.ts), member
 * accounts reached by assuming their access role once per run, and the caller's identity cached.
 */
import { type Clock, type Random, realClock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import { type AssumedRole, AssumedRoleSession } from './assume-role.js';
import { type AwsEvent, type AwsEventListener, CallCounter, type CallPolicy, limitedCall } from './call.js';
import { describeAwsError } from './classify.js';
import { EngineCode } from './codes.js';
import { RateLimiter, type RateRule } from './limiter.js';
import { AWS_RATE_RULES } from './quotas.js';
import { RetryBudget, type RetryOptions } from './retry.js';
import {
  type AwsCredentials,
  type ClientSettings,
  type CredentialProvider,
  defaultCredentialChain,
  loadClient,
  type ServiceClients,
  type ServiceName,
} from './service-clients.js';

/** Where calls go and as whom. */
export interface AwsTarget {
  /** A profile for the SDK's default credential chain. */
  profile?: string;
  /** Default us-east-1. */
  region?: string;
  /** Every service at this URL (a running `onramp sandbox`, or moto). */
  endpointUrl?: string;
  /** Explicit credentials instead of the default chain. */
  credentials?: AwsCredentials | CredentialProvider;
}

/** Who the context's credentials belong to (sts:GetCallerIdentity). */
export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface AwsClientsOptions {
  clock?: Clock;
  random?: Random;
  /** Rate rules (default AWS_RATE_RULES); each account gets its own buckets, as AWS's quotas are per account. */
  rates?: Readonly<Record<string, RateRule>>;
  /** The root context's limiter (to share it), or false for no client-side rate limiting. */
  limiter?: RateLimiter | false;
  /** Retry settings for every call; the budget is shared by every account context. */
  retry?: Omit<RetryOptions, 'onRetry' | 'onThrottle' | 'signal' | 'what' | 'clock' | 'random'>;
  /** RoleSessionName for assumed member-account sessions (default "onramp"). */
  roleSessionName?: string;
  /** Re-assume this long before a session expires (default 5 min). */
  refreshBeforeMs?: number;
}

/** Options of one call through {@link AwsClients.call}. */
export interface CallOptions {
  signal?: AbortSignal;
  /** "<doing> <kind> <id>" for the error message, e.g. "reading IAM Role (deploy)". */
  what?: string;
  /** The executor node this call belongs to (for events). */
  nodeId?: string;
}

/** What every context of a run shares. */
interface Shared {
  readonly options: AwsClientsOptions;
  readonly clock: Clock;
  readonly listeners: Set<AwsEventListener>;
  readonly counter: CallCounter;
  readonly budget: RetryBudget;
  readonly accounts: Map<string, Promise<AwsClients>>;
}

/** SDK clients and the call path for one account context; see the module comment. */
export class AwsClients {
  /** The account this context assumed into (undefined for the caller's own context). */
  readonly accountId?: string;
  readonly region: string;
  private readonly settings: ClientSettings;
  private readonly policy: CallPolicy;
  private readonly shared: Shared;
  private readonly clients = new Map<ServiceName, Promise<ServiceClients[ServiceName]>>();
  private identity?: Promise<CallerIdentity>;

  /** `member` is internal: forAccount builds member-account contexts that share the run's state. */
  constructor(
    readonly target: AwsTarget = {},
    options: AwsClientsOptions = {},
    member?: { shared: Shared; accountId: string },
  ) {
    const clock = options.clock ?? realClock;
    this.shared = member?.shared ?? {
      options,
      clock,
      listeners: new Set(),
      counter: new CallCounter(),
      budget: options.retry?.budget ?? new RetryBudget(),
      accounts: new Map(),
    };
    const opts = this.shared.options;
    this.accountId = member?.accountId;
    this.region = target.region ?? 'us-east-1';
    const creds = target.credentials;
    this.settings = {
      region: this.region,
      maxAttempts: 1,
      ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
      credentials:
        typeof creds === 'function'
          ? creds
          : creds
            ? async () => creds
            : defaultCredentialChain({
                profile: target.profile,
                region: this.region,
                endpoint: target.endpointUrl,
              }),
    };
    const limiter =
      !member && opts.limiter !== undefined
        ? opts.limiter || undefined
        : opts.limiter === false
          ? undefined
          : new RateLimiter({ rules: opts.rates ?? AWS_RATE_RULES, clock: this.shared.clock });
    this.policy = {
      clock: this.shared.clock,
      limiter,
      retry: { ...opts.retry, random: opts.random, budget: this.shared.budget },
    };
  }

  /** This context's rate limiter (undefined when limiting is off). */
  get limiter(): RateLimiter | undefined {
    return this.policy.limiter;
  }

  /** Subscribes to call/throttled/retry events of every context of the run; returns unsubscribe. */
  on(listener: AwsEventListener): () => void {
    this.shared.listeners.add(listener);
    return () => this.shared.listeners.delete(listener);
  }

  /** Attempts per `service:Operation` across every context of the run. */
  callCounts(): Record<string, number> {
    return this.shared.counter.snapshot();
  }

  /** The SDK client for `service` in this context (built once, package loaded on first use). */
  client<S extends ServiceName>(service: S): Promise<ServiceClients[S]> {
    let c = this.clients.get(service);
    if (!c) {
      c = loadClient(service, this.settings);
      this.clients.set(service, c);
    }
    return c as Promise<ServiceClients[S]>;
  }

  /**
   * One AWS call, limited, retried and counted: `fn` gets the service's client and makes the call.
   * Failures throw AwsCallError (an OnrampError; `isNotFound` sees through it).
   */
  async call<S extends ServiceName, T>(
    service: S,
    operation: string,
    fn: (client: ServiceClients[S]) => Promise<T>,
    opts: CallOptions = {},
  ): Promise<T> {
    const client = await this.client(service);
    return limitedCall(this.policy, service, operation, () => fn(client), {
      ...opts,
      account: this.accountId,
      emit: (e) => this.emit(e),
    });
  }

  /** sts:GetCallerIdentity, once per context. */
  callerIdentity(opts: CallOptions = {}): Promise<CallerIdentity> {
    if (!this.identity) {
      const pending = (async () => {
        const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
        const out = await this.call(
          'sts',
          'GetCallerIdentity',
          (sts) => sts.send(new GetCallerIdentityCommand({})),
          {
            what: 'finding out who the credentials belong to',
            ...opts,
          },
        );
        return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
      })();
      // A failure is not cached: the next caller tries again.
      pending.catch(() => {
        if (this.identity === pending) this.identity = undefined;
      });
      this.identity = pending;
    }
    return this.identity;
  }

  /**
   * The context for a member account, reached by assuming `roleName` there (once per run; the
   * session is refreshed before it expires). The caller's own account returns this context.
   */
  async forAccount(
    accountId: string,
    opts: { roleName?: string; signal?: AbortSignal } = {},
  ): Promise<AwsClients> {
    const roleName = opts.roleName ?? 'OrganizationAccountAccessRole';
    const me = await this.callerIdentity({ signal: opts.signal });
    if (me.account === accountId) return this;
    const key = `${accountId}/${roleName}`;
    let ctx = this.shared.accounts.get(key);
    if (!ctx) {
      ctx = this.assumeInto(accountId, roleName, me, opts.signal);
      this.shared.accounts.set(key, ctx);
      ctx.catch(() => this.shared.accounts.delete(key));
    }
    return ctx;
  }

  private async assumeInto(
    accountId: string,
    roleName: string,
    me: CallerIdentity,
    signal?: AbortSignal,
  ): Promise<AwsClients> {
    const partition = me.arn.split(':')[1] || 'aws';
    const role: AssumedRole = {
      roleArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
      sessionName: this.shared.options.roleSessionName ?? 'onramp',
    };
    const session = new AssumedRoleSession(
      role,
      async () => {
        const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
        const out = await this.call(
          'sts',
          'AssumeRole',
          (sts) =>
            sts.send(new AssumeRoleCommand({ RoleArn: role.roleArn, RoleSessionName: role.sessionName })),
          { what: `assuming ${role.roleArn}` },
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
        return {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          expiration: c.Expiration,
        };
      },
      { clock: this.shared.clock, refreshBeforeMs: this.shared.options.refreshBeforeMs },
    );
    try {
      await session.credentials(signal);
    } catch (cause) {
      throw new OnrampError(
        EngineCode.assumeRoleFailed,
        `assuming ${roleName} in account ${accountId}: ${describeAwsError(cause)}`,
        {
          cause,
          hint: `The role must exist in ${accountId} and trust ${me.arn} (accounts created by Organizations have it); name another role with --role-name.`,
          details: { accountId, roleArn: role.roleArn },
        },
      );
    }
    const target: AwsTarget = {
      region: this.target.region,
      endpointUrl: this.target.endpointUrl,
      credentials: () => session.credentials(),
    };
    return new AwsClients(target, this.shared.options, { shared: this.shared, accountId });
  }

  private emit(e: AwsEvent): void {
    if (e.type === 'call') this.shared.counter.listener(e);
    for (const l of this.shared.listeners) l(e);
  }

  /** Closes every client's connections (contexts of member accounts included). */
  async destroy(): Promise<void> {
    for (const c of this.clients.values()) (await c.catch(() => undefined))?.destroy();
    if (!this.accountId) {
      for (const ctx of this.shared.accounts.values()) await (await ctx.catch(() => undefined))?.destroy();
    }
  }
}
