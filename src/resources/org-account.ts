/**
 * AWS::Organizations::Account. CreateAccount is asynchronous (minutes) and capped at 5 in progress;
 * the request carries the owner tag, so a finished creation is owned even if the run that asked for
 * it was killed. Before creating, the step looks for a creation of the same name still in progress
 * (a killed run's) and waits for that one instead: AWS would otherwise fail the second request with
 * EMAIL_ALREADY_EXISTS minutes later. A new account is usable only once its access role can be
 * assumed, so the step ends with real AssumeRole probes.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html
 */
import {
  CloseAccountCommand,
  CreateAccountCommand,
  ListAccountsCommand,
  ListCreateAccountStatusCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
  type OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-organizations';
import type { AwsClients } from '../aws/clients.js';
import { Caps } from '../aws/quotas.js';
import type { AccountProps } from '../blueprint/types.js';
import { identityOf } from './identity.js';
import { OWNER_TAG } from './markers.js';
import type { ApplyContext, Desired, KindHandler, ObservedResource } from './types.js';
import { allPages, ignoreNotFound, tagList, tagMap } from './util.js';

type A = Desired<'AWS::Organizations::Account'>;

export interface OrgAccountView {
  id: string;
  name: string;
  email: string;
  parentId?: string;
  tags: Record<string, string>;
}

/** Active accounts whose email is in `emails` (lower-case), with their tags and parent. */
export async function readAccounts(
  aws: AwsClients,
  emails: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<OrgAccountView[]> {
  const what = 'reading Organizations accounts';
  const call = <T>(op: string, fn: (c: OrganizationsClient) => Promise<T>) =>
    aws.call('organizations', op, fn, { what, signal });
  const all = await allPages(async (NextToken) => {
    const r = await call('ListAccounts', (c) => c.send(new ListAccountsCommand({ NextToken })));
    return { items: r.Accounts, next: r.NextToken };
  });
  const wanted = all.filter((a) => a.Status === 'ACTIVE' && emails.has((a.Email ?? '').toLowerCase()));
  return Promise.all(
    wanted.map(async (a) => {
      const [tags, parents] = await Promise.all([
        call('ListTagsForResource', (c) => c.send(new ListTagsForResourceCommand({ ResourceId: a.Id }))),
        call('ListParents', (c) => c.send(new ListParentsCommand({ ChildId: a.Id }))),
      ]);
      return {
        id: a.Id ?? '',
        name: a.Name ?? '',
        email: a.Email ?? '',
        ...(parents.Parents?.[0]?.Id ? { parentId: parents.Parents[0].Id } : {}),
        tags: tagMap(tags.Tags),
      };
    }),
  );
}

/** `keyOf(email)` is the blueprint's account key for that email, if it declares one. */
export function observeAccounts(
  views: OrgAccountView[],
  keyOf: (email: string) => string | undefined,
): ObservedResource[] {
  return views.map((a) => {
    const props: AccountProps = {
      accountName: a.name,
      email: a.email,
      ...(a.parentId ? { parentId: a.parentId } : {}),
      accessRoleName: 'OrganizationAccountAccessRole',
      tags: a.tags,
    };
    return {
      kind: 'AWS::Organizations::Account',
      key: `account/${keyOf(a.email) ?? a.id}`,
      account: '@organization',
      accountId: a.id,
      identity: identityOf('AWS::Organizations::Account', props),
      props: props as unknown as Record<string, unknown>,
      ...(a.tags[OWNER_TAG] ? { owner: a.tags[OWNER_TAG] } : {}),
      ref: { id: a.id, ...(a.parentId ? { parentId: a.parentId } : {}) },
    };
  });
}

function caller(ctx: ApplyContext, what: string) {
  return <T>(op: string, fn: (c: OrganizationsClient) => Promise<T>) =>
    ctx.aws.call('organizations', op, fn, { what, signal: ctx.signal });
}

async function move(
  ctx: ApplyContext,
  AccountId: string,
  to: string,
  from: string | undefined,
  what: string,
) {
  const call = caller(ctx, what);
  const source =
    from ??
    (await call('ListParents', (c) => c.send(new ListParentsCommand({ ChildId: AccountId })))).Parents?.[0]
      ?.Id;
  if (source === to) return;
  await call('MoveAccount', (c) =>
    c.send(new MoveAccountCommand({ AccountId, SourceParentId: source, DestinationParentId: to })),
  );
}

export const orgAccount: KindHandler<'AWS::Organizations::Account'> = {
  kind: 'AWS::Organizations::Account',
  title: 'Organizations Account',
  service: 'organizations',
  operation: 'CreateAccount',
  cap: Caps.accountCreations,

  async create(ctx, d: A) {
    const p = d.props;
    const what = `creating Organizations Account (${p.accountName})`;
    const call = caller(ctx, what);
    const running = await allPages(async (NextToken) => {
      const r = await call('ListCreateAccountStatus', (c) =>
        c.send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'], NextToken })),
      );
      return { items: r.CreateAccountStatuses, next: r.NextToken };
    });
    let requestId = running.find((s) => s.AccountName === p.accountName)?.Id;
    if (!requestId) {
      const r = await call('CreateAccount', (c) =>
        c.send(
          new CreateAccountCommand({
            Email: p.email,
            AccountName: p.accountName,
            RoleName: p.accessRoleName,
            Tags: tagList(p.tags),
          }),
        ),
      );
      requestId = r.CreateAccountStatus?.Id ?? '';
    }
    const done = await ctx.waits.done('account', requestId, what);
    // AWS's cap counts creations in progress; waiting for the access role is not one.
    ctx.asyncDone?.();
    const accountId = done.accountId ?? '';
    ctx.dir.accessRoles.set(accountId, p.accessRoleName);
    ctx.dir.refs.set(`${d.origin}.id`, accountId);
    if (p.parentId) await move(ctx, accountId, p.parentId, undefined, what);
    await ctx.waits.probe(
      () => ctx.account(accountId),
      `waiting for ${p.accessRoleName} in new account ${accountId} to be assumable`,
    );
  },

  async update(ctx, d: A, o, changes) {
    const p = d.props;
    const what = `updating Organizations Account (${p.accountName})`;
    const call = caller(ctx, what);
    const ResourceId = o.ref.id;
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has('tags')) {
      const was = (o.props as unknown as AccountProps).tags as Record<string, string>;
      const stale = Object.keys(was).filter((k) => !(k in p.tags));
      if (stale.length)
        await call('UntagResource', (c) => c.send(new UntagResourceCommand({ ResourceId, TagKeys: stale })));
      await call('TagResource', (c) => c.send(new TagResourceCommand({ ResourceId, Tags: tagList(p.tags) })));
    }
    if (changed.has('parentId') && p.parentId) await move(ctx, ResourceId, p.parentId, o.ref.parentId, what);
  },

  async remove(ctx, o) {
    // Closing is final for 90 days; the plan only gets here with --close-accounts.
    await ignoreNotFound(
      caller(ctx, `closing Organizations Account (${o.ref.id})`)('CloseAccount', (c) =>
        c.send(new CloseAccountCommand({ AccountId: o.ref.id })),
      ),
    );
  },
};
