/**
 * `onramp sso configure|login|logout|sync`: the user's side of IAM Identity Center. Parses flags,
 * calls src/sso, prints. Also the context every user-side command builds (userContext). sync shows
 * a progress bar on a terminal and a JSON summary with --json.
 */
import type { Command } from 'commander';
import { OnrampError } from '../../core/errors.js';
import { readAwsSetup } from '../../sso/aws-setup.js';
import { openBrowser } from '../../sso/browser.js';
import { configureSession } from '../../sso/configure.js';
import { login } from '../../sso/login.js';
import { logout } from '../../sso/logout.js';
import { chooseSession, parseScopes } from '../../sso/session-config.js';
import { pathOptions, type SsoContext } from '../../sso/sso-context.js';
import { type SyncProgress, syncProfiles } from '../../sso/sync.js';
import { SsoUserError } from '../../sso/user-errors.js';
import { parseNumberFlag } from '../flags.js';
import { addGlobalOptions, globalOptions, outputFor } from '../global-options.js';
import type { Output } from '../output.js';

/** The context of a user-side command: this process's environment, the endpoint flag, stderr. */
export function userContext(cmd: Command, out: Output): SsoContext {
  const g = globalOptions(cmd);
  if (g.sandbox) {
    throw new OnrampError(SsoUserError.badFlags, '--sandbox: user-side commands talk to a running sandbox', {
      source: { kind: 'flag', flag: '--sandbox' },
      hint: 'start one with `onramp sandbox --seed org --auto-approve USER` and pass --endpoint-url URL (or export AWS_ENDPOINT_URL)',
    });
  }
  return {
    env: process.env,
    endpointUrl: g.endpointUrl,
    log: (line) => out.log(line),
    openUrl: (url) => openBrowser(url, process.env),
  };
}

/** A subcommand with the global flags, so `onramp sso login --endpoint-url …` parses. */
export function subcommand(parent: Command, name: string): Command {
  return addGlobalOptions(parent.command(name)).exitOverride();
}

export function registerSso(program: Command): void {
  const sso = program
    .command('sso')
    .description('sign in with IAM Identity Center and keep your profiles in sync');
  subcommand(sso, 'configure')
    .description('write [sso-session NAME] to ~/.aws/config (like aws configure sso-session)')
    .requiredOption('--session <name>', 'the sso-session name')
    .requiredOption(
      '--start-url <url>',
      'the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start',
    )
    .option('--scopes <list>', 'sso_registration_scopes, comma-separated', 'sso:account:access')
    .option('--dry-run', 'print the diff instead of writing')
    .option('--adopt', 'take over an [sso-session NAME] that onramp did not write')
    .action(
      async (
        flags: { session: string; startUrl: string; scopes: string; dryRun?: boolean; adopt?: boolean },
        cmd: Command,
      ) => {
        const out = outputFor(cmd);
        const region = globalOptions(cmd).region;
        if (!region) {
          throw new OnrampError(SsoUserError.badFlags, 'configuring an sso-session: --region is required', {
            source: { kind: 'flag', flag: '--region' },
            hint: 'give the region where IAM Identity Center is enabled (it becomes sso_region)',
          });
        }
        const result = await configureSession(
          userContext(cmd, out),
          {
            name: flags.session,
            startUrl: flags.startUrl,
            region,
            registrationScopes: parseScopes(flags.scopes),
          },
          { dryRun: flags.dryRun, adopt: flags.adopt },
        );
        const verb = flags.dryRun ? 'would change' : result.changed ? 'updated' : 'unchanged:';
        out.result(
          {
            path: result.path,
            changed: result.changed,
            dryRun: !!flags.dryRun,
            changes: result.changes,
            diff: result.diff,
          },
          flags.dryRun
            ? result.diff || `${result.path}: nothing to change`
            : `${verb} ${result.path} ([sso-session ${flags.session}])${result.backupPath ? `; previous version in ${result.backupPath}` : ''}`,
        );
      },
    );

  subcommand(sso, 'login')
    .description('sign in and cache the SSO token where the AWS CLI and SDKs find it')
    .option('--session <name>', 'the sso-session (default: the only one, or the one of --profile)')
    .option('--device-code', 'use the device-code flow (approve on any device)')
    .option('--browser', 'use the authorization-code flow with a browser on this machine')
    .option('--no-browser', 'never open a browser; print the URL only')
    .option('--timeout <seconds>', 'give up waiting for the approval after this long')
    .action(
      async (
        flags: { session?: string; deviceCode?: boolean; browser?: boolean; timeout?: string },
        cmd: Command,
      ) => {
        const out = outputFor(cmd);
        const ctx = userContext(cmd, out);
        if (flags.deviceCode && flags.browser) {
          throw new OnrampError(
            SsoUserError.badFlags,
            '--device-code and --browser choose different sign-in flows',
            {
              source: { kind: 'flag', flag: '--browser' },
              hint: 'give one of them',
            },
          );
        }
        const setup = readAwsSetup(pathOptions(ctx));
        const session = chooseSession(
          setup,
          { session: flags.session, profile: globalOptions(cmd).profile },
          ctx.env,
        );
        const timeout =
          flags.timeout === undefined
            ? undefined
            : parseNumberFlag('--timeout', flags.timeout, { min: 1, max: 3600 });
        const result = await login(ctx, session, {
          flow: flags.deviceCode ? 'device' : flags.browser ? 'pkce' : undefined,
          openBrowser: flags.browser !== false,
          timeoutMs: timeout === undefined ? undefined : timeout * 1000,
        });
        out.result(
          {
            session: session.name,
            startUrl: session.startUrl,
            ...result,
            expiresAt: result.expiresAt.toISOString(),
          },
          `Signed in to ${session.startUrl}${session.name ? ` (sso-session ${session.name})` : ''} until ${result.expiresAt.toISOString()}${result.refreshable ? '; onramp and the AWS CLI refresh it automatically' : ''}.`,
        );
      },
    );

  subcommand(sso, 'logout')
    .description('sign out (the portal Logout), and delete cached SSO tokens and role credentials')
    .option('--session <name>', 'only this sso-session (default: every session, as aws sso logout)')
    .action(async (flags: { session?: string }, cmd: Command) => {
      const out = outputFor(cmd);
      const ctx = userContext(cmd, out);
      const setup = readAwsSetup(pathOptions(ctx));
      const session = flags.session ? chooseSession(setup, { session: flags.session }) : undefined;
      const result = await logout(ctx, session);
      out.result(
        result,
        `Signed out${session ? ` of sso-session ${session.name}` : ' of every SSO session'}: ${result.tokens.length} token(s) and ${result.credentials.length} cached credential file(s) removed.`,
      );
    });

  registerSync(sso);
}

interface SyncFlags {
  session?: string;
  name?: string;
  prune?: boolean;
  dryRun?: boolean;
  rate?: string;
  concurrency?: string;
}

/** `[#####.....] 350/700 accounts, 3 throttles absorbed`, redrawn in place at most 10 times a second. */
function progressBar(stream: NodeJS.WriteStream): { update: (p: SyncProgress) => void; done: () => void } {
  let last = 0;
  let drawn = false;
  const draw = (p: SyncProgress) => {
    const width = 30;
    const filled = p.accountsTotal ? Math.round((p.accountsDone / p.accountsTotal) * width) : 0;
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    stream.write(
      `\r[${bar}] ${p.accountsDone}/${p.accountsTotal} accounts, ${p.throttles} throttles absorbed`,
    );
    drawn = true;
  };
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < 100 && p.accountsDone < p.accountsTotal) return;
      last = now;
      draw(p);
    },
    done: () => {
      if (drawn) stream.write('\n');
    },
  };
}

export function registerSync(sso: Command): void {
  subcommand(sso, 'sync')
    .description(
      'write one [profile …] per account and role you can use (non-destructive; --prune removes stale ones)',
    )
    .option('--session <name>', 'the sso-session (default: the only one, or the one of --profile)')
    .option(
      '--name <template>',
      'profile name template: {account} {accountId} {role} {session}',
      '{account}/{role}',
    )
    .option('--prune', "remove onramp's profiles of this session whose account or role is gone")
    .option('--dry-run', 'print the diff instead of writing')
    .option('--rate <tps>', 'portal requests per second (the portal throttles above about 20)', '20')
    .option('--concurrency <n>', 'ListAccountRoles calls in flight', '8')
    .action(async (flags: SyncFlags, cmd: Command) => {
      const out = outputFor(cmd);
      const g = globalOptions(cmd);
      const rate = parseNumberFlag('--rate', flags.rate ?? '20', { min: 0.1, max: 10_000 });
      const concurrency = parseNumberFlag('--concurrency', flags.concurrency ?? '8', {
        min: 1,
        max: 256,
        integer: true,
      });
      const ctx = {
        ...userContext(cmd, out),
        rates: { sso: { rate, burst: Math.max(1, Math.min(20, Math.floor(rate))) } },
      };
      const bar = !g.json && process.stderr.isTTY ? progressBar(process.stderr) : undefined;
      let summary: Awaited<ReturnType<typeof syncProfiles>>;
      try {
        summary = await syncProfiles(ctx, {
          session: flags.session,
          profile: g.profile,
          template: flags.name,
          region: g.region,
          prune: flags.prune,
          dryRun: flags.dryRun,
          concurrency,
          onProgress: bar?.update,
        });
      } finally {
        bar?.done();
      }
      const { diff, ...rest } = summary;
      const text = [
        ...(summary.dryRun && diff ? [diff.trimEnd()] : []),
        `${summary.dryRun ? 'Would sync' : 'Synced'} sso-session ${summary.session}: ${summary.accounts} accounts, ${summary.roles} roles → ${summary.added} added, ${summary.updated} updated, ${summary.removed} removed (${summary.configPath})`,
        `${Object.values(summary.calls).reduce((a, b) => a + b, 0)} portal calls, ${summary.throttles} throttles absorbed, ${(summary.wallMs / 1000).toFixed(1)} s`,
      ].join('\n');
      out.result(summary.dryRun ? summary : rest, text);
    });
}
