/**
 * sync-large: `onramp sso sync` for a user assigned 4 permission sets in each of 700 accounts,
 * behind a portal throttled at 20 TPS (time-scaled), signed in beforehand through the device flow
 * (the sandbox approves it). Measured: the sync, from reading the config to the written file. The
 * floor is the portal's bucket for the calls it admitted: ⌈accounts/100⌉ ListAccounts pages and
 * one ListAccountRoles per account.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAwsSetup } from '../../src/sso/aws-setup.js';
import { configureSession } from '../../src/sso/configure.js';
import { botocoreView } from '../../src/sso/ini/botocore-view.js';
import { IniDocument } from '../../src/sso/ini/document.js';
import { login } from '../../src/sso/login.js';
import { findSession } from '../../src/sso/session-config.js';
import type { SsoContext } from '../../src/sso/sso-context.js';
import { syncProfiles } from '../../src/sso/sync.js';
import { admitted, floorOf, quotaBindings } from '../floor.js';
import { RemoteSandbox } from '../remote-sandbox.js';
import { describeCalls, log, scaledLimiter, scaledRetry, totalOf } from '../support.js';
import type { ScenarioResult } from '../types.js';

const ROLES = ['Admin', 'Billing', 'Developer', 'ReadOnly'];
/** Full: AWS's own pace (the floor is ~35 s). Quick: fewer accounts, 5× compressed. */
const SHAPE = { quick: { accounts: 300, timeScale: 0.3 }, full: { accounts: 700, timeScale: 1 } };

export async function syncLarge(quick: boolean): Promise<ScenarioResult> {
  const { accounts, timeScale } = quick ? SHAPE.quick : SHAPE.full;
  const sb = await RemoteSandbox.start({ seed: 'org', accounts, autoApprove: 'wide' });
  const home = mkdtempSync(join(tmpdir(), 'onramp-bench-sync-'));
  try {
    const ctx: SsoContext = { env: {}, home, endpointUrl: sb.url };
    const seeded = await sb.send('seedWideOrg', { userName: 'wide', roles: ROLES });
    await configureSession(ctx, { name: 'wide', startUrl: seeded.startUrl, region: sb.region });
    const session = findSession(readAwsSetup({ home, env: {} }), 'wide');
    await login(ctx, session, { flow: 'device', openBrowser: false });

    const config = await sb.send('realistic', { timeScale });
    const sandboxCpu = await sb.send('cpu');
    const cpu = process.cpuUsage();
    const t = performance.now();
    const summary = await syncProfiles(ctx, {
      session: 'wide',
      limiter: scaledLimiter(timeScale),
      retry: scaledRetry(timeScale),
    });
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const sandboxCpuMs = (await sb.send('cpu')) - sandboxCpu;
    const { calls, throttled } = await sb.send('counters');
    const floor = floorOf([{ name: 'sync', bindings: quotaBindings(config, admitted(calls, throttled)) }]);
    const problems: string[] = [];
    const want = accounts * ROLES.length;
    if (summary.accounts !== accounts) problems.push(`synced ${summary.accounts} accounts of ${accounts}`);
    if (summary.roles !== want) problems.push(`found ${summary.roles} roles of ${want}`);
    if (summary.added !== want) problems.push(`added ${summary.added} profiles of ${want}`);
    const view = botocoreView(IniDocument.parse(readFileSync(join(home, '.aws', 'config'), 'utf8')));
    if (view.fatal || view.profiles.size !== want)
      problems.push(`the written config has ${view.profiles.size} profiles (fatal: ${view.fatal})`);
    log(`sync: ${(wallMs / 1000).toFixed(2)} s, floor ${(floor.ms / 1000).toFixed(2)} s`);
    return {
      scenario: 'sync-large',
      calls,
      figures: {
        'time scale': timeScale,
        accounts,
        profiles: summary.added,
        'portal calls': totalOf(calls, 'sso-portal'),
        'least portal calls (⌈accounts/100⌉ + accounts)': Math.ceil(accounts / 100) + accounts,
        'onramp CPU during the sync ms': (used.user + used.system) / 1000,
        'sandbox CPU meanwhile ms': sandboxCpuMs,
        'client retries': summary.retries,
      },
      ratio: wallMs / floor.ms,
      ratioOf: 'wall of the sync / quota floor of its portal calls',
      target: 1.15,
      failures: problems.length,
      throttles: totalOf(throttled),
      wallMs,
      floorMs: floor.ms,
      binding: floor.binding,
      notes: [
        `${accounts} accounts × ${ROLES.length} roles; time scale ${timeScale} (portal at ${20 / timeScale} TPS)`,
        ...floor.lines,
        ...describeCalls(calls),
        ...problems,
      ],
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
    await sb.stop();
  }
}
