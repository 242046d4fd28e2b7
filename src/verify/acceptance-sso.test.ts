/**
 * Acceptance: Identity Center failures built by hand in the sandbox, each reported as exactly its
 * catalog code with its evidence and fix.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as idsApi from '@aws-sdk/client-identitystore';
import * as ssoApi from '@aws-sdk/client-sso-admin';
import { useSandbox } from '../sandbox/test-support.js';
import { reprovision, userWithPolicy } from './test-actors.js';
import { signIn } from './test-sign-in.js';
import {
  codesOf,
  disagreements,
  healthyWorld,
  identityCenterYaml,
  loadFixture,
  runVerify,
} from './test-world.js';

describe('verify: Identity Center not enabled (ONR-D001)', () => {
  const sb = useSandbox({ seed: 'fresh' });

  it('reports ONR-D001 with the region and account, and fails every Identity Center path', async () => {
    const blueprint = await loadFixture(identityCenterYaml(['management']), []);
    const r = await runVerify({ sb: sb.current, blueprint });
    assert.deepEqual(codesOf(r), ['ONR-D001']);
    const f = r.findings[0];
    assert.deepEqual(f.evidence, { region: 'us-east-1', callerAccount: sb.current.admin.accountId });
    assert.match(f.fix.summary, /Enable IAM Identity Center/);
    assert.ok(r.paths.filter((p) => p.path.kind === 'sso-assignment').every((p) => p.status === 'failed'));
    assert.equal(r.ok, false);
  });
});

describe('verify: Identity Center failures in an organization', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });

  it("reports ONR-D002 when the caller may not list users (the Fractal 'empty users list')", async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    const everythingButIdentityStore = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotAction: 'identitystore:*', Resource: '*' }],
    };
    const u = await userWithPolicy(sb.current, 'fractal-operator', everythingButIdentityStore);
    const r = await runVerify(w, { creds: u.creds });
    assert.deepEqual(codesOf(r), ['ONR-D002']);
    const f = r.findings.find((x) => x.evidence.action === 'identitystore:ListUsers');
    assert.ok(f, 'the ListUsers denial is reported');
    assert.equal(f.evidence.caller, u.arn);
    assert.match(String(f.evidence.error), /^AccessDeniedException: /);
    assert.match(
      f.fix.commands?.[0] ?? '',
      /^aws iam put-user-policy --user-name fractal-operator .*identitystore:ListUsers/,
    );
    assert.deepEqual(disagreements(r), []);
  });

  it('reports ONR-D003 when a permission set was edited but not re-provisioned', async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    await w.sso.send(
      new ssoApi.UpdatePermissionSetCommand({
        InstanceArn: w.instanceArn,
        PermissionSetArn: w.permissionSetArn('DataScientist'),
        SessionDuration: 'PT8H',
      }),
    );
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D003']);
    const accounts = r.findings.map((f) => f.evidence.accountId).sort();
    assert.deepEqual(accounts, [w.m1, w.m2].sort());
    const f = r.findings[0];
    assert.equal(f.evidence.state, 'outdated');
    assert.equal(f.evidence.permissionSetArn, w.permissionSetArn('DataScientist'));
    assert.equal(
      f.fix.commands?.[0],
      `aws sso-admin provision-permission-set --instance-arn ${w.instanceArn} --permission-set-arn ${w.permissionSetArn('DataScientist')} --target-type AWS_ACCOUNT --target-id ${f.evidence.accountId}`,
    );
    assert.equal(f.fix.onramp, 'onramp apply');
  });

  it("reports ONR-D004 when the permission set's inline policy lacks one account's role (Workbench)", async () => {
    const w = await healthyWorld(sb.current);
    const m1Role = `arn:aws:iam::${w.m1}:role/Workbench-ExecutionRole`;
    const m2Role = `arn:aws:iam::${w.m2}:role/Workbench-ExecutionRole`;
    await w.sso.send(
      new ssoApi.PutInlinePolicyToPermissionSetCommand({
        InstanceArn: w.instanceArn,
        PermissionSetArn: w.permissionSetArn('DataScientist'),
        InlinePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AssumeWorkbenchRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: m1Role },
          ],
        }),
      }),
    );
    await reprovision(w, 'DataScientist');
    const s = await signIn(sb.current, w.identityStoreId, 'alice');
    const r = await runVerify(w, { home: s.home });
    assert.deepEqual(codesOf(r), ['ONR-D004']);
    const f = r.findings[0];
    assert.equal(f.evidence.roleArn, m2Role);
    assert.equal(f.evidence.accountId, w.m2);
    assert.deepEqual(f.evidence.allowedResources, [m1Role]);
    assert.match(
      String(f.evidence.reason),
      /an identity-based policy must also allow sts:AssumeRole; none does/,
    );
    assert.match(f.fix.commands?.[0] ?? '', new RegExp(`put-inline-policy-to-permission-set .*${m2Role}`));
    const path = r.paths.find((p) => p.path.id === `sso-role:sso DataScientist@${w.m2}->${m2Role}`);
    assert.equal(path?.status, 'failed');
    assert.deepEqual(
      path?.live.map((l) => [l.answer, l.offline, l.agrees]),
      [['AccessDenied', 'ImplicitDeny', true]],
      'proven live with alice’s token, and the offline evaluation agrees',
    );
    assert.deepEqual(disagreements(r), []);
  });

  it('reports ONR-D013 when an assignment was removed', async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    const out = await w.sso.send(
      new ssoApi.DeleteAccountAssignmentCommand({
        InstanceArn: w.instanceArn,
        TargetId: w.mgmt,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: w.permissionSetArn('AdministratorAccess'),
        PrincipalType: 'USER',
        PrincipalId: w.userId('alice'),
      }),
    );
    assert.ok(out.AccountAssignmentDeletionStatus?.RequestId);
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D013']);
    const f = r.findings[0];
    assert.equal(f.evidence.principalName, 'alice');
    assert.equal(f.evidence.principalId, w.userId('alice'));
    assert.equal(f.evidence.accountId, w.mgmt);
    assert.match(
      f.fix.commands?.[0] ?? '',
      /^aws sso-admin create-account-assignment .*--principal-type USER/,
    );
  });

  it('reports ONR-D014 with the nearest name when a declared user is missing', async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    await w.ids.send(
      new idsApi.DeleteUserCommand({ IdentityStoreId: w.identityStoreId, UserId: w.userId('alice') }),
    );
    await w.ids.send(
      new idsApi.CreateUserCommand({
        IdentityStoreId: w.identityStoreId,
        UserName: 'alicee',
        DisplayName: 'Alice',
        Name: { GivenName: 'Alice', FamilyName: 'E' },
      }),
    );
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), ['ONR-D014']);
    assert.deepEqual(r.findings[0].evidence, {
      kind: 'Identity Center user',
      name: 'alice',
      nearest: ['alicee'],
    });
    assert.equal(r.findings[0].fix.onramp, 'onramp apply');
  });
});
