/** Identity Center helpers for the kind tests (SDK calls behind onramp's back). Excluded from the build. */
import { GetGroupIdCommand, GetUserIdCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  DescribePermissionSetCommand,
  ListInstancesCommand,
  ListPermissionSetsCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { Rig } from './test-lifecycle.js';

export async function instanceOf(rig: Rig): Promise<{ InstanceArn: string; IdentityStoreId: string }> {
  const r = await new SSOAdminClient(rig.config()).send(new ListInstancesCommand({}));
  const i = r.Instances?.[0];
  return { InstanceArn: i?.InstanceArn ?? '', IdentityStoreId: i?.IdentityStoreId ?? '' };
}

export async function userIdOf(rig: Rig, userName: string): Promise<string> {
  const { IdentityStoreId } = await instanceOf(rig);
  const r = await new IdentitystoreClient(rig.config()).send(
    new GetUserIdCommand({
      IdentityStoreId,
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: userName } },
    }),
  );
  return r.UserId ?? '';
}

export async function groupIdOf(rig: Rig, displayName: string): Promise<string> {
  const { IdentityStoreId } = await instanceOf(rig);
  const r = await new IdentitystoreClient(rig.config()).send(
    new GetGroupIdCommand({
      IdentityStoreId,
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: displayName } },
    }),
  );
  return r.GroupId ?? '';
}

export async function permissionSetArnOf(rig: Rig, name: string): Promise<string> {
  const { InstanceArn } = await instanceOf(rig);
  const sso = new SSOAdminClient(rig.config());
  const list = await sso.send(new ListPermissionSetsCommand({ InstanceArn }));
  for (const PermissionSetArn of list.PermissionSets ?? []) {
    const d = await sso.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }));
    if (d.PermissionSet?.Name === name) return PermissionSetArn;
  }
  throw new Error(`no permission set ${name}`);
}
