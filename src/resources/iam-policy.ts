/**
 * AWS::IAM::ManagedPolicy (customer managed). A changed document becomes a new default version;
 * IAM keeps at most five, so at the limit the oldest non-default version is deleted first.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
 */
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  type IAMClient,
  ListEntitiesForPolicyCommand,
  ListPolicyVersionsCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from '@aws-sdk/client-iam';
import { isNotFound } from '../aws/classify.js';
import type { AwsClients } from '../aws/clients.js';
import type { ManagedPolicyProps } from '../blueprint/types.js';
import type { IamSnapshot } from './iam-read.js';
import { identityOf } from './identity.js';
import { OWNER_TAG } from './markers.js';
import type { Desired, KindHandler, ObservedResource } from './types.js';
import { docText, ignoreNotFound, str, tagList } from './util.js';

type P = Desired<'AWS::IAM::ManagedPolicy'>;
const MAX_VERSIONS = 5;

export function observePolicies(snap: IamSnapshot, label: string): ObservedResource[] {
  return snap.policies.map((p) => {
    const props: ManagedPolicyProps = {
      policyName: p.name,
      path: p.path,
      ...(p.description ? { description: p.description } : {}),
      policyDocument: p.document as ManagedPolicyProps['policyDocument'],
      tags: p.tags,
    };
    return {
      kind: 'AWS::IAM::ManagedPolicy',
      key: `iam/${label}/policy/${p.name}`,
      account: label,
      accountId: snap.accountId,
      identity: identityOf('AWS::IAM::ManagedPolicy', props, snap.accountId),
      props: props as unknown as Record<string, unknown>,
      ...(p.tags[OWNER_TAG] ? { owner: p.tags[OWNER_TAG] } : {}),
      ref: { arn: p.arn },
    };
  });
}

const arnOf = (accountId: string, p: ManagedPolicyProps) =>
  `arn:aws:iam::${accountId}:policy${p.path}${p.policyName}`;

async function create(aws: AwsClients, p: ManagedPolicyProps, signal: AbortSignal): Promise<void> {
  await aws.call(
    'iam',
    'CreatePolicy',
    (c) =>
      c.send(
        new CreatePolicyCommand({
          PolicyName: p.policyName,
          Path: p.path,
          PolicyDocument: docText(p.policyDocument),
          ...(p.description ? { Description: str(p.description) } : {}),
          Tags: tagList(p.tags),
        }),
      ),
    { what: `creating IAM Policy (${p.policyName})`, signal },
  );
}

interface Attached {
  roles: string[];
  groups: string[];
  users: string[];
}

/** Deletes the policy; returns what it was attached to. */
async function remove(
  aws: AwsClients,
  PolicyArn: string,
  name: string,
  signal: AbortSignal,
): Promise<Attached> {
  const what = `deleting IAM Policy (${name})`;
  const call = <T>(op: string, fn: (c: IAMClient) => Promise<T>) => aws.call('iam', op, fn, { what, signal });
  // IAM refuses to delete a policy that is attached or has other versions: detach and prune first.
  let e: Awaited<ReturnType<typeof listEntities>>;
  const listEntities = () =>
    call('ListEntitiesForPolicy', (c) => c.send(new ListEntitiesForPolicyCommand({ PolicyArn })));
  try {
    e = await listEntities();
  } catch (err) {
    if (isNotFound(err)) return { roles: [], groups: [], users: [] };
    throw err;
  }
  for (const r of e.PolicyRoles ?? []) {
    await ignoreNotFound(
      call('DetachRolePolicy', (c) =>
        c.send(new DetachRolePolicyCommand({ RoleName: r.RoleName, PolicyArn })),
      ),
    );
  }
  for (const g of e.PolicyGroups ?? []) {
    await ignoreNotFound(
      call('DetachGroupPolicy', (c) =>
        c.send(new DetachGroupPolicyCommand({ GroupName: g.GroupName, PolicyArn })),
      ),
    );
  }
  for (const u of e.PolicyUsers ?? []) {
    await ignoreNotFound(
      call('DetachUserPolicy', (c) =>
        c.send(new DetachUserPolicyCommand({ UserName: u.UserName, PolicyArn })),
      ),
    );
  }
  const versions = await call('ListPolicyVersions', (c) =>
    c.send(new ListPolicyVersionsCommand({ PolicyArn })),
  );
  for (const v of versions.Versions ?? []) {
    if (v.IsDefaultVersion) continue;
    await ignoreNotFound(
      call('DeletePolicyVersion', (c) =>
        c.send(new DeletePolicyVersionCommand({ PolicyArn, VersionId: v.VersionId })),
      ),
    );
  }
  await ignoreNotFound(call('DeletePolicy', (c) => c.send(new DeletePolicyCommand({ PolicyArn }))));
  return {
    roles: (e.PolicyRoles ?? []).map((r) => r.RoleName ?? ''),
    groups: (e.PolicyGroups ?? []).map((g) => g.GroupName ?? ''),
    users: (e.PolicyUsers ?? []).map((u) => u.UserName ?? ''),
  };
}

export const iamPolicy: KindHandler<'AWS::IAM::ManagedPolicy'> = {
  kind: 'AWS::IAM::ManagedPolicy',
  title: 'IAM Policy',
  service: 'iam',
  operation: 'CreatePolicy',

  async create(ctx, d: P) {
    await create(await ctx.account(str(d.accountId)), d.props, ctx.signal);
  },

  async update(ctx, d: P, o, changes) {
    const aws = await ctx.account(str(d.accountId));
    const p = d.props;
    const PolicyArn = o.ref.arn ?? arnOf(str(d.accountId), p);
    const what = `updating IAM Policy (${p.policyName})`;
    const call = <T>(op: string, fn: (c: IAMClient) => Promise<T>) =>
      aws.call('iam', op, fn, { what, signal: ctx.signal });
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has('tags')) {
      const was = (o.props as unknown as ManagedPolicyProps).tags;
      const stale = Object.keys(was).filter((k) => !(k in p.tags));
      if (stale.length)
        await call('UntagPolicy', (c) => c.send(new UntagPolicyCommand({ PolicyArn, TagKeys: stale })));
      await call('TagPolicy', (c) => c.send(new TagPolicyCommand({ PolicyArn, Tags: tagList(p.tags) })));
    }
    if (changed.has('policyDocument')) {
      const list = await call('ListPolicyVersions', (c) =>
        c.send(new ListPolicyVersionsCommand({ PolicyArn })),
      );
      const versions = list.Versions ?? [];
      if (versions.length >= MAX_VERSIONS) {
        const oldest = versions
          .filter((v) => !v.IsDefaultVersion)
          .sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))[0];
        await ignoreNotFound(
          call('DeletePolicyVersion', (c) =>
            c.send(new DeletePolicyVersionCommand({ PolicyArn, VersionId: oldest?.VersionId })),
          ),
        );
      }
      await call('CreatePolicyVersion', (c) =>
        c.send(
          new CreatePolicyVersionCommand({
            PolicyArn,
            PolicyDocument: docText(p.policyDocument),
            SetAsDefault: true,
          }),
        ),
      );
    }
  },

  async remove(ctx, o) {
    const aws = await ctx.account(o.accountId ?? '');
    await remove(aws, o.ref.arn, String(o.props.policyName), ctx.signal);
  },

  /** A new path or description is a new policy: it is attached again wherever the old one was. */
  async replace(ctx, d: P, o) {
    const aws = await ctx.account(str(d.accountId));
    const was = await remove(aws, o.ref.arn, d.props.policyName, ctx.signal);
    await create(aws, d.props, ctx.signal);
    const PolicyArn = arnOf(str(d.accountId), d.props);
    const what = `replacing IAM Policy (${d.props.policyName})`;
    const call = <T>(op: string, fn: (c: IAMClient) => Promise<T>) =>
      aws.call('iam', op, fn, { what, signal: ctx.signal });
    for (const RoleName of was.roles) {
      await call('AttachRolePolicy', (c) => c.send(new AttachRolePolicyCommand({ RoleName, PolicyArn })));
    }
    for (const GroupName of was.groups) {
      await call('AttachGroupPolicy', (c) => c.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn })));
    }
    for (const UserName of was.users) {
      await call('AttachUserPolicy', (c) => c.send(new AttachUserPolicyCommand({ UserName, PolicyArn })));
    }
  },
};
