/**
 * AWS::IAM::UserToGroupAddition: the members of an IAM group (existing IAM users). Owned when its
 * group is owned; for an owned group the blueprint's list is the whole membership.
 */
import { AddUserToGroupCommand, RemoveUserFromGroupCommand } from '@aws-sdk/client-iam';
import type { UserToGroupAdditionProps } from '../blueprint/types.js';
import type { IamSnapshot } from './iam-read.js';
import { identityOf } from './identity.js';
import { GROUP_OWNER_POLICY, groupOwnerOf } from './markers.js';
import type { ApplyContext, Desired, KindHandler, ObservedResource } from './types.js';
import { ignoreNotFound, setDiff, str } from './util.js';

type U = Desired<'AWS::IAM::UserToGroupAddition'>;

export function observeGroupUsers(snap: IamSnapshot, label: string): ObservedResource[] {
  return snap.groups
    .filter((g) => g.members.length > 0)
    .map((g) => {
      const props: UserToGroupAdditionProps = { groupName: g.name, users: g.members };
      const marker = g.inline[GROUP_OWNER_POLICY];
      const owner = marker === undefined ? undefined : groupOwnerOf(marker);
      const groupKey = `iam/${label}/group/${g.name}`;
      return {
        kind: 'AWS::IAM::UserToGroupAddition',
        key: `${groupKey}/users`,
        account: label,
        accountId: snap.accountId,
        identity: identityOf('AWS::IAM::UserToGroupAddition', props, snap.accountId),
        props: props as unknown as Record<string, unknown>,
        ...(owner ? { owner } : {}),
        ownerVia: groupKey,
        ref: {},
      };
    });
}

async function converge(
  ctx: ApplyContext,
  accountId: string,
  GroupName: string,
  from: string[],
  to: string[],
) {
  const aws = await ctx.account(accountId);
  const what = `updating the members of IAM Group (${GroupName})`;
  const { add, remove } = setDiff(from, to);
  for (const UserName of remove) {
    await ignoreNotFound(
      aws.call(
        'iam',
        'RemoveUserFromGroup',
        (c) => c.send(new RemoveUserFromGroupCommand({ GroupName, UserName })),
        {
          what,
          signal: ctx.signal,
        },
      ),
    );
  }
  for (const UserName of add) {
    await aws.call(
      'iam',
      'AddUserToGroup',
      (c) => c.send(new AddUserToGroupCommand({ GroupName, UserName })),
      {
        what,
        signal: ctx.signal,
      },
    );
  }
}

export const iamGroupUsers: KindHandler<'AWS::IAM::UserToGroupAddition'> = {
  kind: 'AWS::IAM::UserToGroupAddition',
  title: 'IAM Group members',
  service: 'iam',
  operation: 'AddUserToGroup',
  async create(ctx, d: U) {
    await converge(ctx, str(d.accountId), d.props.groupName, [], d.props.users);
  },
  async update(ctx, d: U, o) {
    await converge(
      ctx,
      str(d.accountId),
      d.props.groupName,
      (o.props.users as string[]) ?? [],
      d.props.users,
    );
  },
  async remove(ctx, o) {
    await converge(ctx, o.accountId ?? '', String(o.props.groupName), (o.props.users as string[]) ?? [], []);
  },
};
