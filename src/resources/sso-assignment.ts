/**
 * AWS::SSO::Assignment: a principal gets a permission set in an account. Creation and deletion are
 * asynchronous: the request holds one of AWS's 15 outstanding slots (Caps.accountAssignments) until
 * the run's BatchPoller sees it finish. Creating an assignment that exists succeeds, so a resumed
 * apply never duplicates one. Owned when its permission set is.
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateAccountAssignment.html
 */
import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  ListAccountAssignmentsCommand,
} from '@aws-sdk/client-sso-admin';
import { EngineCode } from '../aws/codes.js';
import { Caps } from '../aws/quotas.js';
import type { AssignmentProps } from '../blueprint/types.js';
import { OnrampError } from '../core/errors.js';
import type { IcSnapshot } from './ic-read.js';
import { identityOf } from './identity.js';
import { markAssignedDirectly } from './idstore-user.js';
import type { ApplyContext, Desired, KindHandler, ObservedResource } from './types.js';
import { allPages, str } from './util.js';

type A = Desired<'AWS::SSO::Assignment'>;

/** Assignments, labelled with the blueprint's account keys where it has one (`label(id)`). */
export function observeAssignments(
  snap: IcSnapshot,
  label: (accountId: string) => string,
): ObservedResource[] {
  const sets = new Map(snap.permissionSets.map((p) => [p.arn, p]));
  const users = new Map(snap.users.map((u) => [u.id, u.userName]));
  const groups = new Map(snap.groups.map((g) => [g.id, g.displayName]));
  return snap.assignments.flatMap((a) => {
    const ps = sets.get(a.permissionSetArn);
    const principalName = (a.principalType === 'USER' ? users : groups).get(a.principalId);
    if (!ps || principalName === undefined) return [];
    const props: AssignmentProps = {
      permissionSetName: ps.name,
      principalType: a.principalType,
      principalName,
      targetType: 'AWS_ACCOUNT',
      targetId: a.accountId,
    };
    return [
      {
        kind: 'AWS::SSO::Assignment' as const,
        key: `sso/assignment/${ps.name}/${a.principalType}/${principalName}/${label(a.accountId)}`,
        account: '@organization',
        accountId: a.accountId,
        identity: identityOf('AWS::SSO::Assignment', props),
        props: props as unknown as Record<string, unknown>,
        ...(ps.owner ? { owner: ps.owner } : {}),
        ownerVia: `sso/permission-set/${ps.name}`,
        ref: { permissionSetArn: a.permissionSetArn, principalId: a.principalId },
      },
    ];
  });
}

type Status = { Status?: string; RequestId?: string; FailureReason?: string } | undefined;

async function settle(
  ctx: ApplyContext,
  s: Status,
  kind: 'assignment-create' | 'assignment-delete',
  what: string,
) {
  if (s?.Status === 'SUCCEEDED') return;
  if (s?.Status === 'FAILED') {
    throw new OnrampError(EngineCode.asyncFailed, `${what}: ${s.FailureReason ?? 'FAILED'}`);
  }
  await ctx.waits.done(kind, s?.RequestId ?? '', what);
}

async function stillAssigned(ctx: ApplyContext, o: ObservedResource): Promise<boolean> {
  const p = o.props as unknown as AssignmentProps;
  const all = await allPages(async (NextToken) => {
    const r = await ctx.aws.call(
      'sso-admin',
      'ListAccountAssignments',
      (c) =>
        c.send(
          new ListAccountAssignmentsCommand({
            InstanceArn: ctx.dir.instance().instanceArn,
            AccountId: str(p.targetId),
            PermissionSetArn: o.ref.permissionSetArn,
            NextToken,
          }),
        ),
      { what: `checking ${describe(p)}`, signal: ctx.signal },
    );
    return { items: r.AccountAssignments, next: r.NextToken };
  });
  return all.some((a) => a.PrincipalType === p.principalType && a.PrincipalId === o.ref.principalId);
}

const describe = (p: AssignmentProps) =>
  `SSO Account Assignment (${p.permissionSetName}, ${p.principalType} ${p.principalName}, ${str(p.targetId)})`;

export const ssoAssignment: KindHandler<'AWS::SSO::Assignment'> = {
  kind: 'AWS::SSO::Assignment',
  title: 'SSO Account Assignment',
  service: 'sso-admin',
  operation: 'CreateAccountAssignment',
  cap: Caps.accountAssignments,

  async create(ctx, d: A) {
    const p = d.props;
    const what = `creating ${describe(p)}`;
    const PrincipalId = ctx.dir.principalId(p.principalType, p.principalName);
    if (p.principalType === 'USER') await markAssignedDirectly(ctx, PrincipalId);
    const r = await ctx.aws.call(
      'sso-admin',
      'CreateAccountAssignment',
      (c) =>
        c.send(
          new CreateAccountAssignmentCommand({
            InstanceArn: ctx.dir.instance().instanceArn,
            TargetId: str(p.targetId),
            TargetType: 'AWS_ACCOUNT',
            PermissionSetArn: ctx.dir.permissionSetArn(p.permissionSetName),
            PrincipalType: p.principalType,
            PrincipalId,
          }),
        ),
      { what, signal: ctx.signal },
    );
    await settle(ctx, r.AccountAssignmentCreationStatus, 'assignment-create', what);
  },

  async update() {
    // Every field of an assignment is its identity: there is nothing to update.
  },

  async remove(ctx, o) {
    const p = o.props as unknown as AssignmentProps;
    const what = `deleting ${describe(p)}`;
    const r = await ctx.aws.call(
      'sso-admin',
      'DeleteAccountAssignment',
      (c) =>
        c.send(
          new DeleteAccountAssignmentCommand({
            InstanceArn: ctx.dir.instance().instanceArn,
            TargetId: str(p.targetId),
            TargetType: 'AWS_ACCOUNT',
            PermissionSetArn: o.ref.permissionSetArn,
            PrincipalType: p.principalType,
            PrincipalId: o.ref.principalId,
          }),
        ),
      { what, signal: ctx.signal },
    );
    try {
      await settle(ctx, r.AccountAssignmentDeletionStatus, 'assignment-delete', what);
    } catch (e) {
      // AWS reports "already gone" only as FailureReason text; ask instead of matching the text.
      // A resumed apply meets this when the run it resumes had already submitted the deletion.
      if (await stillAssigned(ctx, o)) throw e;
    }
  },
};
