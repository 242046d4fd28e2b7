/**
 * The stand-in engine (see engine.ts): applies a blueprint's desired graph with plain SDK calls in
 * dependency order. Accounts first (their ids fill `${accounts.<k>.id}`), then everything else; the
 * caller is resolved to a stable principal for `trust: { caller: true }`. No reads, no diff, no
 * retries beyond the SDK client's: it creates into a fresh sandbox and nothing else. The real engine
 * (src/engine) replaces it.
 */
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateAccountCommand, DescribeCreateAccountStatusCommand } from '@aws-sdk/client-organizations';
import type { AwsClients } from '../../aws/index.js';
import {
  type Blueprint,
  callerPrincipal,
  type DesiredResource,
  formatDeferred,
  isDeferred,
  makeEvaluator,
  ORGANIZATION,
  toDesired,
} from '../../blueprint/index.js';
import type { AppliedBlueprint, CreatedResource, DemoEngine } from './engine.js';
import { IdentityCenterApplier } from './standin-sso.js';

const tagList = (tags: Record<string, unknown>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value: String(Value) }));

/** Fails on the first value the stand-in could not resolve (the real engine defers them). */
function assertResolved(value: unknown, where: string): void {
  if (isDeferred(value)) throw new Error(`${where}: ${formatDeferred(value)} is not known`);
  if (Array.isArray(value)) {
    for (const v of value) assertResolved(v, where);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) assertResolved(v, where);
  }
}

export class StandInEngine implements DemoEngine {
  readonly label = 'stand-in engine (plain SDK calls)';

  constructor(private readonly clients: AwsClients) {}

  /** `caller.account` and `caller.arn`: a session is resolved to its role (with the role's path). */
  private async callerValues(): Promise<Record<string, string>> {
    const me = await this.clients.callerIdentity();
    const stable = callerPrincipal(me.arn);
    let arn = stable.arn;
    if (stable.needsPath) {
      const name = arn.slice(arn.lastIndexOf('/') + 1);
      const role = await this.clients.call('iam', 'GetRole', (iam) =>
        iam.send(new GetRoleCommand({ RoleName: name })),
      );
      arn = role.Role?.Arn ?? arn;
    }
    return { 'caller.account': me.account, 'caller.arn': arn };
  }

  private async createAccount(r: Extract<DesiredResource, { kind: 'AWS::Organizations::Account' }>) {
    const p = r.props;
    const started = await this.clients.call('organizations', 'CreateAccount', (o) =>
      o.send(
        new CreateAccountCommand({
          AccountName: p.accountName,
          Email: p.email,
          RoleName: p.accessRoleName,
          Tags: tagList(p.tags),
        }),
      ),
    );
    const requestId = started.CreateAccountStatus?.Id;
    for (let i = 0; i < 200; i++) {
      const s = await this.clients.call('organizations', 'DescribeCreateAccountStatus', (o) =>
        o.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })),
      );
      const status = s.CreateAccountStatus;
      if (status?.State === 'SUCCEEDED' && status.AccountId) return status.AccountId;
      if (status?.State === 'FAILED')
        throw new Error(`creating account ${p.accountName}: ${status.FailureReason}`);
      await new Promise((done) => setTimeout(done, 25));
    }
    throw new Error(`creating account ${p.accountName}: still in progress`);
  }

  async apply(bp: Blueprint): Promise<AppliedBlueprint> {
    const values = await this.callerValues();
    const created: CreatedResource[] = [];
    const accessRoles: Record<string, string> = {};
    for (const r of toDesired(bp, values)) {
      if (r.kind !== 'AWS::Organizations::Account') continue;
      const id = await this.createAccount(r);
      values[`${r.origin}.id`] = id;
      accessRoles[id] = r.props.accessRoleName;
      created.push({ kind: r.kind, key: r.key, account: ORGANIZATION, id });
    }
    // Existing accounts' ids (`id: ${caller.account}` or digits) are known now; record them too.
    const ev = makeEvaluator(bp, values);
    for (const [key, account] of Object.entries(bp.accounts)) {
      const id = account.id === undefined ? undefined : ev.string(account.id);
      if (typeof id === 'string') values[`accounts.${key}.id`] = id;
    }
    const sso = new IdentityCenterApplier(this.clients);
    for (const r of toDesired(bp, values)) {
      if (r.kind === 'AWS::Organizations::Account') continue;
      assertResolved(r.props, r.origin);
      if (r.account === ORGANIZATION) {
        created.push({ kind: r.kind, key: r.key, account: ORGANIZATION, id: await sso.apply(r) });
        continue;
      }
      const accountId = r.accountId as string;
      const ctx = await this.clients.forAccount(accountId, { roleName: accessRoles[accountId] });
      created.push({ kind: r.kind, key: r.key, account: accountId, id: await applyIam(ctx, r) });
    }
    return { blueprint: bp.name, values, created };
  }

  async destroy(applied: AppliedBlueprint, keys?: readonly string[]): Promise<string[]> {
    const doomed = applied.created.filter((c) => !keys || keys.includes(c.key)).reverse();
    for (const c of doomed) {
      if (c.kind !== 'AWS::IAM::Role' && c.kind !== 'AWS::IAM::ManagedPolicy') {
        throw new Error(`the stand-in engine only destroys IAM roles and policies, not ${c.kind}`);
      }
      const ctx = await this.clients.forAccount(c.account);
      if (c.kind === 'AWS::IAM::Role') await deleteRole(ctx, c.id.slice(c.id.lastIndexOf('/') + 1));
      else
        await ctx.call('iam', 'DeletePolicy', (iam) =>
          iam.send(new DeletePolicyCommand({ PolicyArn: c.id })),
        );
    }
    return doomed.map((c) => c.key);
  }
}

/** Creates one account-scoped IAM resource; returns its ARN (or a description for attachments). */
async function applyIam(ctx: AwsClients, r: DesiredResource): Promise<string> {
  const json = (d: unknown) => JSON.stringify(d);
  switch (r.kind) {
    case 'AWS::IAM::ManagedPolicy': {
      const p = r.props;
      const out = await ctx.call('iam', 'CreatePolicy', (iam) =>
        iam.send(
          new CreatePolicyCommand({
            PolicyName: p.policyName,
            Path: p.path,
            PolicyDocument: json(p.policyDocument),
            Description: p.description as string | undefined,
            Tags: tagList(p.tags),
          }),
        ),
      );
      return out.Policy?.Arn ?? p.policyName;
    }
    case 'AWS::IAM::Role': {
      const p = r.props;
      const RoleName = p.roleName;
      const out = await ctx.call('iam', 'CreateRole', (iam) =>
        iam.send(
          new CreateRoleCommand({
            RoleName,
            Path: p.path,
            AssumeRolePolicyDocument: json(p.assumeRolePolicyDocument),
            Description: p.description as string | undefined,
            MaxSessionDuration: p.maxSessionDuration,
            PermissionsBoundary: p.permissionsBoundary as string | undefined,
            Tags: tagList(p.tags),
          }),
        ),
      );
      for (const PolicyArn of p.managedPolicyArns as string[]) {
        await ctx.call('iam', 'AttachRolePolicy', (iam) =>
          iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn })),
        );
      }
      for (const [PolicyName, doc] of Object.entries(p.inlinePolicies)) {
        await ctx.call('iam', 'PutRolePolicy', (iam) =>
          iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument: json(doc) })),
        );
      }
      return out.Role?.Arn ?? RoleName;
    }
    case 'AWS::IAM::Group': {
      const p = r.props;
      const GroupName = p.groupName;
      const out = await ctx.call('iam', 'CreateGroup', (iam) =>
        iam.send(new CreateGroupCommand({ GroupName, Path: p.path })),
      );
      for (const PolicyArn of p.managedPolicyArns as string[]) {
        await ctx.call('iam', 'AttachGroupPolicy', (iam) =>
          iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn })),
        );
      }
      for (const [PolicyName, doc] of Object.entries(p.inlinePolicies)) {
        await ctx.call('iam', 'PutGroupPolicy', (iam) =>
          iam.send(new PutGroupPolicyCommand({ GroupName, PolicyName, PolicyDocument: json(doc) })),
        );
      }
      return out.Group?.Arn ?? GroupName;
    }
    case 'AWS::IAM::UserToGroupAddition': {
      for (const UserName of r.props.users) {
        await ctx.call('iam', 'AddUserToGroup', (iam) =>
          iam.send(new AddUserToGroupCommand({ GroupName: r.props.groupName, UserName })),
        );
      }
      return `${r.props.groupName}: ${r.props.users.join(', ')}`;
    }
    default:
      throw new Error(`${r.kind} ${r.key} is not an account resource`);
  }
}

async function deleteRole(ctx: AwsClients, RoleName: string): Promise<void> {
  const attached = await ctx.call('iam', 'ListAttachedRolePolicies', (iam) =>
    iam.send(new ListAttachedRolePoliciesCommand({ RoleName })),
  );
  for (const p of attached.AttachedPolicies ?? []) {
    await ctx.call('iam', 'DetachRolePolicy', (iam) =>
      iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn })),
    );
  }
  const inline = await ctx.call('iam', 'ListRolePolicies', (iam) =>
    iam.send(new ListRolePoliciesCommand({ RoleName })),
  );
  for (const PolicyName of inline.PolicyNames ?? []) {
    await ctx.call('iam', 'DeleteRolePolicy', (iam) =>
      iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })),
    );
  }
  await ctx.call('iam', 'DeleteRole', (iam) => iam.send(new DeleteRoleCommand({ RoleName })));
}
