/**
 * `onramp sso sync`: every account (ListAccounts, pages of 100) and its roles (one ListAccountRoles
 * per account, several in flight, all under the portal's rate limit with adaptive backoff), written
 * as one `[profile …]` per account and role through the locked, atomic, backed-up config writer.
 * A throttle never fails the sync while the run's retry budget lasts: the limiter slows down and
 * the call is retried.
 */

import type { AwsEvent } from '../aws/call.js';
import type { AwsClientsOptions } from '../aws/clients.js';
import { OnrampError } from '../core/errors.js';
import { readAwsSetup } from './aws-setup.js';
import { configFilePath } from './paths.js';
import { listAccountRoles, listAccounts, ssoApis } from './portal.js';
import { chooseSession, type SsoSessionConfig } from './session-config.js';
import { clockOf, pathOptions, type SsoContext } from './sso-context.js';
import { type AccountRoles, planSync, type SyncPlan } from './sync-profiles.js';
import { SsoUserError } from './user-errors.js';
import { getValidToken } from './valid-token.js';
import { updateConfigFile } from './write-config.js';

export interface SyncOptions {
  session?: string;
  /** Find the session through this profile instead. */
  profile?: string;
  template?: string;
  region?: string;
  prune?: boolean;
  dryRun?: boolean;
  /** ListAccountRoles calls in flight at once (default 8). */
  concurrency?: number;
  /** Retry settings (default: throttles retried until the budget is spent). */
  retry?: AwsClientsOptions['retry'];
  /** A limiter to use instead of one built from ctx.rates (tests tune its AIMD to their time scale). */
  limiter?: AwsClientsOptions['limiter'];
  onProgress?: (p: SyncProgress) => void;
}

export interface SyncProgress {
  accountsDone: number;
  accountsTotal: number;
  throttles: number;
}

export interface SyncSummary {
  session: string;
  configPath: string;
  accounts: number;
  roles: number;
  profiles: string[];
  added: number;
  updated: number;
  removed: number;
  dryRun: boolean;
  diff: string;
  /** Portal calls made (attempts, retries included) by operation. */
  calls: Record<string, number>;
  throttles: number;
  retries: number;
  wallMs: number;
}

/** Runs `worker` over `items` with at most `limit` at once, in order of start. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await worker(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

/** See the module comment. */
export async function syncProfiles(ctx: SsoContext, options: SyncOptions = {}): Promise<SyncSummary> {
  const clock = clockOf(ctx);
  const started = clock.now();
  const setup = readAwsSetup(pathOptions(ctx));
  const session = chooseSession(setup, { session: options.session, profile: options.profile }, ctx.env);
  if (!session.name) {
    throw new OnrampError(
      SsoUserError.incomplete,
      `syncing ${session.startUrl}: profiles need an sso-session`,
      {
        source: session.source,
        hint: 'create one with onramp sso configure --session NAME --start-url URL --region REGION',
      },
    );
  }
  const named = session as SsoSessionConfig & { name: string };
  const apis = ssoApis(ctx, session.region, {
    // Throttles are retried until the shared budget runs out, never given up after N attempts.
    retry: { maxAttempts: 10_000, ...options.retry },
    ...(options.limiter !== undefined ? { limiter: options.limiter } : {}),
  });
  let throttles = 0;
  let retries = 0;
  apis.portal.on((e: AwsEvent) => {
    if (e.type === 'throttled') throttles++;
    if (e.type === 'retry') retries++;
  });
  try {
    const token = await getValidToken(ctx, session, { apis });
    const accounts = await listAccounts(apis, session, token.accessToken);
    const entitlements: AccountRoles[] = accounts.map((account) => ({ account, roles: [] }));
    let done = 0;
    const report = () =>
      options.onProgress?.({ accountsDone: done, accountsTotal: accounts.length, throttles });
    report();
    await pool(entitlements, options.concurrency ?? 8, async (entry) => {
      entry.roles = await listAccountRoles(apis, session, token.accessToken, entry.account.accountId);
      done++;
      report();
    });
    const path = configFilePath(pathOptions(ctx)).path;
    let plan: SyncPlan | undefined;
    const written = await updateConfigFile(
      path,
      (text) => {
        plan = planSync(text, {
          session: named,
          entitlements,
          template: options.template,
          region: options.region,
          prune: options.prune,
          path,
        });
        return plan.newText;
      },
      { dryRun: options.dryRun },
    );
    const count = (action: string) =>
      plan!.changes.filter((c) => c.action === action && c.kind === 'profile').length;
    return {
      session: named.name,
      configPath: path,
      accounts: accounts.length,
      roles: entitlements.reduce((n, e) => n + e.roles.length, 0),
      profiles: plan!.profiles.map((p) => p.name),
      added: count('add'),
      updated: count('update') + count('adopt'),
      removed: count('remove'),
      dryRun: Boolean(options.dryRun),
      diff: written.diff,
      calls: apis.portal.callCounts(),
      throttles,
      retries,
      wallMs: clock.now() - started,
    };
  } finally {
    await apis.destroy();
  }
}
