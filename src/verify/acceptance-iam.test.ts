/**
 * Acceptance: IAM role and trust failures built by hand in the sandbox, each reported as exactly
 * its catalog code with its evidence and fix; offline and live answers agree on every path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iamApi from '@aws-sdk/client-iam';
import { useSandbox } from '../sandbox/test-support.js';
import { adminRole, deleteRole, setTrust, userWithPolicy } from './test-actors.js';
import {
  assumeAs,
  codesOf,
  disagreements,
  healthyWorld,
  managementYaml,
  runVerify,
  VENDOR,
} from './test-world.js';

const assume = (principal: unknown, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...extra }],
});

describe('verify: IAM roles and trust policies', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });

  it('reports ONR-D005 for a trust naming the caller’s session ARN (Fractal step 2), though it works today', async () => {
    let roleArn = '';
    const w = await healthyWorld(sb.current, {
      yaml: managementYaml(),
      prepare: async () => (roleArn = await adminRole(sb.current)),
    });
    const creds = await assumeAs(sb.current, roleArn);
    const sessionArn = `arn:aws:sts::${w.mgmt}:assumed-role/Admin/test-admin`;
    await setTrust(w, w.mgmt, 'fractal-cloud-initializer', assume(sessionArn));
    const r = await runVerify(w, { creds });
    assert.deepEqual(codesOf(r), ['ONR-D005']);
    const f = r.findings[0];
    assert.deepEqual(f.evidence, {
      roleArn: `arn:aws:iam::${w.mgmt}:role/fractal-cloud-initializer`,
      statement: `statement #1 in trust policy of arn:aws:iam::${w.mgmt}:role/fractal-cloud-initializer`,
      sessionArn,
      sessionRoleArn: `arn:aws:iam::${w.mgmt}:role/Admin`,
    });
    assert.match(
      f.fix.commands?.[0] ?? '',
      /update-assume-role-policy --role-name fractal-cloud-initializer .*role\/Admin"/,
    );
    const path = r.paths.find((p) => p.target.endsWith('role/fractal-cloud-initializer'));
    assert.deepEqual(
      path?.live.map((l) => l.answer),
      ['Allow'],
      'the session still matches today',
    );
    assert.deepEqual(disagreements(r), []);
  });

  it('reports ONR-D006 with the nearest role name when the role was deployed under another name', async () => {
    const w = await healthyWorld(sb.current);
    const iam = await w.iam(w.m2);
    const role = await iam.send(new iamApi.GetRoleCommand({ RoleName: 'Workbench-ExecutionRole' }));
    await deleteRole(w, w.m2, 'Workbench-ExecutionRole');
    await iam.send(
      new iamApi.CreateRoleCommand({
        RoleName: 'Workbench-ExecRole',
        AssumeRolePolicyDocument: decodeURIComponent(role.Role!.AssumeRolePolicyDocument!),
      }),
    );
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D006']);
    assert.deepEqual(r.findings[0].evidence, {
      roleArn: `arn:aws:iam::${w.m2}:role/Workbench-ExecutionRole`,
      accountId: w.m2,
      reason: 'name',
      nearest: ['Workbench-ExecRole'],
    });
    assert.match(r.findings[0].fix.summary, /refer to the existing Workbench-ExecRole/);
    assert.deepEqual(disagreements(r), []);
  });

  it('reports ONR-D006 with the existing ARN when the role has another path', async () => {
    const w = await healthyWorld(sb.current);
    const iam = await w.iam(w.m1);
    await iam.send(
      new iamApi.DetachRolePolicyCommand({
        RoleName: 'OrchesteraAccessRole',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    await iam.send(new iamApi.DeleteRoleCommand({ RoleName: 'OrchesteraAccessRole' }));
    await iam.send(
      new iamApi.CreateRoleCommand({
        RoleName: 'OrchesteraAccessRole',
        Path: '/vendors/',
        AssumeRolePolicyDocument: JSON.stringify(assume(`arn:aws:iam::${VENDOR}:root`)),
      }),
    );
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D006']);
    assert.equal(r.findings[0].evidence.reason, 'path');
    assert.equal(
      r.findings[0].evidence.existingArn,
      `arn:aws:iam::${w.m1}:role/vendors/OrchesteraAccessRole`,
    );
  });

  it('reports ONR-D007 when the vendor role does not require its ExternalId (Orchestera)', async () => {
    const w = await healthyWorld(sb.current);
    await setTrust(w, w.m1, 'OrchesteraAccessRole', assume(`arn:aws:iam::${VENDOR}:root`));
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D007']);
    const f = r.findings[0];
    assert.deepEqual(f.evidence, {
      roleArn: `arn:aws:iam::${w.m1}:role/OrchesteraAccessRole`,
      vendorAccount: VENDOR,
      allowedWithout: ['no ExternalId', 'a wrong ExternalId'],
      statement: `statement #1 in trust policy of arn:aws:iam::${w.m1}:role/OrchesteraAccessRole`,
    });
    assert.match(f.fix.commands?.[0] ?? '', /"sts:ExternalId":"<external-id>"/);
    const path = r.paths.find((p) => p.path.kind === 'third-party');
    assert.deepEqual(
      path?.live.map((l) => [l.externalId, l.answer, l.agrees]),
      [
        ['none', 'AccessDenied', true],
        ['wrong', 'AccessDenied', true],
      ],
      'the caller (not the vendor) still cannot assume it, and offline agrees',
    );
  });

  it('keeps a healthy vendor role clean: declared ExternalId allowed, none and wrong denied', async () => {
    const w = await healthyWorld(sb.current);
    const r = await runVerify(w);
    const path = r.paths.find((p) => p.path.kind === 'third-party');
    assert.deepEqual(
      path?.offline.map((o) => [o.request, o.decision.decision]),
      [
        [`vendor ${VENDOR} with the declared ExternalId`, 'Allow'],
        [`vendor ${VENDOR} without an ExternalId`, 'ImplicitDeny'],
        [`vendor ${VENDOR} with a wrong ExternalId`, 'ImplicitDeny'],
        ['as the caller with no ExternalId', 'ImplicitDeny'],
        ['as the caller with a wrong ExternalId', 'ImplicitDeny'],
      ],
    );
    assert.equal(path?.status, 'ok');
  });

  it('proves the declared ExternalId live too when run from the vendor’s own account (a rehearsal)', async () => {
    const yaml = `version: 1
name: rehearsal
params:
  m1: {}
  mgmt: {}
  externalId: { secret: true }
accounts:
  m1:
    id: \${params.m1}
    iam:
      roles:
        vendor-rehearsal:
          trust: { thirdParty: { account: "\${params.mgmt}", externalId: "\${params.externalId}" } }
`;
    const w = await healthyWorld(sb.current, { yaml });
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), []);
    const path = r.paths.find((p) => p.path.kind === 'third-party');
    assert.deepEqual(
      path?.live.map((l) => [l.externalId, l.answer, l.agrees]),
      [
        ['declared', 'Allow', true],
        ['none', 'AccessDenied', true],
        ['wrong', 'AccessDenied', true],
      ],
    );
    assert.ok(!path?.notes.some((n) => n.includes('not provable live')));
  });

  it("reports ONR-D008 when the caller's policies do not allow sts:AssumeRole", async () => {
    let reader = { arn: '', creds: { accessKeyId: '', secretAccessKey: '' } };
    const w = await healthyWorld(sb.current, {
      yaml: managementYaml(),
      prepare: async () => {
        const noAssume = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', NotAction: 'sts:AssumeRole', Resource: '*' }],
        };
        reader = await userWithPolicy(sb.current, 'reader', noAssume);
        return reader.arn;
      },
    });
    const r = await runVerify(w, { creds: reader.creds });
    assert.deepEqual(codesOf(r), ['ONR-D008']);
    const f = r.findings[0];
    assert.equal(f.evidence.principal, reader.arn);
    assert.equal(f.evidence.roleArn, `arn:aws:iam::${w.mgmt}:role/ci-runner`);
    assert.deepEqual(f.evidence.evaluated, ['user/reader inline policy access']);
    assert.match(
      f.fix.commands?.[0] ?? '',
      /^aws iam put-user-policy --user-name reader .*"Action":"sts:AssumeRole"/,
    );
    assert.deepEqual(disagreements(r), []);
  });

  it('reports ONR-D015 when a role no longer trusts the principal the blueprint names', async () => {
    const w = await healthyWorld(sb.current, { yaml: managementYaml() });
    const other = `arn:aws:iam::${w.mgmt}:role/fractal-cloud-initializer`;
    await setTrust(w, w.mgmt, 'ci-deployer', assume(other));
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D015']);
    const f = r.findings[0];
    assert.deepEqual(f.evidence.trusted, [other]);
    assert.match(String(f.evidence.principal), /assumed-role\/ci-runner\/onramp-verify$/);
    const path = r.paths.find((p) => p.target.endsWith('role/ci-deployer'));
    assert.deepEqual(
      path?.live.map((l) => [l.answer, l.agrees]),
      [['AccessDenied', true]],
    );
  });

  it('reports ONR-D016 for an explicit Deny in the trust policy', async () => {
    const w = await healthyWorld(sb.current, { yaml: managementYaml() });
    const runner = `arn:aws:iam::${w.mgmt}:role/ci-runner`;
    await setTrust(w, w.mgmt, 'ci-deployer', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: runner }, Action: 'sts:AssumeRole' },
        { Sid: 'NoRunners', Effect: 'Deny', Principal: { AWS: runner }, Action: 'sts:AssumeRole' },
      ],
    });
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D016']);
    assert.equal(
      r.findings[0].evidence.statement,
      `statement 'NoRunners' in trust policy of arn:aws:iam::${w.mgmt}:role/ci-deployer`,
    );
    assert.deepEqual(disagreements(r), []);
  });

  it("reports ONR-D017 when the principal's permissions boundary does not allow sts:AssumeRole", async () => {
    const w = await healthyWorld(sb.current, { yaml: managementYaml() });
    const iam = await w.iam(w.mgmt);
    await iam.send(
      new iamApi.PutRolePermissionsBoundaryCommand({
        RoleName: 'ci-runner',
        PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      }),
    );
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D017']);
    assert.equal(r.findings[0].evidence.stage, 'boundary');
    assert.equal(r.findings[0].subject, `role arn:aws:iam::${w.mgmt}:role/ci-runner`);
    const path = r.paths.find((p) => p.target.endsWith('role/ci-deployer'));
    assert.deepEqual(
      path?.live.map((l) => [l.answer, l.agrees]),
      [['AccessDenied', true]],
    );
  });

  it('reports ONR-D018 (and nothing else) when a declared managed policy was detached', async () => {
    const w = await healthyWorld(sb.current, { yaml: managementYaml() });
    const iam = await w.iam(w.mgmt);
    await iam.send(
      new iamApi.DetachRolePolicyCommand({
        RoleName: 'ci-deployer',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D018']);
    assert.deepEqual(r.findings[0].evidence.differences, [
      'managed policy arn:aws:iam::aws:policy/ReadOnlyAccess is not attached',
    ]);
    assert.ok(
      r.paths.every((p) => p.status === 'ok'),
      'access itself still works',
    );
    assert.equal(r.ok, false);
  });
});
