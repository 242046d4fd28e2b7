/**
 * AWS::IdentityStore::User. Identity Store has no tags; the owner is the user's UserType
 * (`onramp:<blueprint>`, set by CreateUser itself so a killed apply leaves an owned user), a field
 * Identity Center shows but uses for nothing.
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateUser.html
 */
import {
  type AttributeOperation,
  CreateUserCommand,
  DeleteUserCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-identitystore';
import type { IdStoreUserProps } from '../blueprint/types.js';
import type { IcSnapshot } from './ic-read.js';
import { identityOf } from './identity.js';
import { userTypeMarker } from './markers.js';
import type { ApplyContext, Desired, KindHandler, ObservedResource } from './types.js';
import { ignoreNotFound } from './util.js';

type U = Desired<'AWS::IdentityStore::User'>;
const ORG = '@organization';

export function observeUsers(snap: IcSnapshot): ObservedResource[] {
  return snap.users.map((u) => {
    const props: IdStoreUserProps = {
      userName: u.userName,
      displayName: u.displayName ?? '',
      name: { givenName: u.givenName ?? '', familyName: u.familyName ?? '' },
      emails: u.emails.map((e) => ({ value: e.value, type: e.type as 'work', primary: e.primary })),
    };
    return {
      kind: 'AWS::IdentityStore::User',
      key: `identitystore/user/${u.userName}`,
      account: ORG,
      identity: identityOf('AWS::IdentityStore::User', props),
      props: props as unknown as Record<string, unknown>,
      ...(u.owner ? { owner: u.owner } : {}),
      ref: { id: u.id },
    };
  });
}

function updateUser(ctx: ApplyContext, UserId: string, what: string, Operations: AttributeOperation[]) {
  const { identityStoreId: IdentityStoreId } = ctx.dir.instance();
  return ctx.aws.call(
    'identitystore',
    'UpdateUser',
    (c) => c.send(new UpdateUserCommand({ IdentityStoreId, UserId, Operations })),
    { what, signal: ctx.signal },
  );
}

const wire = (p: IdStoreUserProps) => ({
  DisplayName: p.displayName,
  Name: { GivenName: p.name.givenName, FamilyName: p.name.familyName },
  Emails: p.emails.map((e) => ({ Value: e.value, Type: e.type, Primary: e.primary })),
});

export const idstoreUser: KindHandler<'AWS::IdentityStore::User'> = {
  kind: 'AWS::IdentityStore::User',
  title: 'Identity Store User',
  service: 'identitystore',
  operation: 'CreateUser',

  async create(ctx, d: U) {
    const { identityStoreId: IdentityStoreId } = ctx.dir.instance();
    const p = d.props;
    const r = await ctx.aws.call(
      'identitystore',
      'CreateUser',
      (c) =>
        c.send(
          new CreateUserCommand({
            IdentityStoreId,
            UserName: p.userName,
            ...wire(p),
            // Identity Store refuses an empty list; no emails means leaving the field out.
            ...(p.emails.length ? {} : { Emails: undefined }),
            UserType: userTypeMarker(ctx.blueprint),
          }),
        ),
      { what: `creating Identity Store User (${p.userName})`, signal: ctx.signal },
    );
    ctx.dir.setUser(p.userName, r.UserId ?? '');
    ctx.dir.userMarks.set(r.UserId ?? '', { owner: ctx.blueprint, direct: false });
    ctx.dir.refs.set(`${d.origin}.id`, r.UserId ?? '');
  },

  async update(ctx, d: U, o) {
    const p = d.props;
    const w = wire(p);
    // Keeps the "assigned directly" mark: dropping it would hide that user's assignments.
    const direct = ctx.dir.userMarks.get(o.ref.id)?.direct ?? false;
    await updateUser(ctx, o.ref.id, `updating Identity Store User (${p.userName})`, [
      { AttributePath: 'userName', AttributeValue: p.userName },
      { AttributePath: 'displayName', AttributeValue: w.DisplayName },
      { AttributePath: 'name', AttributeValue: w.Name },
      { AttributePath: 'emails', AttributeValue: w.Emails.length ? w.Emails : null },
      { AttributePath: 'userType', AttributeValue: userTypeMarker(ctx.blueprint, direct) },
    ]);
  },

  async remove(ctx, o) {
    const { identityStoreId: IdentityStoreId } = ctx.dir.instance();
    await ignoreNotFound(
      ctx.aws.call(
        'identitystore',
        'DeleteUser',
        (c) => c.send(new DeleteUserCommand({ IdentityStoreId, UserId: o.ref.id })),
        {
          what: `deleting Identity Store User (${String(o.props.userName)})`,
          signal: ctx.signal,
        },
      ),
    );
  },
};

/**
 * Marks an owned user "assigned directly" before its first direct assignment is requested, so a
 * run killed in between leaves at worst a mark without an assignment (one read too many later).
 */
export async function markAssignedDirectly(ctx: ApplyContext, userId: string): Promise<void> {
  const mark = ctx.dir.userMarks.get(userId);
  if (!mark || mark.owner !== ctx.blueprint || mark.direct) return;
  mark.flagging ??= updateUser(ctx, userId, `marking Identity Store User ${userId} as assigned directly`, [
    { AttributePath: 'userType', AttributeValue: userTypeMarker(ctx.blueprint, true) },
  ]).then(
    () => {
      mark.direct = true;
    },
    (e: unknown) => {
      mark.flagging = undefined;
      throw e;
    },
  );
  await mark.flagging;
}
