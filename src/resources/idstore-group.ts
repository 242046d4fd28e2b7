/**
 * AWS::IdentityStore::Group. Groups take no tags either; the owner is ` [onramp:<blueprint>]` at
 * the end of the Description (set by CreateGroup itself), stripped before comparing.
 */
import { CreateGroupCommand, DeleteGroupCommand, UpdateGroupCommand } from '@aws-sdk/client-identitystore';
import type { IdStoreGroupProps } from '../blueprint/types.js';
import type { IcSnapshot } from './ic-read.js';
import { identityOf } from './identity.js';
import { markDescription } from './markers.js';
import type { Desired, KindHandler, ObservedResource } from './types.js';
import { ignoreNotFound } from './util.js';

type G = Desired<'AWS::IdentityStore::Group'>;

export function observeIdGroups(snap: IcSnapshot): ObservedResource[] {
  return snap.groups.map((g) => {
    const props: IdStoreGroupProps = {
      displayName: g.displayName,
      ...(g.description ? { description: g.description } : {}),
    };
    return {
      kind: 'AWS::IdentityStore::Group',
      key: `identitystore/group/${g.displayName}`,
      account: '@organization',
      identity: identityOf('AWS::IdentityStore::Group', props),
      props: props as unknown as Record<string, unknown>,
      ...(g.owner ? { owner: g.owner } : {}),
      ref: { id: g.id },
    };
  });
}

export const idstoreGroup: KindHandler<'AWS::IdentityStore::Group'> = {
  kind: 'AWS::IdentityStore::Group',
  title: 'Identity Store Group',
  service: 'identitystore',
  operation: 'CreateGroup',

  async create(ctx, d: G) {
    const { identityStoreId: IdentityStoreId } = ctx.dir.instance();
    const p = d.props;
    const r = await ctx.aws.call(
      'identitystore',
      'CreateGroup',
      (c) =>
        c.send(
          new CreateGroupCommand({
            IdentityStoreId,
            DisplayName: p.displayName,
            Description: markDescription(p.description, ctx.blueprint),
          }),
        ),
      { what: `creating Identity Store Group (${p.displayName})`, signal: ctx.signal },
    );
    ctx.dir.setGroup(p.displayName, r.GroupId ?? '');
    ctx.dir.refs.set(`${d.origin}.id`, r.GroupId ?? '');
  },

  async update(ctx, d: G, o) {
    const { identityStoreId: IdentityStoreId } = ctx.dir.instance();
    const p = d.props;
    await ctx.aws.call(
      'identitystore',
      'UpdateGroup',
      (c) =>
        c.send(
          new UpdateGroupCommand({
            IdentityStoreId,
            GroupId: o.ref.id,
            Operations: [
              { AttributePath: 'displayName', AttributeValue: p.displayName },
              { AttributePath: 'description', AttributeValue: markDescription(p.description, ctx.blueprint) },
            ],
          }),
        ),
      { what: `updating Identity Store Group (${p.displayName})`, signal: ctx.signal },
    );
  },

  async remove(ctx, o) {
    const { identityStoreId: IdentityStoreId } = ctx.dir.instance();
    await ignoreNotFound(
      ctx.aws.call(
        'identitystore',
        'DeleteGroup',
        (c) => c.send(new DeleteGroupCommand({ IdentityStoreId, GroupId: o.ref.id })),
        {
          what: `deleting Identity Store Group (${String(o.props.displayName)})`,
          signal: ctx.signal,
        },
      ),
    );
  },
};
