/** IAM conformance cases: shapes and error codes that any AWS implementation must agree on. */
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type ConformanceCase, TRUST_ACCOUNT } from './case.js';
import type { Clients } from './clients.js';
import { anonymise, observe, shape } from './observe.js';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
});

async function account(c: Clients): Promise<string> {
  return (await c.sts.send(new GetCallerIdentityCommand({}))).Account!;
}

async function role(c: Clients, name = 'app', path = '/'): Promise<void> {
  await c.iam.send(
    new CreateRoleCommand({
      RoleName: name,
      Path: path,
      AssumeRolePolicyDocument: TRUST_ACCOUNT(await account(c)),
    }),
  );
}

export const iamCases: ConformanceCase[] = [
  {
    name: 'iam CreateRole returns the role with its decoded trust policy',
    run: (c) =>
      observe(async () => {
        const acct = await account(c);
        const r = await c.iam.send(
          new CreateRoleCommand({
            RoleName: 'app',
            Path: '/team/',
            AssumeRolePolicyDocument: TRUST_ACCOUNT(acct),
            Description: 'd',
          }),
        );
        const role = r.Role!;
        return {
          name: role.RoleName,
          path: role.Path,
          arn: anonymise(role.Arn),
          roleId: /^AROA[A-Z0-9]{17}$/.test(role.RoleId ?? ''),
          trust: anonymise(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument ?? ''))),
          created: role.CreateDate instanceof Date,
        };
      }),
  },
  {
    name: 'iam GetRole of a missing role is NoSuchEntity (404)',
    run: (c) => observe(() => c.iam.send(new GetRoleCommand({ RoleName: 'missing' }))),
  },
  {
    name: 'iam CreateRole twice is EntityAlreadyExists (409)',
    run: (c) =>
      observe(async () => {
        await role(c);
        await role(c);
      }),
  },
  {
    name: 'iam CreateRole with a malformed trust policy is MalformedPolicyDocument',
    deviation: {
      reason: 'AWS rejects a trust policy that is not valid JSON; moto stores it as given.',
      sandbox: (o) => !o.ok && o.code === 'MalformedPolicyDocumentException' && o.status === 400,
    },
    run: (c) =>
      observe(() =>
        c.iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{"Statement": [' })),
      ),
  },
  {
    name: 'iam CreateRole with an invalid name is a ValidationError',
    deviation: {
      reason: 'AWS role names match [\\w+=,.@-]+; moto accepts any name.',
      sandbox: (o) => !o.ok && o.code === 'ValidationError' && o.status === 400,
    },
    run: (c) =>
      observe(async () =>
        c.iam.send(
          new CreateRoleCommand({
            RoleName: 'bad name!',
            AssumeRolePolicyDocument: TRUST_ACCOUNT(await account(c)),
          }),
        ),
      ),
  },
  {
    name: 'iam AttachRolePolicy of an AWS-managed policy is listed',
    run: (c) =>
      observe(async () => {
        await role(c);
        await c.iam.send(
          new AttachRolePolicyCommand({
            RoleName: 'app',
            PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          }),
        );
        const r = await c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'app' }));
        return { attached: r.AttachedPolicies, truncated: r.IsTruncated };
      }),
  },
  {
    name: 'iam AttachRolePolicy of an unknown policy is NoSuchEntity',
    run: (c) =>
      observe(async () => {
        await role(c);
        await c.iam.send(
          new AttachRolePolicyCommand({
            RoleName: 'app',
            PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicyHere',
          }),
        );
      }),
  },
  {
    name: 'iam DeleteRole with an attached policy is DeleteConflict (409)',
    run: (c) =>
      observe(async () => {
        await role(c);
        await c.iam.send(
          new AttachRolePolicyCommand({
            RoleName: 'app',
            PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          }),
        );
        await c.iam.send(new DeleteRoleCommand({ RoleName: 'app' }));
      }),
  },
  {
    name: 'iam ListRoles pages with Marker and IsTruncated',
    run: (c) =>
      observe(async () => {
        for (const n of ['r1', 'r2', 'r3', 'r4', 'r5']) await role(c, n);
        const names: string[] = [];
        const pages: boolean[] = [];
        let marker: string | undefined;
        do {
          const r = await c.iam.send(new ListRolesCommand({ MaxItems: 2, Marker: marker }));
          names.push(...(r.Roles ?? []).map((x) => x.RoleName!));
          pages.push(!!r.IsTruncated);
          marker = r.Marker;
        } while (marker);
        return { names: names.filter((n) => /^r\d$/.test(n)).sort(), pages };
      }),
  },
  {
    name: 'iam customer-managed policy versions',
    run: (c) =>
      observe(async () => {
        const p = await c.iam.send(
          new CreatePolicyCommand({ PolicyName: 'p', Path: '/x/', PolicyDocument: POLICY }),
        );
        const arn = p.Policy!.Arn!;
        await c.iam.send(
          new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: POLICY, SetAsDefault: true }),
        );
        const got = await c.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
        const v = await c.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
        const list = await c.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
        return {
          arn: anonymise(arn),
          path: got.Policy?.Path,
          defaultVersion: got.Policy?.DefaultVersionId,
          doc: JSON.parse(decodeURIComponent(v.PolicyVersion?.Document ?? '')),
          versions: (list.Versions ?? []).map((x) => [x.VersionId, x.IsDefaultVersion]).sort(),
        };
      }),
  },
  {
    name: 'iam GetPolicy of an AWS-managed policy',
    run: (c) =>
      observe(async () => {
        const p = await c.iam.send(
          new GetPolicyCommand({
            PolicyArn: 'arn:aws:iam::aws:policy/service-role/AmplifyBackendDeployFullAccess',
          }),
        );
        return { name: p.Policy?.PolicyName, path: p.Policy?.Path, arn: p.Policy?.Arn };
      }),
  },
  {
    name: 'iam inline role policy round-trips',
    run: (c) =>
      observe(async () => {
        await role(c);
        await c.iam.send(
          new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'inline', PolicyDocument: POLICY }),
        );
        const r = await c.iam.send(new GetRolePolicyCommand({ RoleName: 'app', PolicyName: 'inline' }));
        return {
          name: r.PolicyName,
          role: r.RoleName,
          doc: JSON.parse(decodeURIComponent(r.PolicyDocument ?? '')),
        };
      }),
  },
  {
    name: 'iam role tags',
    run: (c) =>
      observe(async () => {
        await role(c);
        await c.iam.send(
          new TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'onramp:blueprint', Value: 'demo' }] }),
        );
        return (await c.iam.send(new ListRoleTagsCommand({ RoleName: 'app' }))).Tags;
      }),
  },
  {
    name: 'iam users, groups and access keys',
    run: (c) =>
      observe(async () => {
        await c.iam.send(new CreateUserCommand({ UserName: 'alice' }));
        await c.iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
        await c.iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'alice' }));
        const g = await c.iam.send(new GetGroupCommand({ GroupName: 'admins' }));
        const k = await c.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
        return {
          members: (g.Users ?? []).map((u) => u.UserName),
          group: anonymise(g.Group?.Arn),
          key: shape(k.AccessKey),
          keyId: /^AKIA[A-Z0-9]{16}$/.test(k.AccessKey?.AccessKeyId ?? ''),
          status: k.AccessKey?.Status,
        };
      }),
  },
];
