import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateGroupMembershipCommand,
  DeleteGroupMembershipCommand,
  DescribeGroupCommand,
  GetGroupMembershipIdCommand,
  IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import { blueprintOf } from '../engine/test-engine.js';
import { useSandbox } from '../sandbox/test-support.js';
import { idGroupCase, idGroupYaml } from './test-cases.js';
import { groupIdOf, instanceOf, userIdOf } from './test-ic.js';
import { applyOn, lifecycle, opsOn, type Rig } from './test-lifecycle.js';

const yaml = idGroupYaml;

const groupCase = {
  ...idGroupCase,
  afterUpdate: async (rig: Rig) => {
    const { IdentityStoreId } = await instanceOf(rig);
    const GroupId = await groupIdOf(rig, 'DataScientists');
    const g = await new IdentitystoreClient(rig.config()).send(
      new DescribeGroupCommand({ IdentityStoreId, GroupId }),
    );
    assert.equal(g.Description, 'People who run Workbench [onramp:idgroups]');
  },
};

const membershipKey = 'identitystore/group/DataScientists/member/alice';

const sb = useSandbox({ seed: 'org', accounts: 1 });
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });

describe('AWS::IdentityStore::Group (sandbox)', () => {
  lifecycle(rig, groupCase);
});

describe('AWS::IdentityStore::GroupMembership (sandbox)', () => {
  lifecycle(rig, {
    key: membershipKey,
    update: false,
    replace: false,
    yaml: (v) => yaml(v),
    disappear: async (r) => {
      const { IdentityStoreId } = await instanceOf(r);
      const ids = new IdentitystoreClient(r.config());
      const m = await ids.send(
        new GetGroupMembershipIdCommand({
          IdentityStoreId,
          GroupId: await groupIdOf(r, 'DataScientists'),
          MemberId: { UserId: await userIdOf(r, 'alice') },
        }),
      );
      await ids.send(new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId: m.MembershipId }));
    },
    // An unowned group with (owned) alice in it; adopting the group adopts its memberships.
    createUnowned: async (r) => {
      await applyOn(r, blueprintOf(yaml(1).replace(/ {2}groups:[\s\S]*$/, '')));
      await groupCase.createUnowned(r);
      const { IdentityStoreId } = await instanceOf(r);
      await new IdentitystoreClient(r.config()).send(
        new CreateGroupMembershipCommand({
          IdentityStoreId,
          GroupId: await groupIdOf(r, 'DataScientists'),
          MemberId: { UserId: await userIdOf(r, 'alice') },
        }),
      );
    },
    adoptKey: 'identitystore/group/DataScientists',
  });

  it('adds and removes members as the blueprint lists them', async () => {
    await applyOn(rig(), blueprintOf(yaml(1, '[alice, bob]')));
    const bp = blueprintOf(yaml(1, '[bob]'));
    assert.deepEqual(await opsOn(rig(), bp), [`delete ${membershipKey}`]);
    await applyOn(rig(), bp);
    assert.deepEqual(await opsOn(rig(), bp), []);
  });
});
