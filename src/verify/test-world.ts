/**
 * Test fixture for verify: a blueprint covering every kind of access path, and a healthy world built
 * from it by hand through the SDK (as a person clicking in the console would), in an `org` sandbox.
 * Tests then break one thing and assert verify names exactly that. Excluded from the build (test-*.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iamApi from '@aws-sdk/client-iam';
import * as idsApi from '@aws-sdk/client-identitystore';
import * as ssoApi from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClients } from '../aws/clients.js';
import { loadBlueprint, requireValid, toDesired } from '../blueprint/index.js';
import type { Blueprint, DesiredResource } from '../blueprint/types.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { EXTERNAL_ID, fixtureYaml } from './test-blueprints.js';
import type { VerifyReport } from './types.js';
import { type VerifyOptions, verifyBlueprint } from './verify.js';

export * from './test-blueprints.js';

export interface World {
  sb: Sandbox;
  blueprint: Blueprint;
  desired: DesiredResource[];
  mgmt: string;
  m1: string;
  m2: string;
  instanceArn: string;
  identityStoreId: string;
  sso: ssoApi.SSOAdminClient;
  ids: idsApi.IdentitystoreClient;
  /** An IAM client acting in the account (management: the admin; members: through OrganizationAccountAccessRole). */
  iam(account: string): Promise<iamApi.IAMClient>;
  userId(name: string): string;
  permissionSetArn(name: string): string;
}

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export async function assumeAs(
  sb: Sandbox,
  roleArn: string,
  creds?: Creds,
  extra: { Policy?: string } = {},
): Promise<Creds> {
  const sts = new STSClient({ ...sb.clientConfig(creds), maxAttempts: 1 });
  const out = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'test-admin', ...extra }),
  );
  sts.destroy();
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
}

/** Loads a fixture; vars the blueprint does not declare are dropped (fixtures share one var list). */
export async function loadFixture(text: string, vars: string[]): Promise<Blueprint> {
  const declared = vars.filter((v) => new RegExp(`^\\s{2}${v.split('=')[0]}:`, 'm').test(text));
  return requireValid(await loadBlueprint({ text, file: 'verify-fixture.yaml' }, { varFlags: declared }));
}

export interface WorldOptions {
  /** The blueprint (a function is called after `prepare`, for values that only exist then). */
  yaml?: string | (() => string);
  /** Runs right after the reset; returns the stable ARN of the caller verify will run as (default the admin). */
  prepare?: () => Promise<string | undefined>;
}

/** Resets the sandbox and builds the fixture's world by hand; every path then verifies clean. */
export async function healthyWorld(sb: Sandbox, opts: WorldOptions = {}): Promise<World> {
  sb.reset();
  const callerArn = (await opts.prepare?.()) ?? sb.admin.arn;
  const mgmt = sb.admin.accountId;
  const members = Object.keys(sb.world.accounts)
    .filter((id) => id !== mgmt)
    .sort();
  const [m1, m2] = members;
  const vars = [`m1=${m1}`, `m2=${m2}`, `mgmt=${mgmt}`, `externalId=${EXTERNAL_ID}`];
  const yaml = typeof opts.yaml === 'function' ? opts.yaml() : opts.yaml;
  const blueprint = await loadFixture(yaml ?? fixtureYaml(), vars);
  const desired = toDesired(blueprint, { 'caller.arn': callerArn, 'caller.account': mgmt });
  const config = { ...sb.clientConfig(), maxAttempts: 1 };
  const sso = new ssoApi.SSOAdminClient(config);
  const ids = new idsApi.IdentitystoreClient(config);
  const instance = (await sso.send(new ssoApi.ListInstancesCommand({}))).Instances![0];
  const iamClients = new Map<string, iamApi.IAMClient>();
  const iam = async (account: string) => {
    let c = iamClients.get(account);
    if (!c) {
      const creds =
        account === mgmt
          ? undefined
          : await assumeAs(sb, `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`);
      c = new iamApi.IAMClient({ ...sb.clientConfig(creds), maxAttempts: 1 });
      iamClients.set(account, c);
    }
    return c;
  };
  const users = new Map<string, string>();
  const groups = new Map<string, string>();
  const sets = new Map<string, string>();
  const store = { IdentityStoreId: instance.IdentityStoreId! };
  const InstanceArn = instance.InstanceArn!;
  for (const r of desired) {
    const account = typeof r.accountId === 'string' ? r.accountId : mgmt;
    if (r.kind === 'AWS::IAM::Role') {
      const c = await iam(account);
      const p = r.props;
      await c.send(
        new iamApi.CreateRoleCommand({
          RoleName: p.roleName,
          Path: p.path,
          AssumeRolePolicyDocument: JSON.stringify(p.assumeRolePolicyDocument),
        }),
      );
      for (const arn of p.managedPolicyArns) {
        await c.send(new iamApi.AttachRolePolicyCommand({ RoleName: p.roleName, PolicyArn: String(arn) }));
      }
    } else if (r.kind === 'AWS::IdentityStore::User') {
      const p = r.props;
      const out = await ids.send(
        new idsApi.CreateUserCommand({
          ...store,
          UserName: p.userName,
          DisplayName: p.displayName,
          Name: { GivenName: p.name.givenName, FamilyName: p.name.familyName },
          Emails: p.emails.map((e) => ({ Value: e.value, Type: e.type, Primary: e.primary })),
        }),
      );
      users.set(p.userName, out.UserId!);
    } else if (r.kind === 'AWS::IdentityStore::Group') {
      const out = await ids.send(
        new idsApi.CreateGroupCommand({ ...store, DisplayName: r.props.displayName }),
      );
      groups.set(r.props.displayName, out.GroupId!);
    } else if (r.kind === 'AWS::IdentityStore::GroupMembership') {
      await ids.send(
        new idsApi.CreateGroupMembershipCommand({
          ...store,
          GroupId: groups.get(r.props.groupDisplayName)!,
          MemberId: { UserId: users.get(r.props.userName)! },
        }),
      );
    } else if (r.kind === 'AWS::SSO::PermissionSet') {
      const p = r.props;
      const out = await sso.send(
        new ssoApi.CreatePermissionSetCommand({
          InstanceArn,
          Name: p.name,
          SessionDuration: p.sessionDuration,
        }),
      );
      const PermissionSetArn = out.PermissionSet!.PermissionSetArn!;
      sets.set(p.name, PermissionSetArn);
      for (const ManagedPolicyArn of p.managedPolicyArns) {
        await sso.send(
          new ssoApi.AttachManagedPolicyToPermissionSetCommand({
            InstanceArn,
            PermissionSetArn,
            ManagedPolicyArn,
          }),
        );
      }
      if (p.inlinePolicy) {
        await sso.send(
          new ssoApi.PutInlinePolicyToPermissionSetCommand({
            InstanceArn,
            PermissionSetArn,
            InlinePolicy: JSON.stringify(p.inlinePolicy),
          }),
        );
      }
    } else if (r.kind === 'AWS::SSO::Assignment') {
      const p = r.props;
      const PrincipalId =
        p.principalType === 'USER' ? users.get(p.principalName)! : groups.get(p.principalName)!;
      await assign(sso, {
        InstanceArn,
        PermissionSetArn: sets.get(p.permissionSetName)!,
        TargetId: String(p.targetId),
        PrincipalType: p.principalType,
        PrincipalId,
      });
    }
  }
  return {
    sb,
    blueprint,
    desired,
    mgmt,
    m1,
    m2,
    instanceArn: InstanceArn,
    identityStoreId: store.IdentityStoreId,
    sso,
    ids,
    iam,
    userId: (n) => users.get(n)!,
    permissionSetArn: (n) => sets.get(n)!,
  };
}

/** CreateAccountAssignment and wait for it (fast mode completes at once). */
export async function assign(
  sso: ssoApi.SSOAdminClient,
  a: {
    InstanceArn: string;
    PermissionSetArn: string;
    TargetId: string;
    PrincipalType: 'USER' | 'GROUP';
    PrincipalId: string;
  },
): Promise<void> {
  const out = await sso.send(new ssoApi.CreateAccountAssignmentCommand({ ...a, TargetType: 'AWS_ACCOUNT' }));
  for (let i = 0; i < 50; i++) {
    const s = await sso.send(
      new ssoApi.DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: a.InstanceArn,
        AccountAssignmentCreationRequestId: out.AccountAssignmentCreationStatus!.RequestId,
      }),
    );
    if (s.AccountAssignmentCreationStatus?.Status === 'SUCCEEDED') return;
    if (s.AccountAssignmentCreationStatus?.Status === 'FAILED')
      throw new Error(s.AccountAssignmentCreationStatus.FailureReason);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('assignment did not finish');
}

/** An empty HOME, so a test never reads the developer's own ~/.aws. */
export function emptyHome(): string {
  return mkdtempSync(join(tmpdir(), 'onramp-verify-home-'));
}

/**
 * Runs verify as the sandbox admin (or `creds`), fast: no waiting for propagation. Asserts that the
 * offline evaluation agreed with the live answer on every request that had both, unless the test
 * builds a disagreement on purpose (`expectDisagreement`).
 */
export async function runVerify(
  w: Pick<World, 'sb' | 'blueprint'>,
  opts: Partial<VerifyOptions> & { creds?: Creds; expectDisagreement?: boolean } = {},
): Promise<VerifyReport> {
  const { creds, expectDisagreement, ...rest } = opts;
  const clients = new AwsClients(
    { endpointUrl: w.sb.url, region: w.sb.region, credentials: creds ?? w.sb.clientConfig().credentials },
    { limiter: false, retry: { maxAttempts: 2, baseDelayMs: 1 } },
  );
  try {
    const report = await verifyBlueprint(w.blueprint, {
      clients,
      probeTimeoutMs: 0,
      home: emptyHome(),
      env: {},
      ...rest,
    });
    if (!expectDisagreement) assert.deepEqual(disagreements(report), [], 'offline and live disagree');
    return report;
  } finally {
    await clients.destroy();
  }
}

/** The codes of the report's findings, sorted and de-duplicated. */
export const codesOf = (r: VerifyReport): string[] => [...new Set(r.findings.map((f) => f.code))].sort();

/** Every live probe that had an offline prediction agrees with it. */
export function disagreements(r: VerifyReport): string[] {
  return r.paths.flatMap((p) =>
    p.live
      .filter((l) => l.agrees === false)
      .map((l) => `${p.path.id}: ${l.request} live ${l.answer}, offline ${l.offline}`),
  );
}
