import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListRolesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { useSandbox } from '../../test-support.js';
import { rejectsWith, S3_READ, trustAccount } from './test-iam.js';

/** `version` '' leaves Version out. */
const doc = (statement: Record<string, unknown>, version = '2012-10-17') =>
  JSON.stringify({ ...(version ? { Version: version } : {}), Statement: [statement] });

/** A document of roughly `chars` characters (each action adds 21: quotes, comma and 18 letters). */
function bigPolicy(chars: number): string {
  const actions = Array.from(
    { length: Math.floor(chars / 21) },
    (_, i) => `s3:GetObject${String(i).padStart(6, '0')}`,
  );
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
  });
}

describe('iam errors, worded as AWS words them', () => {
  const sb = useSandbox({ seed: 'fresh' });
  // The SDK classifies IAM's LimitExceeded (modelled as LimitExceededException) as throttling and
  // retries it with backoff; one attempt keeps these tests fast.
  const iam = () => new IAMClient({ ...sb.current.clientConfig(), maxAttempts: 1 });
  const trust = () => trustAccount(sb.current.admin.accountId);
  const role = (
    RoleName: string,
    extra: Partial<{ Path: string; MaxSessionDuration: number; Description: string }> = {},
  ) => iam().send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust(), ...extra }));

  it('ValidationError for names, paths, durations and descriptions', async () => {
    await rejectsWith(role('bad name'), 'ValidationError', {
      status: 400,
      message:
        "1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    });
    await rejectsWith(role('r'.repeat(65)), 'ValidationError', {
      message:
        /at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64$/,
    });
    await rejectsWith(role('ok', { Path: 'no-slashes' }), 'ValidationError', {
      message: /at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    });
    await rejectsWith(role('ok', { MaxSessionDuration: 3599 }), 'ValidationError', {
      message:
        /Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600/,
    });
    await rejectsWith(role('ok', { MaxSessionDuration: 43201 }), 'ValidationError', {
      message: /Member must have value less than or equal to 43200/,
    });
    await rejectsWith(role('ok', { Description: 'd'.repeat(1001) }), 'ValidationError', {
      message:
        /at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000/,
    });
    // Every failure at once, as AWS reports them.
    await rejectsWith(role('bad name', { MaxSessionDuration: 1 }), 'ValidationError', {
      message: /^2 validation errors detected: .*roleName.*; .*maxSessionDuration/,
    });
    await rejectsWith(iam().send(new CreateUserCommand({ UserName: 'u'.repeat(65) })), 'ValidationError', {
      message: /at 'userName'.*less than or equal to 64/,
    });
    await rejectsWith(iam().send(new CreateGroupCommand({ GroupName: 'g'.repeat(129) })), 'ValidationError', {
      message: /at 'groupName'.*less than or equal to 128/,
    });
  });

  it('ValidationError for MaxItems and an unusable Marker', async () => {
    await rejectsWith(iam().send(new ListRolesCommand({ MaxItems: 0 })), 'ValidationError', {
      message:
        /Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    });
    await rejectsWith(iam().send(new ListRolesCommand({ MaxItems: 1001 })), 'ValidationError', {
      message: /less than or equal to 1000/,
    });
    await rejectsWith(iam().send(new ListRolesCommand({ Marker: 'not-a-marker' })), 'ValidationError');
  });

  it('EntityAlreadyExists ignores case', async () => {
    await role('Dup');
    await rejectsWith(role('dup'), 'EntityAlreadyExists', {
      status: 409,
      message: 'Role with name dup already exists.',
    });
    await iam().send(new CreateUserCommand({ UserName: 'Someone' }));
    await rejectsWith(iam().send(new CreateUserCommand({ UserName: 'SOMEONE' })), 'EntityAlreadyExists', {
      message: 'User with name SOMEONE already exists.',
    });
    await iam().send(new CreateGroupCommand({ GroupName: 'Team' }));
    await rejectsWith(iam().send(new CreateGroupCommand({ GroupName: 'team' })), 'EntityAlreadyExists', {
      message: 'Group with name team already exists.',
    });
    await iam().send(new CreatePolicyCommand({ PolicyName: 'Pol', PolicyDocument: S3_READ }));
    await rejectsWith(
      iam().send(new CreatePolicyCommand({ PolicyName: 'pol', Path: '/other/', PolicyDocument: S3_READ })),
      'EntityAlreadyExists',
      { message: 'A policy called pol already exists. Duplicate names are not allowed.' },
    );
  });

  it('tag limits: count, lengths, reserved prefix, duplicates', async () => {
    await role('tags');
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(iam().send(new TagRoleCommand({ RoleName: 'tags', Tags: many })), 'ValidationError', {
      message: /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50/,
    });
    await rejectsWith(
      iam().send(new TagRoleCommand({ RoleName: 'tags', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] })),
      'ValidationError',
      { message: /less than or equal to 128/ },
    );
    await rejectsWith(
      iam().send(new TagRoleCommand({ RoleName: 'tags', Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] })),
      'ValidationError',
      { message: /less than or equal to 256/ },
    );
    await rejectsWith(
      iam().send(new TagRoleCommand({ RoleName: 'tags', Tags: [{ Key: 'aws:owner', Value: 'x' }] })),
      'InvalidInput',
    );
    await rejectsWith(
      iam().send(
        new TagRoleCommand({
          RoleName: 'tags',
          Tags: [
            { Key: 'Env', Value: 'a' },
            { Key: 'env', Value: 'b' },
          ],
        }),
      ),
      'InvalidInput',
      { message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' },
    );
    await iam().send(new TagRoleCommand({ RoleName: 'tags', Tags: many.slice(0, 50) }));
    await rejectsWith(
      iam().send(new TagRoleCommand({ RoleName: 'tags', Tags: [{ Key: 'one-more', Value: 'v' }] })),
      'LimitExceeded',
      { status: 409 },
    );
  });

  it('MalformedPolicyDocument for grammar errors in identity and managed policies', async () => {
    await role('grammar');
    const put = (PolicyDocument: string) =>
      iam().send(new PutRolePolicyCommand({ RoleName: 'grammar', PolicyName: 'p', PolicyDocument }));
    const cases: Array<[string, string]> = [
      ['{"Version": "2012-10-17", "Statement": [', 'Syntax errors in policy.'],
      [doc({ Action: 's3:GetObject', Resource: '*' }), 'Syntax errors in policy.'],
      [doc({ Effect: 'Allow', Resource: '*' }), 'Policy statement must contain actions.'],
      [doc({ Effect: 'Allow', Action: 's3:GetObject' }), 'Policy statement must contain resources.'],
      [
        doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, '2013-01-01'),
        'Syntax errors in policy.',
      ],
      [
        doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }),
        'Policy document should not specify a principal.',
      ],
      [
        doc({ Effect: 'Allow', Action: 'GetObject', Resource: '*' }),
        'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
      ],
      [
        doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'bucket' }),
        'Resource bucket must be in ARN format or "*".',
      ],
    ];
    for (const [document, message] of cases)
      await rejectsWith(put(document), 'MalformedPolicyDocument', { status: 400, message });
    // Managed policies must say Version 2012-10-17; inline ones may leave it out.
    const noVersion = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, '');
    await put(noVersion);
    await rejectsWith(
      iam().send(new CreatePolicyCommand({ PolicyName: 'old', PolicyDocument: noVersion })),
      'MalformedPolicyDocument',
      { message: 'Policy document must be version 2012-10-17 or greater.' },
    );
  });

  it('MalformedPolicyDocument for trust policies without principals, with resources or non-STS actions', async () => {
    const create = (AssumeRolePolicyDocument: string) =>
      iam().send(new CreateRoleCommand({ RoleName: 'trust-bad', AssumeRolePolicyDocument }));
    await rejectsWith(create(doc({ Effect: 'Allow', Action: 'sts:AssumeRole' })), 'MalformedPolicyDocument', {
      message: /statement with no principals/,
    });
    await rejectsWith(
      create(
        doc({ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole', Resource: '*' }),
      ),
      'MalformedPolicyDocument',
      { message: 'Has prohibited field Resource.' },
    );
    await rejectsWith(
      create(doc({ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject' })),
      'MalformedPolicyDocument',
      { message: 'AssumeRole policy may only specify STS AssumeRole actions.' },
    );
    // Trusting a role that does not exist in a known account fails, as IAM resolves principals on save.
    const ghost = `arn:aws:iam::${sb.current.admin.accountId}:role/ghost`;
    await rejectsWith(
      create(doc({ Effect: 'Allow', Principal: { AWS: ghost }, Action: 'sts:AssumeRole' })),
      'MalformedPolicyDocument',
      { message: `Invalid principal in policy: "AWS":"${ghost}"` },
    );
    await rejectsWith(
      create(doc({ Effect: 'Allow', Principal: { Service: 'not a service' }, Action: 'sts:AssumeRole' })),
      'MalformedPolicyDocument',
      { message: 'Invalid principal in policy: "SERVICE":"not a service"' },
    );
  });

  it('size quotas: trust 2048, managed 6144, inline role aggregate 10240 (white space not counted)', async () => {
    const accounts = Array.from({ length: 160 }, (_, i) => String(100000000000 + i));
    const bigTrust = doc({ Effect: 'Allow', Principal: { AWS: accounts }, Action: 'sts:AssumeRole' });
    await rejectsWith(
      iam().send(new CreateRoleCommand({ RoleName: 'big-trust', AssumeRolePolicyDocument: bigTrust })),
      'LimitExceeded',
      { status: 409, message: 'Cannot exceed quota for ACLSizePerRole: 2048' },
    );
    const spacious = trust().replaceAll(',', `,${' '.repeat(800)}`);
    assert.ok(spacious.length > 2048);
    await iam().send(new CreateRoleCommand({ RoleName: 'spacious', AssumeRolePolicyDocument: spacious }));
    await rejectsWith(
      iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'spacious', PolicyDocument: bigTrust })),
      'LimitExceeded',
      { message: 'Cannot exceed quota for ACLSizePerRole: 2048' },
    );

    await rejectsWith(
      iam().send(new CreatePolicyCommand({ PolicyName: 'huge', PolicyDocument: bigPolicy(6200) })),
      'LimitExceeded',
      { message: 'Cannot exceed quota for PolicySize: 6144' },
    );
    assert.ok(bigPolicy(6050).length < 6144);
    await iam().send(new CreatePolicyCommand({ PolicyName: 'fits', PolicyDocument: bigPolicy(6050) }));

    await role('inline-heavy');
    const put = (PolicyName: string, PolicyDocument: string) =>
      iam().send(new PutRolePolicyCommand({ RoleName: 'inline-heavy', PolicyName, PolicyDocument }));
    await put('a', bigPolicy(6000));
    await rejectsWith(put('b', bigPolicy(6000)), 'LimitExceeded', {
      message: 'Maximum policy size of 10240 bytes exceeded for role inline-heavy',
    });
    // Replacing a policy counts its new size, not both.
    await put('a', bigPolicy(9000));
  });

  it('LimitExceeded at 10 managed policies per role; NoSuchEntity and InvalidInput for policy ARNs', async () => {
    await role('crowded');
    const arns = [
      'AdministratorAccess',
      'PowerUserAccess',
      'ReadOnlyAccess',
      'IAMFullAccess',
      'IAMReadOnlyAccess',
      'AmazonS3FullAccess',
      'AmazonS3ReadOnlyAccess',
      'AWSOrganizationsFullAccess',
      'AWSCloudFormationFullAccess',
      'SecurityAudit',
      'AmazonEC2FullAccess',
    ].map((n) => `arn:aws:iam::aws:policy/${n}`);
    for (const PolicyArn of arns.slice(0, 10))
      await iam().send(new AttachRolePolicyCommand({ RoleName: 'crowded', PolicyArn }));
    await rejectsWith(
      iam().send(new AttachRolePolicyCommand({ RoleName: 'crowded', PolicyArn: arns[10] })),
      'LimitExceeded',
      { status: 409, message: 'Cannot exceed quota for PoliciesPerRole: 10' },
    );
    await rejectsWith(
      iam().send(
        new AttachRolePolicyCommand({
          RoleName: 'crowded',
          PolicyArn: 'arn:aws:iam::aws:policy/NotARealPolicy',
        }),
      ),
      'NoSuchEntity',
      {
        status: 404,
        message: 'Policy arn:aws:iam::aws:policy/NotARealPolicy does not exist or is not attachable.',
      },
    );
    await rejectsWith(
      iam().send(
        new AttachRolePolicyCommand({ RoleName: 'crowded', PolicyArn: 'arn:aws:iam::aws:role/NotAPolicy' }),
      ),
      'InvalidInput',
      { status: 400, message: 'ARN arn:aws:iam::aws:role/NotAPolicy is not valid.' },
    );
    await rejectsWith(
      iam().send(new AttachRolePolicyCommand({ RoleName: 'ghost', PolicyArn: arns[0] })),
      'NoSuchEntity',
      { message: 'The role with name ghost cannot be found.' },
    );
  });
});
