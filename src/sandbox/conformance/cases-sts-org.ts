/** STS and Organizations conformance cases. */
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type ConformanceCase, TRUST_ACCOUNT } from './case.js';
import type { Clients } from './clients.js';
import { anonymise, observe } from './observe.js';

async function account(c: Clients): Promise<string> {
  return (await c.sts.send(new GetCallerIdentityCommand({}))).Account!;
}

const OTHER_ACCOUNT = '999999999999';

export const stsOrgCases: ConformanceCase[] = [
  {
    name: 'sts GetCallerIdentity',
    run: (c) =>
      observe(async () => {
        const r = await c.sts.send(new GetCallerIdentityCommand({}));
        return {
          account: /^\d{12}$/.test(r.Account ?? ''),
          arn: /^arn:aws:(iam|sts)::\d{12}:/.test(r.Arn ?? ''),
          userId: typeof r.UserId,
        };
      }),
  },
  {
    name: 'sts AssumeRole of a role trusting the caller account',
    run: (c) =>
      observe(async () => {
        const acct = await account(c);
        const role = await c.iam.send(
          new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: TRUST_ACCOUNT(acct) }),
        );
        const r = await c.sts.send(
          new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'conf', DurationSeconds: 900 }),
        );
        const creds = r.Credentials!;
        const who = await c
          .as({
            accessKeyId: creds.AccessKeyId!,
            secretAccessKey: creds.SecretAccessKey!,
            sessionToken: creds.SessionToken!,
          })
          .sts.send(new GetCallerIdentityCommand({}));
        return {
          assumed: anonymise(r.AssumedRoleUser?.Arn),
          temporaryKey: /^ASIA/.test(creds.AccessKeyId ?? ''),
          expires: creds.Expiration instanceof Date,
          who: anonymise(who.Arn),
        };
      }),
  },
  {
    name: 'sts AssumeRole with an invalid session name is a ValidationError',
    deviation: {
      reason: 'AWS session names match [\\w+=,.@-]{2,64}; moto accepts any session name.',
      sandbox: (o) => !o.ok && o.code === 'ValidationError' && o.status === 400,
    },
    run: (c) =>
      observe(async () => {
        const acct = await account(c);
        const role = await c.iam.send(
          new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: TRUST_ACCOUNT(acct) }),
        );
        await c.sts.send(
          new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'bad session name' }),
        );
      }),
  },
  {
    name: 'sts AssumeRole of a role that trusts another account is denied',
    run: (c) =>
      observe(async () => {
        const role = await c.iam.send(
          new CreateRoleCommand({
            RoleName: 'vendor',
            AssumeRolePolicyDocument: TRUST_ACCOUNT(OTHER_ACCOUNT),
          }),
        );
        await c.sts.send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'conf' }));
      }),
    deviation: {
      reason:
        'The sandbox evaluates the trust policy as AWS does; moto issues credentials for any role whatever its trust policy.',
      sandbox: (o) => !o.ok && o.code === 'AccessDenied' && o.status === 403,
    },
  },
  {
    name: 'organizations DescribeOrganization before one exists',
    run: (c) => observe(() => c.org.send(new DescribeOrganizationCommand({}))),
  },
  {
    name: 'organizations CreateOrganization and ListRoots',
    run: (c) =>
      observe(async () => {
        const o = await c.org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
        const roots = await c.org.send(new ListRootsCommand({}));
        return {
          id: /^o-[a-z0-9]{10,32}$/.test(o.Organization?.Id ?? ''),
          featureSet: o.Organization?.FeatureSet,
          master: o.Organization?.MasterAccountId === (await account(c)),
          roots: (roots.Roots ?? []).map((r) => ({
            id: /^r-[0-9a-z]{4,32}$/.test(r.Id ?? ''),
            name: r.Name,
          })),
        };
      }),
  },
  {
    name: 'organizations CreateAccount completes and is listed',
    deviation: {
      reason:
        'AWS answers CreateAccount with State IN_PROGRESS and completes later (the sandbox on the next read in fast mode); moto answers SUCCEEDED at once.',
      sandbox: (o) => {
        const v = o.ok
          ? (o.value as { firstState?: string; finalState?: string; accounts?: number })
          : undefined;
        return v?.firstState === 'IN_PROGRESS' && v.finalState === 'SUCCEEDED' && v.accounts === 2;
      },
    },
    run: (c) =>
      observe(async () => {
        await c.org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
        const created = await c.org.send(
          new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }),
        );
        const id = created.CreateAccountStatus!.Id!;
        let status = created.CreateAccountStatus!;
        for (let i = 0; i < 50 && status.State === 'IN_PROGRESS'; i++) {
          status = (await c.org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id })))
            .CreateAccountStatus!;
        }
        const accounts = await c.org.send(new ListAccountsCommand({}));
        const member = await c.org.send(new DescribeAccountCommand({ AccountId: status.AccountId! }));
        return {
          requestId: /^car-[a-z0-9]{8,32}$/.test(id),
          firstState: created.CreateAccountStatus?.State,
          finalState: status.State,
          accounts: accounts.Accounts?.length,
          member: {
            name: member.Account?.Name,
            email: member.Account?.Email,
            status: member.Account?.Status,
            joined: member.Account?.JoinedMethod,
          },
        };
      }),
  },
  {
    name: 'organizations DescribeAccount of an unknown account',
    run: (c) =>
      observe(async () => {
        await c.org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
        await c.org.send(new DescribeAccountCommand({ AccountId: '111122223333' }));
      }),
  },
  {
    name: 'organizations organizational units',
    run: (c) =>
      observe(async () => {
        await c.org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
        const root = (await c.org.send(new ListRootsCommand({}))).Roots![0].Id!;
        const ou = await c.org.send(
          new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'workloads' }),
        );
        const list = await c.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: root }));
        return {
          id: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/.test(ou.OrganizationalUnit?.Id ?? ''),
          names: (list.OrganizationalUnits ?? []).map((o) => o.Name),
        };
      }),
  },
];
