/**
 * The stand-in engine's Identity Center part: Identity Store users, groups and memberships,
 * permission sets with their policies, and account assignments (asynchronous: each is polled until
 * SUCCEEDED, the FailureReason kept otherwise). Names resolve to ids as they are created.
 */
import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
} from '@aws-sdk/client-identitystore';
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListInstancesCommand,
  PutInlinePolicyToPermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import type { AwsClients } from '../../aws/index.js';
import type { DesiredResource } from '../../blueprint/index.js';

interface Instance {
  instanceArn: string;
  identityStoreId: string;
}

export class IdentityCenterApplier {
  private instance?: Promise<Instance>;
  private readonly users = new Map<string, string>();
  private readonly groups = new Map<string, string>();
  private readonly permissionSets = new Map<string, string>();

  constructor(private readonly clients: AwsClients) {}

  /** The organization's Identity Center instance (Identity Center must be enabled first). */
  findInstance(): Promise<Instance> {
    this.instance ??= this.clients
      .call('sso-admin', 'ListInstances', (s) => s.send(new ListInstancesCommand({})))
      .then((out) => {
        const i = out.Instances?.[0];
        if (!i?.InstanceArn || !i.IdentityStoreId) {
          throw new Error(
            'IAM Identity Center is not enabled in this organization (console: IAM Identity Center > Enable)',
          );
        }
        return { instanceArn: i.InstanceArn, identityStoreId: i.IdentityStoreId };
      });
    return this.instance;
  }

  /** Creates one Identity Center resource; returns its id or ARN. */
  async apply(r: DesiredResource): Promise<string> {
    const { instanceArn: InstanceArn, identityStoreId: IdentityStoreId } = await this.findInstance();
    switch (r.kind) {
      case 'AWS::IdentityStore::User': {
        const p = r.props;
        const out = await this.clients.call('identitystore', 'CreateUser', (ids) =>
          ids.send(
            new CreateUserCommand({
              IdentityStoreId,
              UserName: p.userName,
              DisplayName: p.displayName,
              Name: { GivenName: p.name.givenName, FamilyName: p.name.familyName },
              Emails: p.emails.map((e) => ({ Value: e.value, Type: e.type, Primary: e.primary })),
            }),
          ),
        );
        this.users.set(p.userName, out.UserId ?? '');
        return out.UserId ?? '';
      }
      case 'AWS::IdentityStore::Group': {
        const out = await this.clients.call('identitystore', 'CreateGroup', (ids) =>
          ids.send(
            new CreateGroupCommand({
              IdentityStoreId,
              DisplayName: r.props.displayName,
              Description: r.props.description,
            }),
          ),
        );
        this.groups.set(r.props.displayName, out.GroupId ?? '');
        return out.GroupId ?? '';
      }
      case 'AWS::IdentityStore::GroupMembership': {
        const UserId = this.users.get(r.props.userName);
        if (!UserId) throw new Error(`${r.key}: user ${r.props.userName} is not in this blueprint`);
        const out = await this.clients.call('identitystore', 'CreateGroupMembership', (ids) =>
          ids.send(
            new CreateGroupMembershipCommand({
              IdentityStoreId,
              GroupId: this.groups.get(r.props.groupDisplayName),
              MemberId: { UserId },
            }),
          ),
        );
        return out.MembershipId ?? '';
      }
      case 'AWS::SSO::PermissionSet':
        return this.permissionSet(InstanceArn, r.props);
      case 'AWS::SSO::Assignment':
        return this.assignment(InstanceArn, r.props);
      default:
        throw new Error(`${r.kind} ${r.key} is not an Identity Center resource`);
    }
  }

  private async permissionSet(
    InstanceArn: string,
    p: Extract<DesiredResource, { kind: 'AWS::SSO::PermissionSet' }>['props'],
  ): Promise<string> {
    const out = await this.clients.call('sso-admin', 'CreatePermissionSet', (s) =>
      s.send(
        new CreatePermissionSetCommand({
          InstanceArn,
          Name: p.name,
          Description: p.description,
          SessionDuration: p.sessionDuration,
          RelayState: p.relayState,
          Tags: Object.entries(p.tags).map(([Key, Value]) => ({ Key, Value: String(Value) })),
        }),
      ),
    );
    const PermissionSetArn = out.PermissionSet?.PermissionSetArn ?? '';
    this.permissionSets.set(p.name, PermissionSetArn);
    for (const ManagedPolicyArn of p.managedPolicyArns) {
      await this.clients.call('sso-admin', 'AttachManagedPolicyToPermissionSet', (s) =>
        s.send(
          new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, ManagedPolicyArn }),
        ),
      );
    }
    for (const ref of p.customerManagedPolicies) {
      await this.clients.call('sso-admin', 'AttachCustomerManagedPolicyReferenceToPermissionSet', (s) =>
        s.send(
          new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
            InstanceArn,
            PermissionSetArn,
            CustomerManagedPolicyReference: { Name: ref.name, Path: ref.path },
          }),
        ),
      );
    }
    if (p.inlinePolicy) {
      await this.clients.call('sso-admin', 'PutInlinePolicyToPermissionSet', (s) =>
        s.send(
          new PutInlinePolicyToPermissionSetCommand({
            InstanceArn,
            PermissionSetArn,
            InlinePolicy: JSON.stringify(p.inlinePolicy),
          }),
        ),
      );
    }
    return PermissionSetArn;
  }

  private async assignment(
    InstanceArn: string,
    p: Extract<DesiredResource, { kind: 'AWS::SSO::Assignment' }>['props'],
  ): Promise<string> {
    const PrincipalId = (p.principalType === 'USER' ? this.users : this.groups).get(p.principalName);
    const PermissionSetArn = this.permissionSets.get(p.permissionSetName);
    const out = await this.clients.call('sso-admin', 'CreateAccountAssignment', (s) =>
      s.send(
        new CreateAccountAssignmentCommand({
          InstanceArn,
          PermissionSetArn,
          PrincipalType: p.principalType,
          PrincipalId,
          TargetType: 'AWS_ACCOUNT',
          TargetId: p.targetId as string,
        }),
      ),
    );
    const requestId = out.AccountAssignmentCreationStatus?.RequestId;
    for (let i = 0; i < 200; i++) {
      const s = await this.clients.call('sso-admin', 'DescribeAccountAssignmentCreationStatus', (c) =>
        c.send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn,
            AccountAssignmentCreationRequestId: requestId,
          }),
        ),
      );
      const status = s.AccountAssignmentCreationStatus;
      if (status?.Status === 'SUCCEEDED')
        return `${p.permissionSetName} → ${p.principalName} @ ${p.targetId}`;
      if (status?.Status === 'FAILED')
        throw new Error(`assigning ${p.permissionSetName}: ${status.FailureReason}`);
      await new Promise((done) => setTimeout(done, 20));
    }
    throw new Error(`assigning ${p.permissionSetName} to ${p.principalName}: still in progress`);
  }
}
