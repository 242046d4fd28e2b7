/**
 * Acceptance: what only a live probe can show. A session policy onramp cannot see (offline Allow,
 * live AccessDenied: ONR-D019), a member account whose access role is gone (ONR-D020), and IAM
 * propagation absorbed by probing with backoff on an injected clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iamApi from '@aws-sdk/client-iam';
import { ManualClock } from '../core/clock.js';
import { useSandbox } from '../sandbox/test-support.js';
import { adminRole, deleteRole } from './test-actors.js';
import { assumeAs, codesOf, disagreements, healthyWorld, managementYaml, runVerify } from './test-world.js';

describe('verify: live-only failures', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });

  it("reports ONR-D019 when the caller's session policy (invisible offline) denies what its role allows", async () => {
    let roleArn = '';
    const w = await healthyWorld(sb.current, {
      yaml: managementYaml(),
      prepare: async () => (roleArn = await adminRole(sb.current)),
    });
    const noAssume = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotAction: 'sts:AssumeRole', Resource: '*' }],
    });
    const creds = await assumeAs(sb.current, roleArn, undefined, { Policy: noAssume });
    const r = await runVerify(w, { creds, expectDisagreement: true });
    assert.deepEqual(codesOf(r), ['ONR-D019']);
    const targets = r.findings.map((f) => String(f.evidence.roleArn).split('/').pop()).sort();
    assert.deepEqual(targets, ['ci-runner', 'fractal-cloud-initializer']);
    const f = r.findings[0];
    assert.equal(f.evidence.offline, 'Allow');
    assert.equal(f.evidence.live, 'AccessDenied');
    assert.equal(f.evidence.principal, `arn:aws:sts::${w.mgmt}:assumed-role/Admin/test-admin`);
    assert.equal(disagreements(r).length, 2, 'exactly the two paths the session policy hides');
  });

  it('reports ONR-D020 when a member account’s access role was deleted', async () => {
    const w = await healthyWorld(sb.current);
    const iam = await w.iam(w.m2);
    const trust = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${w.mgmt}:root` }, Action: 'sts:AssumeRole' },
      ],
    };
    await iam.send(
      new iamApi.CreateRoleCommand({
        RoleName: 'BreakGlass',
        AssumeRolePolicyDocument: JSON.stringify(trust),
      }),
    );
    await iam.send(
      new iamApi.AttachRolePolicyCommand({
        RoleName: 'BreakGlass',
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    const breakGlass = await assumeAs(sb.current, `arn:aws:iam::${w.m2}:role/BreakGlass`);
    await deleteRole(
      {
        ...w,
        iam: async () => new iamApi.IAMClient({ ...sb.current.clientConfig(breakGlass), maxAttempts: 1 }),
      },
      w.m2,
      'OrganizationAccountAccessRole',
    );
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D020']);
    const f = r.findings[0];
    assert.equal(f.evidence.accountId, w.m2);
    assert.equal(f.evidence.roleArn, `arn:aws:iam::${w.m2}:role/OrganizationAccountAccessRole`);
    assert.equal(f.evidence.caller, sb.current.admin.arn);
    assert.match(String(f.evidence.error), /^AccessDenied: /);
    const unknown = r.paths.filter((p) => p.status === 'unknown').map((p) => p.target);
    assert.deepEqual(
      unknown,
      [`arn:aws:iam::${w.m2}:role/Workbench-ExecutionRole`],
      'what cannot be read is unknown, not failed',
    );
    assert.deepEqual(disagreements(r), []);
  });
});

describe('verify: IAM propagation', () => {
  const clock = new ManualClock();
  const sb = useSandbox({ seed: 'org', accounts: 1, clock, realism: { propagationDelayMs: 20_000 } });

  it('keeps probing with backoff until a new role is assumable, and agrees with the offline evaluation', async () => {
    const w = await healthyWorld(sb.current, { yaml: managementYaml() });
    const start = clock.now();
    const r = await runVerify(w, { clock, probeTimeoutMs: 60_000 });
    assert.deepEqual(codesOf(r), []);
    const probes = r.paths.flatMap((p) => p.live);
    assert.ok(probes.length >= 2 && probes.every((p) => p.answer === 'Allow'));
    // The first probe waits out the propagation delay; later ones find the roles already visible.
    assert.ok(probes[0].attempts > 1, `retried while IAM propagated (attempts ${probes[0].attempts})`);
    assert.ok(clock.now() - start >= 20_000, 'waited on the injected clock, not in real time');
    assert.deepEqual(disagreements(r), []);
  });

  it('reports ONR-D019 when propagation outlasts the probe time', async () => {
    const w = await healthyWorld(sb.current, { yaml: managementYaml() });
    const r = await runVerify(w, { clock, probeTimeoutMs: 5_000, expectDisagreement: true });
    assert.deepEqual(codesOf(r), ['ONR-D019']);
    assert.ok(r.findings.every((f) => Number(f.evidence.attempts) > 1));
  });
});
