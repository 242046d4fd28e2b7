/**
 * AWS::IAM::Group: path, managed and inline policies. IAM groups take no tags, so ownership is the
 * `onramp-owner` inline policy (markers.ts), put right after CreateGroup. An apply killed between
 * the two leaves an empty unowned group, which the next plan claims (ObservedResource.claimable).
 */
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DetachGroupPolicyCommand,
  type IAMClient,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients.js';
import type { GroupProps } from '../blueprint/types.js';
import type { IamSnapshot } from './iam-read.js';
import { identityOf } from './identity.js';
import { GROUP_OWNER_POLICY, groupOwnerDocument, groupOwnerOf } from './markers.js';
import type { Desired, KindHandler, ObservedResource } from './types.js';
import { docText, ignoreNotFound, setDiff, str } from './util.js';

type G = Desired<'AWS::IAM::Group'>;

export function observeGroups(snap: IamSnapshot, label: string): ObservedResource[] {
  return snap.groups.map((g) => {
    const { [GROUP_OWNER_POLICY]: marker, ...inline } = g.inline;
    const props: GroupProps = {
      groupName: g.name,
      path: g.path,
      managedPolicyArns: g.managed,
      inlinePolicies: inline as GroupProps['inlinePolicies'],
    };
    const owner = marker === undefined ? undefined : groupOwnerOf(marker);
    const empty = g.managed.length === 0 && Object.keys(g.inline).length === 0 && g.members.length === 0;
    return {
      kind: 'AWS::IAM::Group',
      key: `iam/${label}/group/${g.name}`,
      account: label,
      accountId: snap.accountId,
      identity: identityOf('AWS::IAM::Group', props, snap.accountId),
      props: props as unknown as Record<string, unknown>,
      ...(owner ? { owner } : {}),
      ...(empty ? { claimable: true } : {}),
      ref: { arn: g.arn, members: g.members.join(',') },
    };
  });
}

function caller(aws: AwsClients, what: string, signal: AbortSignal) {
  return <T>(op: string, fn: (c: IAMClient) => Promise<T>) => aws.call('iam', op, fn, { what, signal });
}

async function converge(
  aws: AwsClients,
  blueprint: string,
  want: GroupProps,
  was: GroupProps,
  what: string,
  signal: AbortSignal,
): Promise<void> {
  const call = caller(aws, what, signal);
  const GroupName = want.groupName;
  const put = (PolicyName: string, doc: unknown) =>
    call('PutGroupPolicy', (c) =>
      c.send(new PutGroupPolicyCommand({ GroupName, PolicyName, PolicyDocument: docText(doc) })),
    );
  await put(GROUP_OWNER_POLICY, groupOwnerDocument(blueprint));
  const managed = setDiff(was.managedPolicyArns.map(str), want.managedPolicyArns.map(str));
  for (const PolicyArn of managed.remove) {
    await ignoreNotFound(
      call('DetachGroupPolicy', (c) => c.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn }))),
    );
  }
  for (const PolicyArn of managed.add) {
    await call('AttachGroupPolicy', (c) => c.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn })));
  }
  for (const [name, doc] of Object.entries(want.inlinePolicies)) await put(name, doc);
  for (const PolicyName of Object.keys(was.inlinePolicies).filter((n) => !(n in want.inlinePolicies))) {
    await ignoreNotFound(
      call('DeleteGroupPolicy', (c) => c.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName }))),
    );
  }
}

async function removeGroup(aws: AwsClients, was: GroupProps, members: string[], signal: AbortSignal) {
  const GroupName = was.groupName;
  const call = caller(aws, `deleting IAM Group (${GroupName})`, signal);
  for (const UserName of members) {
    await ignoreNotFound(
      call('RemoveUserFromGroup', (c) => c.send(new RemoveUserFromGroupCommand({ GroupName, UserName }))),
    );
  }
  for (const PolicyArn of was.managedPolicyArns.map(str)) {
    await ignoreNotFound(
      call('DetachGroupPolicy', (c) => c.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn }))),
    );
  }
  for (const PolicyName of [...Object.keys(was.inlinePolicies), GROUP_OWNER_POLICY]) {
    await ignoreNotFound(
      call('DeleteGroupPolicy', (c) => c.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName }))),
    );
  }
  await ignoreNotFound(call('DeleteGroup', (c) => c.send(new DeleteGroupCommand({ GroupName }))));
}

const none: GroupProps = { groupName: '', path: '/', managedPolicyArns: [], inlinePolicies: {} };

export const iamGroup: KindHandler<'AWS::IAM::Group'> = {
  kind: 'AWS::IAM::Group',
  title: 'IAM Group',
  service: 'iam',
  operation: 'CreateGroup',

  async create(ctx, d: G) {
    const aws = await ctx.account(str(d.accountId));
    const what = `creating IAM Group (${d.props.groupName})`;
    await aws.call(
      'iam',
      'CreateGroup',
      (c) => c.send(new CreateGroupCommand({ GroupName: d.props.groupName, Path: d.props.path })),
      { what, signal: ctx.signal },
    );
    await converge(aws, ctx.blueprint, d.props, { ...none, groupName: d.props.groupName }, what, ctx.signal);
  },

  async update(ctx, d: G, o) {
    const aws = await ctx.account(str(d.accountId));
    const was = o.props as unknown as GroupProps;
    await converge(aws, ctx.blueprint, d.props, was, `updating IAM Group (${d.props.groupName})`, ctx.signal);
  },

  /** A new path is a new group: the members move over with it. */
  async replace(ctx, d: G, o) {
    const aws = await ctx.account(str(d.accountId));
    const members = o.ref.members ? o.ref.members.split(',') : [];
    await removeGroup(aws, o.props as unknown as GroupProps, members, ctx.signal);
    await this.create(ctx, d);
    const what = `replacing IAM Group (${d.props.groupName})`;
    for (const UserName of members) {
      await aws.call(
        'iam',
        'AddUserToGroup',
        (c) => c.send(new AddUserToGroupCommand({ GroupName: d.props.groupName, UserName })),
        { what, signal: ctx.signal },
      );
    }
  },

  async remove(ctx, o) {
    const aws = await ctx.account(o.accountId ?? '');
    await removeGroup(
      aws,
      o.props as unknown as GroupProps,
      o.ref.members ? o.ref.members.split(',') : [],
      ctx.signal,
    );
  },
};
