import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreatePermissionSetCommand,
  DeletePermissionSetCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListTagsForResourceCommand,
  PutInlinePolicyToPermissionSetCommand,
  SSOAdminClient,
  UntagResourceCommand,
} from '@aws-sdk/client-sso-admin';
import { blueprintOf } from '../engine/test-engine.js';
import { useSandbox } from '../sandbox/test-support.js';
import { FINGERPRINT_TAG } from './markers.js';
import { instanceOf, permissionSetArnOf } from './test-ic.js';
import { applyOn, lifecycle, opsOn, planOn, type Rig } from './test-lifecycle.js';

const inline = (action: string) =>
  `{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "${action}", Resource: "*" }] }`;

const yaml = (v: 1 | 2 | 3, assigned = false) => `
version: 1
name: psets
accounts:
  main:
    id: \${caller.account}
    iam:
      policies:
        Read: { document: ${inline('s3:Get*')} }
identityCenter:
  groups:
    ops: {}
  permissionSets:
    dev:
      name: Dev
      description: Developers
      sessionDuration: ${v === 1 ? 'PT4H' : 'PT8H'}
      relayState: https://console.aws.amazon.com/${v === 1 ? 's3' : 'ec2'}/
      managedPolicies: [${v === 1 ? 'ReadOnlyAccess' : 'SecurityAudit'}]
      customerManagedPolicies: ${v === 1 ? '[{ name: Read }]' : '[]'}
      inlinePolicy: ${inline(v === 1 ? 'logs:Get*' : 'logs:Describe*')}
      tags: { team: ${v === 1 ? 'a' : 'b'} }
  assignments: ${assigned ? '[{ principal: { group: ops }, permissionSet: dev, accounts: [main] }]' : '[]'}
`;

const sb = useSandbox({ seed: 'org', accounts: 1 });
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });
const sso = () => new SSOAdminClient(rig().config());

async function outdated(): Promise<string[]> {
  const { InstanceArn } = await instanceOf(rig());
  const PermissionSetArn = await permissionSetArnOf(rig(), 'Dev');
  const r = await sso().send(
    new ListAccountsForProvisionedPermissionSetCommand({
      InstanceArn,
      PermissionSetArn,
      ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
    }),
  );
  return r.AccountIds ?? [];
}

describe('AWS::SSO::PermissionSet (sandbox)', () => {
  lifecycle(rig, {
    key: 'sso/permission-set/Dev',
    update: true,
    replace: false,
    yaml: (v) => yaml(v),
    disappear: async (r) => {
      const { InstanceArn } = await instanceOf(r);
      const PermissionSetArn = await permissionSetArnOf(r, 'Dev');
      await new SSOAdminClient(r.config()).send(
        new DeletePermissionSetCommand({ InstanceArn, PermissionSetArn }),
      );
    },
    createUnowned: async (r) => {
      const { InstanceArn } = await instanceOf(r);
      await new SSOAdminClient(r.config()).send(
        new CreatePermissionSetCommand({ InstanceArn, Name: 'Dev', SessionDuration: 'PT4H' }),
      );
    },
  });

  it('re-provisions the accounts it is deployed to after a change, and waits', async () => {
    await applyOn(rig(), blueprintOf(yaml(1, true)));
    assert.deepEqual(await outdated(), []);
    sb.current.resetCalls();
    const v2 = blueprintOf(yaml(2, true));
    assert.deepEqual(await opsOn(rig(), v2), ['update sso/permission-set/Dev']);
    await applyOn(rig(), v2);
    assert.equal(sb.current.calls()['sso-admin']?.ProvisionPermissionSet, 1);
    assert.deepEqual(await outdated(), []);
    assert.deepEqual(await opsOn(rig(), v2), []);
  });

  it('notices an edit that was never re-provisioned (an apply killed in between) and finishes it', async () => {
    const v2 = blueprintOf(yaml(2, true));
    const { InstanceArn } = await instanceOf(rig());
    const PermissionSetArn = await permissionSetArnOf(rig(), 'Dev');
    const put = (action: string) =>
      sso().send(
        new PutInlinePolicyToPermissionSetCommand({
          InstanceArn,
          PermissionSetArn,
          InlinePolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
          }),
        }),
      );
    // What an update does first (sso-permission-set.ts), then an edit, then the kill.
    await sso().send(
      new UntagResourceCommand({ InstanceArn, ResourceArn: PermissionSetArn, TagKeys: [FINGERPRINT_TAG] }),
    );
    await put('kms:Decrypt');
    await put('logs:Describe*');
    assert.equal((await outdated()).length, 1);
    const p = await planOn(rig(), v2);
    const a = p.plan.actions.find((x) => x.key === 'sso/permission-set/Dev');
    assert.equal(a?.op, 'update');
    assert.deepEqual(a?.reasons, ['not re-provisioned in 1 account']);
    await applyOn(rig(), v2);
    assert.deepEqual(await outdated(), []);
    assert.deepEqual(await opsOn(rig(), v2), []);
  });

  it('trusts its fingerprint in a fast plan (one call per set), and --refresh full finds a hand edit', async () => {
    const v2 = blueprintOf(yaml(2, true));
    await applyOn(rig(), v2);
    const { InstanceArn } = await instanceOf(rig());
    const PermissionSetArn = await permissionSetArnOf(rig(), 'Dev');
    const tags = await sso().send(
      new ListTagsForResourceCommand({ InstanceArn, ResourceArn: PermissionSetArn }),
    );
    const fingerprint = tags.Tags?.find((t) => t.Key === FINGERPRINT_TAG)?.Value;
    assert.match(fingerprint ?? '', /^[0-9a-f]{32}$/);

    sb.current.resetCalls();
    assert.deepEqual(await opsOn(rig(), v2), []);
    const fast = sb.current.calls()['sso-admin'] ?? {};
    assert.equal(fast.ListTagsForResource, 1);
    for (const op of [
      'DescribePermissionSet',
      'ListManagedPoliciesInPermissionSet',
      'GetInlinePolicyForPermissionSet',
    ])
      assert.equal(fast[op], undefined, `${op} in a fast plan`);

    // Someone attaches a policy in the console: invisible to the fast plan, found by a full one.
    await sso().send(
      new AttachManagedPolicyToPermissionSetCommand({
        InstanceArn,
        PermissionSetArn,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    assert.deepEqual(await opsOn(rig(), v2), []);
    const full = await planOn(rig(), v2, { refresh: 'full' });
    const a = full.plan.actions.find((x) => x.key === 'sso/permission-set/Dev');
    assert.equal(a?.op, 'update');
    assert.deepEqual(
      a?.changes?.map((c) => c.field),
      ['managedPolicyArns'],
    );
    await applyOn(rig(), v2, { refresh: 'full' });
    assert.deepEqual(await opsOn(rig(), v2, { refresh: 'full' }), []);

    // The blueprint changes: the old fingerprint does not match, so the set is read in full.
    sb.current.resetCalls();
    assert.deepEqual(await opsOn(rig(), blueprintOf(yaml(1, true))), ['update sso/permission-set/Dev']);
    assert.equal(sb.current.calls()['sso-admin']?.DescribePermissionSet, 1);
  });
});
