/**
 * Test helpers for the user-side commands: a throwaway HOME, the built CLI run inside it, and a
 * large Identity Center world built in-process, peers (python3, aws) run without blocking the
 * in-process sandbox. Excluded from the build (test-*.ts).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { promisify } from 'node:util';
import { CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { CreatePermissionSetCommand, ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { type CliResult, runCli } from '../cli/test-run-cli.js';
import { autoApprovedDeviceSignIn } from '../sandbox/device-sign-in.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { assignmentKey } from '../sandbox/services/sso-admin/model.js';
import { provisionInto } from '../sandbox/services/sso-admin/provisioning.js';

export interface TempHome {
  home: string;
  /** HOME plus everything a child needs to stay inside it and off the network. */
  env: Record<string, string>;
  path(...parts: string[]): string;
  read(...parts: string[]): string;
  /** The built CLI with this HOME (and the sandbox endpoint when given). */
  cli(args: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  cleanup(): void;
}

export function tempHome(endpoint?: () => string): TempHome {
  const home = mkdtempSync(join(tmpdir(), 'onramp-user-'));
  const env: Record<string, string> = { HOME: home, AWS_EC2_METADATA_DISABLED: 'true' };
  return {
    home,
    env,
    path: (...parts) => join(home, ...parts),
    read: (...parts) => readFileSync(join(home, ...parts), 'utf8'),
    cli: (args, extraEnv = {}) =>
      runCli(args, { env: { ...env, ...(endpoint ? { AWS_ENDPOINT_URL: endpoint() } : {}), ...extraEnv } }),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** Portal calls the sandbox has answered, by operation. */
export function portalCalls(sb: Sandbox): Record<string, number> {
  return sb.calls()['sso-portal'] ?? {};
}

/** Every call the sandbox has answered, over all services. */
export function totalCalls(sb: Sandbox): number {
  return Object.values(sb.calls()).reduce((n, ops) => n + Object.values(ops).reduce((a, b) => a + b, 0), 0);
}

/**
 * One user assigned `roles` permission sets in every member account, provisioned: the user, the
 * permission sets and the instance through the SDK, the account × role assignments written into
 * the world through sso-admin's own provisioning (the API path would take minutes at 700 accounts).
 */
export async function seedWideOrg(
  sb: Sandbox,
  opts: { userName: string; roles: string[] },
): Promise<{ startUrl: string; accounts: string[]; assignments: number }> {
  const config = sb.clientConfig();
  const admin = new SSOAdminClient(config);
  const ids = new IdentitystoreClient(config);
  try {
    const instance = (await admin.send(new ListInstancesCommand({}))).Instances?.[0];
    if (!instance?.InstanceArn || !instance.IdentityStoreId) throw new Error("seedWideOrg needs seed: 'org'");
    const { UserId } = await ids.send(
      new CreateUserCommand({
        IdentityStoreId: instance.IdentityStoreId,
        UserName: opts.userName,
        DisplayName: opts.userName,
        Name: { GivenName: opts.userName, FamilyName: 'Test' },
      }),
    );
    const sets = [];
    for (const Name of opts.roles) {
      const out = await admin.send(
        new CreatePermissionSetCommand({ InstanceArn: instance.InstanceArn, Name, SessionDuration: 'PT1H' }),
      );
      sets.push(sb.world.ssoAdmin.permissionSets[out.PermissionSet?.PermissionSetArn ?? '']);
    }
    const accounts = Object.keys(sb.world.accounts)
      .filter((id) => id !== sb.admin.accountId)
      .sort();
    let assignments = 0;
    for (const accountId of accounts) {
      for (const ps of sets) {
        const a = {
          InstanceArn: instance.InstanceArn,
          AccountId: accountId,
          PermissionSetArn: ps.PermissionSetArn,
          PrincipalType: 'USER' as const,
          PrincipalId: UserId ?? '',
        };
        sb.world.ssoAdmin.assignments[assignmentKey(a)] = a;
        const made = provisionInto(sb.context, ps, accountId);
        if (!made.ok) throw new Error(made.reason);
        assignments++;
      }
    }
    return { startUrl: `https://${instance.IdentityStoreId}.awsapps.com/start`, accounts, assignments };
  } finally {
    admin.destroy();
    ids.destroy();
  }
}

// Asynchronous on purpose: the sandbox runs in this process and must keep answering.
export const runAsync = (file: string, args: string[], env: Record<string, string>) =>
  promisify(execFile)(file, args, { env, encoding: 'utf8', timeout: 120_000 }).then(
    (r) => ({ status: 0, stdout: r.stdout, stderr: r.stderr, missing: false }),
    (e: NodeJS.ErrnoException & { code?: unknown; stdout?: string; stderr?: string }) => ({
      status: typeof e.code === 'number' ? e.code : 1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? String(e),
      missing: e.code === 'ENOENT',
    }),
  );

/** A device-code sign-in as botocore would do it; the sandbox approves it as alice when issued. */
export function autoApprovedSignIn(endpoint: string, startUrl: string) {
  return autoApprovedDeviceSignIn(endpoint, 'us-east-1', startUrl, 'botocore-client-corp');
}

/** Skips without the peer tool, except on CI where it is required. */
export function needPeer(t: TestContext, ok: boolean, what: string): boolean {
  if (ok) return true;
  if (process.env.CI === 'true') assert.fail(`${what} is required on CI`);
  t.skip(`${what} is not installed`);
  return false;
}
