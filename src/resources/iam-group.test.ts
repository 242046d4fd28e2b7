import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CreateGroupCommand, GetGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import { blueprintOf } from '../engine/test-engine.js';
import { useSandbox } from '../sandbox/test-support.js';
import { createIamUsers, deleteIamGroup, iamGroupCase, iamGroupYaml } from './test-cases.js';
import { applyOn, lifecycle, opsOn, planOn, type Rig } from './test-lifecycle.js';

const sb = useSandbox({ seed: 'org', accounts: 1 });
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });

describe('AWS::IAM::Group and its members (sandbox)', () => {
  before(() => createIamUsers(rig(), ['alice', 'bob']));
  lifecycle(rig, iamGroupCase);

  it('keeps the members when the group is replaced (new path)', async () => {
    await applyOn(rig(), blueprintOf(iamGroupYaml(1)));
    await applyOn(rig(), blueprintOf(iamGroupYaml(3)));
    const g = await new IAMClient(rig().config()).send(new GetGroupCommand({ GroupName: 'ops' }));
    assert.equal(g.Group?.Path, '/ops/');
    assert.deepEqual(g.Users?.map((u) => u.UserName).sort(), ['alice', 'bob']);
  });

  it('manages the members: removes one, then all of them', async () => {
    await applyOn(rig(), blueprintOf(iamGroupYaml(1)));
    const one = blueprintOf(iamGroupYaml(1, '[alice]'));
    assert.deepEqual(await opsOn(rig(), one), ['update iam/main/group/ops/users']);
    await applyOn(rig(), one);
    const none = blueprintOf(iamGroupYaml(1, '[]'));
    assert.deepEqual(await opsOn(rig(), none), ['delete iam/main/group/ops/users']);
    await applyOn(rig(), none);
    const g = await new IAMClient(rig().config()).send(new GetGroupCommand({ GroupName: 'ops' }));
    assert.deepEqual(g.Users, []);
  });

  it('marks ownership with an inline policy that grants nothing', async () => {
    const p = await planOn(rig(), blueprintOf(iamGroupYaml(1, '[]')));
    assert.equal(p.observed.find((o) => o.key === 'iam/main/group/ops')?.owner, 'groups');
  });

  it('claims an empty unowned group, as an apply killed after CreateGroup leaves it', async () => {
    await deleteIamGroup(rig(), 'ops');
    await new IAMClient(rig().config()).send(new CreateGroupCommand({ GroupName: 'ops' }));
    const p = await planOn(rig(), blueprintOf(iamGroupYaml(1)));
    assert.deepEqual(p.plan.problems, []);
    const a = p.plan.actions.find((x) => x.key === 'iam/main/group/ops');
    assert.equal(a?.op, 'update');
    assert.match(a?.reasons[0] ?? '', /claimed/);
  });
});
