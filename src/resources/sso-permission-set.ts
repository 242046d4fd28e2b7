/**
 * AWS::SSO::PermissionSet: description, session duration, relay state, AWS managed policies,
 * customer managed policy references, inline policy, tags. An edit reaches the accounts only when
 * the set is provisioned again, so after any change other than tags the set is re-provisioned to
 * every account that still carries an older revision (ALL_PROVISIONED_ACCOUNTS) and the step waits.
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ProvisionPermissionSet.html
 */
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreatePermissionSetCommand,
  DeleteInlinePolicyFromPermissionSetCommand,
  DeletePermissionSetCommand,
  DetachCustomerManagedPolicyReferenceFromPermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  type SSOAdminClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { EngineCode } from '../aws/codes.js';
import { Caps } from '../aws/quotas.js';
import type { PermissionSetProps } from '../blueprint/types.js';
import { OnrampError } from '../core/errors.js';
import type { IcSnapshot } from './ic-read.js';
import { identityOf } from './identity.js';
import { FINGERPRINT_TAG, OWNER_TAG, permissionSetFingerprint } from './markers.js';
import type { ApplyContext, Desired, KindHandler, ObservedResource } from './types.js';
import { docText, ignoreNotFound, setDiff, tagList } from './util.js';

type P = Desired<'AWS::SSO::PermissionSet'>;

export function observePermissionSets(snap: IcSnapshot): ObservedResource[] {
  return snap.permissionSets.flatMap((ps) => {
    const d = ps.details;
    if (!d) return [];
    const { [FINGERPRINT_TAG]: fingerprint, ...tags } = ps.tags;
    const props: PermissionSetProps = {
      name: ps.name,
      ...(ps.description ? { description: ps.description } : {}),
      sessionDuration: ps.sessionDuration,
      ...(ps.relayState ? { relayState: ps.relayState } : {}),
      managedPolicyArns: d.managed,
      customerManagedPolicies: d.customerManaged,
      ...(d.inline ? { inlinePolicy: d.inline as PermissionSetProps['inlinePolicy'] } : {}),
      tags,
    };
    const n = d.outdated.length;
    return [
      {
        kind: 'AWS::SSO::PermissionSet' as const,
        key: `sso/permission-set/${ps.name}`,
        account: '@organization',
        identity: identityOf('AWS::SSO::PermissionSet', props),
        props: props as unknown as Record<string, unknown>,
        ...(ps.tags[OWNER_TAG] ? { owner: ps.tags[OWNER_TAG] } : {}),
        ...(n ? { stale: `not re-provisioned in ${n} account${n === 1 ? '' : 's'}` } : {}),
        ref: { arn: ps.arn, ...(fingerprint ? { fingerprint } : {}) },
      },
    ];
  });
}

function caller(ctx: ApplyContext, what: string) {
  return <T>(op: string, fn: (c: SSOAdminClient) => Promise<T>) =>
    ctx.aws.call('sso-admin', op, fn, { what, signal: ctx.signal });
}

/** Brings policies in line with `want`; returns whether anything the accounts see changed. */
async function policies(
  ctx: ApplyContext,
  arn: string,
  want: PermissionSetProps,
  was: PermissionSetProps | undefined,
  what: string,
  inlineChanged: boolean,
) {
  const call = caller(ctx, what);
  const target = { InstanceArn: ctx.dir.instance().instanceArn, PermissionSetArn: arn };
  let changed = false;
  const managed = setDiff(was?.managedPolicyArns ?? [], want.managedPolicyArns);
  for (const ManagedPolicyArn of managed.remove) {
    await ignoreNotFound(
      call('DetachManagedPolicyFromPermissionSet', (c) =>
        c.send(new DetachManagedPolicyFromPermissionSetCommand({ ...target, ManagedPolicyArn })),
      ),
    );
  }
  for (const ManagedPolicyArn of managed.add) {
    await call('AttachManagedPolicyToPermissionSet', (c) =>
      c.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn })),
    );
  }
  const cmp = setDiff(was?.customerManagedPolicies ?? [], want.customerManagedPolicies);
  for (const r of cmp.remove) {
    const CustomerManagedPolicyReference = { Name: r.name, Path: r.path };
    await ignoreNotFound(
      call('DetachCustomerManagedPolicyReferenceFromPermissionSet', (c) =>
        c.send(
          new DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({
            ...target,
            CustomerManagedPolicyReference,
          }),
        ),
      ),
    );
  }
  for (const r of cmp.add) {
    const CustomerManagedPolicyReference = { Name: r.name, Path: r.path };
    await call('AttachCustomerManagedPolicyReferenceToPermissionSet', (c) =>
      c.send(
        new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
          ...target,
          CustomerManagedPolicyReference,
        }),
      ),
    );
  }
  changed ||= managed.add.length + managed.remove.length + cmp.add.length + cmp.remove.length > 0;
  const inline = want.inlinePolicy === undefined ? undefined : docText(want.inlinePolicy);
  if (!inlineChanged) return changed;
  if (inline !== undefined) {
    await call('PutInlinePolicyToPermissionSet', (c) =>
      c.send(new PutInlinePolicyToPermissionSetCommand({ ...target, InlinePolicy: inline })),
    );
    changed = true;
  } else if (was?.inlinePolicy !== undefined) {
    await ignoreNotFound(
      call('DeleteInlinePolicyFromPermissionSet', (c) =>
        c.send(new DeleteInlinePolicyFromPermissionSetCommand(target)),
      ),
    );
    changed = true;
  }
  return changed;
}

/** Re-provisions `arn` wherever an older revision is deployed, and waits for it. */
async function reprovision(ctx: ApplyContext, arn: string, name: string): Promise<void> {
  const what = `provisioning SSO Permission Set (${name})`;
  const call = caller(ctx, what);
  const InstanceArn = ctx.dir.instance().instanceArn;
  const outdated = await call('ListAccountsForProvisionedPermissionSet', (c) =>
    c.send(
      new ListAccountsForProvisionedPermissionSetCommand({
        InstanceArn,
        PermissionSetArn: arn,
        ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
        MaxResults: 1,
      }),
    ),
  );
  if ((outdated.AccountIds ?? []).length === 0) return;
  const r = await call('ProvisionPermissionSet', (c) =>
    c.send(
      new ProvisionPermissionSetCommand({
        InstanceArn,
        PermissionSetArn: arn,
        TargetType: 'ALL_PROVISIONED_ACCOUNTS',
      }),
    ),
  );
  const s = r.PermissionSetProvisioningStatus;
  if (s?.Status === 'SUCCEEDED') return;
  if (s?.Status === 'FAILED')
    throw new OnrampError(EngineCode.asyncFailed, `${what}: ${s.FailureReason ?? 'FAILED'}`);
  await ctx.waits.done('provision', s?.RequestId ?? '', what);
}

/** Records, as the last step, that the set is exactly `p` (markers.ts FINGERPRINT_TAG). */
async function setFingerprint(ctx: ApplyContext, arn: string, p: PermissionSetProps, what: string) {
  const fingerprint = permissionSetFingerprint(p);
  if (!fingerprint) return;
  await caller(ctx, what)('TagResource', (c) =>
    c.send(
      new TagResourceCommand({
        InstanceArn: ctx.dir.instance().instanceArn,
        ResourceArn: arn,
        Tags: [{ Key: FINGERPRINT_TAG, Value: fingerprint }],
      }),
    ),
  );
}

export const ssoPermissionSet: KindHandler<'AWS::SSO::PermissionSet'> = {
  kind: 'AWS::SSO::PermissionSet',
  title: 'SSO Permission Set',
  service: 'sso-admin',
  operation: 'CreatePermissionSet',
  cap: Caps.permissionSetProvisioning,

  async create(ctx, d: P) {
    const p = d.props;
    const what = `creating SSO Permission Set (${p.name})`;
    const r = await caller(ctx, what)('CreatePermissionSet', (c) =>
      c.send(
        new CreatePermissionSetCommand({
          InstanceArn: ctx.dir.instance().instanceArn,
          Name: p.name,
          ...(p.description ? { Description: p.description } : {}),
          SessionDuration: p.sessionDuration,
          ...(p.relayState ? { RelayState: p.relayState } : {}),
          Tags: tagList(p.tags),
        }),
      ),
    );
    const arn = r.PermissionSet?.PermissionSetArn ?? '';
    ctx.dir.setPermissionSet(p.name, arn);
    ctx.dir.refs.set(`${d.origin}.arn`, arn);
    await policies(ctx, arn, p, undefined, what, true);
    await setFingerprint(ctx, arn, p, what);
  },

  async update(ctx, d: P, o, changes) {
    const p = d.props;
    const arn = o.ref.arn;
    const what = `updating SSO Permission Set (${p.name})`;
    const call = caller(ctx, what);
    const InstanceArn = ctx.dir.instance().instanceArn;
    const was = o.props as unknown as PermissionSetProps;
    const changed = new Set(changes.map((c) => c.field));
    // Tags go first. The fingerprint goes with the stale tags: until this update has finished, the
    // set no longer is what it says, and a run killed halfway must be read in full next time, even
    // if the blueprint goes back to the old version.
    const untag = [
      ...(o.ref.fingerprint ? [FINGERPRINT_TAG] : []),
      ...(changed.has('tags') ? Object.keys(was.tags).filter((k) => !(k in p.tags)) : []),
    ];
    if (untag.length) {
      await call('UntagResource', (c) =>
        c.send(new UntagResourceCommand({ InstanceArn, ResourceArn: arn, TagKeys: untag })),
      );
    }
    if (changed.has('tags')) {
      await call('TagResource', (c) =>
        c.send(new TagResourceCommand({ InstanceArn, ResourceArn: arn, Tags: tagList(p.tags) })),
      );
    }
    if (['description', 'sessionDuration', 'relayState'].some((f) => changed.has(f))) {
      await call('UpdatePermissionSet', (c) =>
        c.send(
          new UpdatePermissionSetCommand({
            InstanceArn,
            PermissionSetArn: arn,
            ...(p.description ? { Description: p.description } : {}),
            SessionDuration: p.sessionDuration,
            ...(p.relayState ? { RelayState: p.relayState } : {}),
          }),
        ),
      );
    }
    await policies(ctx, arn, p, was, what, changed.has('inlinePolicy'));
    if ([...changed].some((f) => f !== 'tags') || o.stale) await reprovision(ctx, arn, p.name);
    await setFingerprint(ctx, arn, p, what);
  },

  async remove(ctx, o) {
    const InstanceArn = ctx.dir.instance().instanceArn;
    await ignoreNotFound(
      caller(ctx, `deleting SSO Permission Set (${String(o.props.name)})`)('DeletePermissionSet', (c) =>
        c.send(new DeletePermissionSetCommand({ InstanceArn, PermissionSetArn: o.ref.arn })),
      ),
    );
  },
};
