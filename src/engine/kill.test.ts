/**
 * Resumable without a state file: `onramp apply` of a 58-resource blueprint, run as a child process
 * against the sandbox and SIGKILLed at 10 points (after N calls, watching the sandbox's counter),
 * then run again: every run converges — the final plan is empty, and counting in the sandbox's
 * world finds no duplicate and no orphan. Assignments complete 20 ms after they are asked for, so
 * kills land while requests are outstanding. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN } from '../cli/test-run-cli.js';
import { isEmptyPlan } from '../plan/diff.js';
import { readUserType } from '../resources/markers.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { useSandbox } from '../sandbox/test-support.js';
import { blueprintOf, plan } from './test-engine.js';

const sb = useSandbox({
  seed: 'org',
  accounts: 1,
  realism: {
    latencyMs: {
      createAccountAssignment: 20,
      deleteAccountAssignment: 20,
      provisionPermissionSet: 20,
      createAccount: 0,
    },
  },
});

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
const doc = (a: string) =>
  `{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "${a}", Resource: "*" }] }`;

function yaml(member: string): string {
  return `
version: 1
name: kill
accounts:
  main:
    id: \${caller.account}
    iam:
      policies:
${range(5, (i) => `        p${i}: { document: ${doc(`s3:Get${i}*`)} }`)}
      roles:
${range(8, (i) => `        r${i}: { trust: { account: "\${caller.account}" }, managedPolicies: [p${i % 5}, ReadOnlyAccess], tags: { n: "${i}" } }`)}
      groups:
        g0: { managedPolicies: [p0], members: [onramp-admin] }
        g1: { managedPolicies: [p1] }
  m1:
    id: "${member}"
    iam:
      roles:
${range(2, (i) => `        x${i}: { trust: { account: "\${caller.account}" }, managedPolicies: [ReadOnlyAccess] }`)}
identityCenter:
  users:
${range(10, (i) => `    u${i}: { displayName: User ${i}, givenName: U, familyName: "${i}" }`)}
  groups:
${range(4, (i) => `    G${i}: { members: [${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((u) => u % 4 === i).map((u) => `u${u}`)}] }`)}
  permissionSets:
${range(4, (i) => `    P${i}: { managedPolicies: [ReadOnlyAccess] }`)}
  assignments:
${range(4, (i) => `    - { principal: { group: G${i} }, permissionSet: P${i}, accounts: [main, m1] }`)}
${range(4, (i) => `    - { principal: { user: u${i} }, permissionSet: P0, accounts: [m1] }`)}
`;
}

const total = (s: Sandbox) =>
  Object.values(s.calls()).reduce((n, ops) => n + Object.values(ops).reduce((a, b) => a + b, 0), 0);

/** Runs apply; kills it with SIGKILL once the sandbox has counted `killAt` calls. */
function runApply(
  file: string,
  killAt?: number,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  const s = sb.current;
  const child = spawn(process.execPath, [BIN, 'apply', file, '--yes', '--endpoint-url', s.url], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: s.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s.admin.secretAccessKey,
      AWS_REGION: s.region,
      ONRAMP_POLL_INTERVAL_MS: '20',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const watch =
    killAt === undefined
      ? undefined
      : setInterval(() => {
          if (total(s) >= killAt) child.kill('SIGKILL');
        }, 1);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      if (watch) clearInterval(watch);
      resolve({ code, signal, out });
    });
  });
}

/** What the blueprint owns in the world, by kind: names sorted (duplicates would show twice). */
function census(s: Sandbox, member: string): Record<string, string[]> {
  const w = s.world;
  const owned = (tags: { Key: string; Value: string }[] | undefined) =>
    (tags ?? []).some((t) => t.Key === 'onramp:blueprint' && t.Value === 'kill');
  const iam = w.accounts[s.admin.accountId].iam;
  const sorted = (xs: string[]) => [...xs].sort();
  const sets = Object.values(w.ssoAdmin.permissionSets).filter((p) => owned(p.Tags));
  const arns = new Set(sets.map((p) => p.PermissionSetArn));
  const groups = Object.values(w.identityStore.groups);
  return {
    roles: sorted(
      Object.values(iam.roles)
        .filter((r) => owned(r.Tags))
        .map((r) => r.RoleName),
    ),
    memberRoles: sorted(
      Object.values(w.accounts[member].iam.roles)
        .filter((r) => owned(r.Tags))
        .map((r) => r.RoleName),
    ),
    policies: sorted(
      Object.values(iam.policies)
        .filter((p) => owned(p.Tags))
        .map((p) => p.PolicyName),
    ),
    groups: sorted(
      Object.values(iam.groups)
        .filter((g) => 'onramp-owner' in g.InlinePolicies)
        .map((g) => g.GroupName),
    ),
    users: sorted(
      Object.values(w.identityStore.users)
        .filter((u) => readUserType(u.Attributes?.UserType as string | undefined).owner === 'kill')
        .map((u) => u.UserName),
    ),
    idGroups: sorted(
      groups.filter((g) => g.Description?.endsWith('[onramp:kill]')).map((g) => g.DisplayName),
    ),
    memberships: sorted(
      Object.values(w.identityStore.memberships).map((m) => `${m.GroupId}|${m.MemberId.UserId}`),
    ),
    permissionSets: sorted(sets.map((p) => p.Name)),
    assignments: sorted(
      Object.values(w.ssoAdmin.assignments)
        .filter((a) => arns.has(a.PermissionSetArn))
        .map((a) => `${a.PermissionSetArn}|${a.AccountId}|${a.PrincipalId}`),
    ),
  };
}

const names = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`).sort();

describe('apply killed at any point converges when run again', () => {
  it('survives SIGKILL at 10 points: final plan empty, no duplicates, no orphans', {
    timeout: 600_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onramp-kill-'));
    /** A fresh world (new account ids), and the blueprint written for it. */
    const fresh = () => {
      sb.current.reset();
      const member =
        Object.values(sb.current.world.organizations.accounts).find((a) => a.Name === 'member-001')?.Id ?? '';
      const file = join(dir, 'kill.yaml');
      writeFileSync(file, yaml(member));
      return { file, member, bp: blueprintOf(yaml(member)) };
    };
    let run = fresh();
    const resources = (await plan(sb.current, run.bp)).plan.actions.length;
    assert.ok(resources >= 50, `only ${resources} resources`);

    run = fresh();
    const full = await runApply(run.file);
    assert.equal(full.code, 0, full.out);
    const calls = total(sb.current);
    const expected = census(sb.current, run.member);
    assert.deepEqual(expected.roles, names('r', 8));
    assert.deepEqual(expected.users, names('u', 10));
    assert.deepEqual(expected.idGroups, names('G', 4));
    assert.equal(expected.memberships.length, 10);
    assert.equal(expected.assignments.length, 12);
    const shape = (c: Record<string, string[]>) => ({
      ...c,
      memberships: c.memberships.length,
      assignments: c.assignments.length,
    });

    const report: string[] = [];
    for (let i = 0; i < 10; i++) {
      run = fresh();
      const killAt = Math.max(1, Math.round((calls * (i + 0.5)) / 10));
      const killed = await runApply(run.file, killAt);
      const at = total(sb.current);
      const again = await runApply(run.file);
      assert.equal(again.code, 0, `kill point ${i} (${killAt} calls): ${again.out}`);
      const p = await plan(sb.current, run.bp);
      const left = p.plan.actions.filter((a) => a.op !== 'noop').map((a) => a.key);
      assert.ok(isEmptyPlan(p.plan), `kill point ${i}: plan not empty: ${left}`);
      assert.deepEqual(shape(census(sb.current, run.member)), shape(expected), `kill point ${i}`);
      report.push(
        `${killAt}→${at}${killed.signal === 'SIGKILL' ? '' : ` (${killed.signal ?? killed.code})`}`,
      );
    }
    console.log(
      `kill test: ${resources} resources, full apply ${calls} calls; killed after (target→seen) ${report.join(', ')}`,
    );
  });
});
