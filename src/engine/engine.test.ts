import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClients } from '../aws/clients.js';
import { useSandbox } from '../sandbox/test-support.js';
import { applyPlan } from './apply-plan.js';
import { planBlueprint } from './plan-blueprint.js';
import { apply, blueprintOf, changes, FAST_WAITS, plan } from './test-engine.js';

// New and changed trusts take 300 ms to become assumable.
const sb = useSandbox({ seed: 'org', accounts: 1, realism: { propagationDelayMs: 300 } });

const fractal = (name = 'fractal') =>
  blueprintOf(`
version: 1
name: ${name}
accounts:
  main:
    id: \${caller.account}
    iam:
      roles:
        initializer:
          path: /onramp/
          trust: { caller: true }
          managedPolicies: [AdministratorAccess]
`);

describe('engine', () => {
  it('resolves caller.arn to the role a session belongs to, never the session', async () => {
    const member = Object.values(sb.current.world.organizations.accounts).find(
      (a) => a.Name === 'member-001',
    )?.Id;
    const sts = new STSClient(sb.current.clientConfig());
    const session = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'alice',
      }),
    );
    const c = session.Credentials;
    const aws = new AwsClients(
      {
        endpointUrl: sb.current.url,
        region: 'us-east-1',
        credentials: {
          accessKeyId: c?.AccessKeyId ?? '',
          secretAccessKey: c?.SecretAccessKey ?? '',
          sessionToken: c?.SessionToken,
        },
      },
      { limiter: false },
    );
    const p = await planBlueprint(fractal(), aws);
    assert.equal(p.caller.stableArn, `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`);
    const trust = JSON.stringify(p.desired[0].props);
    assert.ok(trust.includes(`"arn:aws:iam::${member}:role/OrganizationAccountAccessRole"`));
    assert.doesNotMatch(trust, /assumed-role/);
  });

  it('waits until a role trusting the caller can really be assumed, when asked to', async () => {
    const p = await plan(sb.current, fractal());
    sb.current.resetCalls();
    const result = await applyPlan(p, { waits: FAST_WAITS, waitAssumable: true });
    assert.equal(result.ok, true);
    const probes = sb.current.calls().sts?.AssumeRole ?? 0;
    assert.ok(probes >= 2, `${probes} AssumeRole probes: the first ones meet IAM's propagation delay`);
    const sts = new STSClient(sb.current.clientConfig());
    const role = `arn:aws:iam::${sb.current.admin.accountId}:role/onramp/initializer`;
    await sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'check' }));
  });

  it('refuses to apply a plan with problems: another blueprint owns the role', async () => {
    const p = await plan(sb.current, fractal('intruder'));
    assert.equal(p.plan.problems[0]?.code, 'ONR-E160');
    assert.match(p.plan.problems[0]?.message ?? '', /owned by blueprint fractal/);
    await assert.rejects(applyPlan(p), /ONR-E160|problem/);
  });

  it('a second apply is a no-op', async () => {
    await apply(sb.current, fractal());
    assert.deepEqual(changes(await plan(sb.current, fractal())), []);
  });
});
