/**
 * AWS::IAM::Role: trust, managed and inline policies, permissions boundary, tags, description,
 * maximum session. The owner tag goes on CreateRole itself, so an apply killed right after leaves
 * a role this blueprint owns (and the next plan completes it) rather than an orphan.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  type IAMClient,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients.js';
import type { RoleProps } from '../blueprint/types.js';
import type { IamRoleView, IamSnapshot } from './iam-read.js';
import { identityOf } from './identity.js';
import { OWNER_TAG } from './markers.js';
import type { ApplyContext, Desired, FieldChange, KindHandler, ObservedResource } from './types.js';
import { docText, ignoreNotFound, setDiff, str, tagList } from './util.js';

type R = Desired<'AWS::IAM::Role'>;

function props(r: IamRoleView): RoleProps {
  return {
    roleName: r.name,
    path: r.path,
    ...(r.description ? { description: r.description } : {}),
    maxSessionDuration: r.maxSessionDuration ?? 3600,
    assumeRolePolicyDocument: r.trust as RoleProps['assumeRolePolicyDocument'],
    managedPolicyArns: r.managed,
    inlinePolicies: r.inline as RoleProps['inlinePolicies'],
    ...(r.boundary ? { permissionsBoundary: r.boundary } : {}),
    tags: r.tags,
  };
}

/** The roles of one account snapshot, keyed as the blueprint keys them (`iam/<label>/role/<name>`). */
export function observeRoles(snap: IamSnapshot, label: string): ObservedResource[] {
  return snap.roles.map((r) => {
    const p = props(r);
    return {
      kind: 'AWS::IAM::Role',
      key: `iam/${label}/role/${r.name}`,
      account: label,
      accountId: snap.accountId,
      identity: identityOf('AWS::IAM::Role', p, snap.accountId),
      props: p as unknown as Record<string, unknown>,
      ...(r.tags[OWNER_TAG] ? { owner: r.tags[OWNER_TAG] } : {}),
      ref: { arn: r.arn },
    };
  });
}

async function target(ctx: ApplyContext, accountId: unknown): Promise<AwsClients> {
  return ctx.account(str(accountId as string));
}

async function attachAll(aws: AwsClients, d: RoleProps, what: string, managed: string[], inline: string[]) {
  const RoleName = d.roleName;
  for (const PolicyArn of managed) {
    await aws.call(
      'iam',
      'AttachRolePolicy',
      (c) => c.send(new AttachRolePolicyCommand({ RoleName, PolicyArn })),
      {
        what,
      },
    );
  }
  for (const PolicyName of inline) {
    const PolicyDocument = docText(d.inlinePolicies[PolicyName]);
    await aws.call(
      'iam',
      'PutRolePolicy',
      (c) => c.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument })),
      { what },
    );
  }
}

export const iamRole: KindHandler<'AWS::IAM::Role'> = {
  kind: 'AWS::IAM::Role',
  title: 'IAM Role',
  service: 'iam',
  operation: 'CreateRole',

  async create(ctx, d: R) {
    const aws = await target(ctx, d.accountId);
    const p = d.props;
    const what = `creating IAM Role (${p.roleName})`;
    await aws.call(
      'iam',
      'CreateRole',
      (c) =>
        c.send(
          new CreateRoleCommand({
            RoleName: p.roleName,
            Path: p.path,
            AssumeRolePolicyDocument: docText(p.assumeRolePolicyDocument),
            ...(p.description ? { Description: str(p.description) } : {}),
            MaxSessionDuration: p.maxSessionDuration,
            ...(p.permissionsBoundary ? { PermissionsBoundary: str(p.permissionsBoundary) } : {}),
            Tags: tagList(p.tags),
          }),
        ),
      { what, signal: ctx.signal },
    );
    await attachAll(aws, p, what, p.managedPolicyArns.map(str), Object.keys(p.inlinePolicies));
  },

  async update(ctx, d: R, o: ObservedResource, changes: FieldChange[]) {
    const aws = await target(ctx, d.accountId);
    const p = d.props;
    const was = o.props as unknown as RoleProps;
    const RoleName = p.roleName;
    const what = `updating IAM Role (${RoleName})`;
    const call = <T>(op: string, fn: (c: IAMClient) => Promise<T>) =>
      aws.call('iam', op, fn, { what, signal: ctx.signal });
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has('tags')) {
      const stale = Object.keys(was.tags).filter((k) => !(k in p.tags));
      if (stale.length)
        await call('UntagRole', (c) => c.send(new UntagRoleCommand({ RoleName, TagKeys: stale })));
      await call('TagRole', (c) => c.send(new TagRoleCommand({ RoleName, Tags: tagList(p.tags) })));
    }
    if (changed.has('assumeRolePolicyDocument')) {
      const PolicyDocument = docText(p.assumeRolePolicyDocument);
      await call('UpdateAssumeRolePolicy', (c) =>
        c.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument })),
      );
    }
    if (changed.has('description') || changed.has('maxSessionDuration')) {
      await call('UpdateRole', (c) =>
        c.send(
          new UpdateRoleCommand({
            RoleName,
            Description: str(p.description),
            MaxSessionDuration: p.maxSessionDuration,
          }),
        ),
      );
    }
    if (changed.has('permissionsBoundary')) {
      const b = p.permissionsBoundary ? str(p.permissionsBoundary) : undefined;
      await (b
        ? call('PutRolePermissionsBoundary', (c) =>
            c.send(new PutRolePermissionsBoundaryCommand({ RoleName, PermissionsBoundary: b })),
          )
        : ignoreNotFound(
            call('DeleteRolePermissionsBoundary', (c) =>
              c.send(new DeleteRolePermissionsBoundaryCommand({ RoleName })),
            ),
          ));
    }
    const managed = setDiff(was.managedPolicyArns.map(str), p.managedPolicyArns.map(str));
    for (const PolicyArn of managed.remove) {
      await ignoreNotFound(
        call('DetachRolePolicy', (c) => c.send(new DetachRolePolicyCommand({ RoleName, PolicyArn }))),
      );
    }
    const inlineChanged = changed.has('inlinePolicies') ? Object.keys(p.inlinePolicies) : [];
    await attachAll(aws, p, what, managed.add, inlineChanged);
    for (const PolicyName of Object.keys(was.inlinePolicies).filter((n) => !(n in p.inlinePolicies))) {
      await ignoreNotFound(
        call('DeleteRolePolicy', (c) => c.send(new DeleteRolePolicyCommand({ RoleName, PolicyName }))),
      );
    }
  },

  async remove(ctx, o) {
    const aws = await ctx.account(o.accountId ?? '');
    const was = o.props as unknown as RoleProps;
    const RoleName = was.roleName;
    const what = `deleting IAM Role (${RoleName})`;
    const call = <T>(op: string, fn: (c: IAMClient) => Promise<T>) =>
      ignoreNotFound(aws.call('iam', op, fn, { what, signal: ctx.signal }));
    for (const PolicyArn of was.managedPolicyArns.map(str)) {
      await call('DetachRolePolicy', (c) => c.send(new DetachRolePolicyCommand({ RoleName, PolicyArn })));
    }
    for (const PolicyName of Object.keys(was.inlinePolicies)) {
      await call('DeleteRolePolicy', (c) => c.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
    }
    await call('DeleteRole', (c) => c.send(new DeleteRoleCommand({ RoleName })));
  },
};
