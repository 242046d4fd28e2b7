/**
 * AWS::IdentityStore::GroupMembership: a user in an Identity Store group. Owned when its group is;
 * ids come from the run's directory, so a membership of a group created moments ago works.
 */
import { CreateGroupMembershipCommand, DeleteGroupMembershipCommand } from '@aws-sdk/client-identitystore';
import type { GroupMembershipProps } from '../blueprint/types.js';
import type { IcSnapshot } from './ic-read.js';
import { identityOf } from './identity.js';
import type { Desired, KindHandler, ObservedResource } from './types.js';
import { ignoreNotFound } from './util.js';

type M = Desired<'AWS::IdentityStore::GroupMembership'>;

export function observeMemberships(snap: IcSnapshot): ObservedResource[] {
  const users = new Map(snap.users.map((u) => [u.id, u]));
  const groups = new Map(snap.groups.map((g) => [g.id, g]));
  return snap.memberships.flatMap((m) => {
    const g = groups.get(m.groupId);
    const u = users.get(m.userId);
    if (!g || !u) return [];
    const props: GroupMembershipProps = { groupDisplayName: g.displayName, userName: u.userName };
    const groupKey = `identitystore/group/${g.displayName}`;
    return [
      {
        kind: 'AWS::IdentityStore::GroupMembership' as const,
        key: `${groupKey}/member/${u.userName}`,
        account: '@organization',
        identity: identityOf('AWS::IdentityStore::GroupMembership', props),
        props: props as unknown as Record<string, unknown>,
        ...(g.owner ? { owner: g.owner } : {}),
        ownerVia: groupKey,
        ref: { id: m.id },
      },
    ];
  });
}

export const idstoreMembership: KindHandler<'AWS::IdentityStore::GroupMembership'> = {
  kind: 'AWS::IdentityStore::GroupMembership',
  title: 'Identity Store Group Membership',
  service: 'identitystore',
  operation: 'CreateGroupMembership',

  async create(ctx, d: M) {
    const { identityStoreId: IdentityStoreId } = ctx.dir.instance();
    const p = d.props;
    await ctx.aws.call(
      'identitystore',
      'CreateGroupMembership',
      (c) =>
        c.send(
          new CreateGroupMembershipCommand({
            IdentityStoreId,
            GroupId: ctx.dir.groupId(p.groupDisplayName),
            MemberId: { UserId: ctx.dir.userId(p.userName) },
          }),
        ),
      { what: `adding ${p.userName} to Identity Store Group (${p.groupDisplayName})`, signal: ctx.signal },
    );
  },

  async update() {
    // Nothing to change: a membership is its identity (and ownership follows the group).
  },

  async remove(ctx, o) {
    const { identityStoreId: IdentityStoreId } = ctx.dir.instance();
    await ignoreNotFound(
      ctx.aws.call(
        'identitystore',
        'DeleteGroupMembership',
        (c) => c.send(new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId: o.ref.id })),
        {
          what: `removing ${String(o.props.userName)} from Identity Store Group (${String(o.props.groupDisplayName)})`,
          signal: ctx.signal,
        },
      ),
    );
  },
};
