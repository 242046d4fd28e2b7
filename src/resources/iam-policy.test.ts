import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IAMClient, ListPolicyVersionsCommand } from '@aws-sdk/client-iam';
import { blueprintOf } from '../engine/test-engine.js';
import { useSandbox } from '../sandbox/test-support.js';
import { policyArn, policyCase, policyYaml } from './test-cases.js';
import { applyOn, lifecycle, opsOn, type Rig } from './test-lifecycle.js';

const sb = useSandbox({ seed: 'org', accounts: 1 });
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });

describe('AWS::IAM::ManagedPolicy (sandbox)', () => {
  lifecycle(rig, policyCase);

  it('keeps at most five versions: at the limit the oldest non-default one goes first', async () => {
    const actions = [
      's3:Get*',
      's3:List*',
      'ec2:Describe*',
      'sqs:Get*',
      'sns:Get*',
      'kms:Describe*',
      'iam:Get*',
    ];
    for (const action of actions) await applyOn(rig(), blueprintOf(policyYaml({ action })));
    const iam = new IAMClient(rig().config());
    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: await policyArn(rig()) })))
      .Versions;
    assert.equal(versions?.length, 5);
    assert.deepEqual(await opsOn(rig(), blueprintOf(policyYaml({ action: 'iam:Get*' }))), []);
  });

  it('replaces the policy when its description changes (IAM cannot update it), attached where it was', async () => {
    const ops = await opsOn(
      rig(),
      blueprintOf(policyYaml({ action: 'iam:Get*', description: 'reads more' })),
    );
    assert.deepEqual(ops, ['replace iam/main/policy/Read']);
  });
});
