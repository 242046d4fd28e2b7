/**
 * The healthy case: a world built by hand from the fixture blueprint verifies clean, offline and
 * live agree on every request, and the request context carries what AWS's would (org id, tags).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { useSandbox } from '../sandbox/test-support.js';
import { renderReport } from './render.js';
import { signIn } from './test-sign-in.js';
import { codesOf, disagreements, healthyWorld, managementYaml, runVerify } from './test-world.js';

describe('onramp verify on a healthy world', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });

  it('verifies every path clean without a token, saying what was not proven live', async () => {
    const w = await healthyWorld(sb.current);
    const r = await runVerify(w);
    assert.deepEqual(codesOf(r), []);
    assert.equal(r.ok, true);
    assert.deepEqual(r.summary, { paths: 11, ok: 11, failed: 0, unknown: 0, findings: 0 });
    const kinds = [...new Set(r.paths.map((p) => p.path.kind))].sort();
    assert.deepEqual(kinds, [
      'access-role',
      'account',
      'caller',
      'specific-role',
      'sso-assignment',
      'sso-role',
      'third-party',
    ]);
    for (const p of r.paths.filter((x) => x.path.kind.startsWith('sso'))) {
      assert.ok(
        p.notes.some((n) => n.startsWith('not proven live: no token')),
        p.path.id,
      );
    }
    const assignment = r.paths.find((p) => p.path.kind === 'sso-assignment');
    assert.deepEqual(assignment?.config.slice(-2), [
      'assignment exists',
      'provisioned at the latest revision',
    ]);
    const caller = r.paths.find((p) => p.path.kind === 'caller');
    assert.deepEqual(
      caller?.live.map((l) => [l.answer, l.offline, l.agrees]),
      [['Allow', 'Allow', true]],
    );
    assert.deepEqual(disagreements(r), []);
    const text = renderReport(r);
    assert.match(text, /\n11 paths: 11 ok, 0 failed, 0 unknown; 0 findings$/);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
  });

  it('proves the SSO paths live with a cached token, agreeing with the offline evaluation', async () => {
    const w = await healthyWorld(sb.current);
    const s = await signIn(sb.current, w.identityStoreId, 'alice');
    const r = await runVerify(w, { home: s.home });
    assert.deepEqual(codesOf(r), []);
    const sso = r.paths.filter((p) => p.path.kind.startsWith('sso'));
    assert.equal(sso.length, 5);
    for (const p of sso)
      assert.deepEqual(
        p.live.map((l) => l.answer),
        ['Allow'],
        p.path.id,
      );
    const role = sso.find((p) => p.path.kind === 'sso-role');
    assert.match(
      role?.live[0].request ?? '',
      /assumed-role\/AWSReservedSSO_DataScientist_[0-9a-f]{16}\/alice$/,
    );
    assert.equal(role?.live[0].agrees, true);
    assert.deepEqual(disagreements(r), []);
  });

  it('checks configuration and policies only with live: false', async () => {
    const w = await healthyWorld(sb.current);
    const r = await runVerify(w, { live: false });
    assert.deepEqual(codesOf(r), []);
    assert.ok(r.paths.every((p) => p.live.length === 0));
    assert.ok(r.paths.filter((p) => p.path.kind !== 'sso-assignment').every((p) => p.offline.length > 0));
  });

  it('evaluates aws:PrincipalOrgID as AWS does: the right org allows, a wrong one denies, live agrees', async () => {
    let orgId = '';
    const readOrgId = async () => {
      const org = new OrganizationsClient(sb.current.clientConfig());
      orgId = (await org.send(new DescribeOrganizationCommand({}))).Organization?.Id ?? '';
      org.destroy();
      return undefined;
    };
    const withOrg = (id: string) =>
      `${managementYaml()}        org-only:
          trust:
            policy:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Principal: { AWS: "\${accounts.management.id}" }
                  Action: sts:AssumeRole
                  Condition: { StringEquals: { "aws:PrincipalOrgID": "${id}" } }
`;
    const good = await healthyWorld(sb.current, { prepare: readOrgId, yaml: () => withOrg(orgId) });
    const ok = await runVerify(good);
    assert.deepEqual(codesOf(ok), []);
    const path = ok.paths.find((p) => p.target.endsWith('role/org-only'));
    assert.deepEqual(
      path?.live.map((l) => [l.answer, l.agrees]),
      [['Allow', true]],
    );

    const bad = await healthyWorld(sb.current, { yaml: withOrg('o-0000000000') });
    const denied = await runVerify(bad);
    assert.deepEqual(codesOf(denied), ['ONR-D015']);
    const p2 = denied.paths.find((p) => p.target.endsWith('role/org-only'));
    assert.deepEqual(
      p2?.live.map((l) => [l.answer, l.offline, l.agrees]),
      [['AccessDenied', 'ImplicitDeny', true]],
    );
  });
});
