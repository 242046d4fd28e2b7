import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { useSandbox } from '../../test-support.js';
import { addRole, addRootKeys, addUser, allow, doc, type Keys, keysOf, trust } from './test-fixtures.js';

const OTHER_ACCOUNT = '210987654321';

function isError(name: string, message?: string | RegExp) {
  return (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(e.name, name, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  };
}

describe('sts:AssumeRole', () => {
  const sb = useSandbox();
  const sts = (keys?: Keys) => new STSClient(sb.current.clientConfig(keys));
  const assume = (keys: Keys | undefined, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }) =>
    sts(keys).send(new AssumeRoleCommand({ RoleSessionName: 'test', ...input }));

  it('answers AWS-shaped temporary credentials that act as the role session', async () => {
    const user = addUser(sb.current, 'direct-user');
    const role = addRole(sb.current, 'direct-role', doc([trust(user.arn)]));
    const before = Date.now();
    const out = await assume(user, { RoleArn: role.Arn, RoleSessionName: 'alice@example.com' });
    assert.match(out.Credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
    assert.equal(out.Credentials?.SecretAccessKey?.length, 40);
    assert.ok(out.Credentials?.SessionToken);
    const expires = out.Credentials?.Expiration?.getTime() ?? 0;
    assert.ok(Math.abs(expires - (before + 3600_000)) < 5_000, `expiration ${out.Credentials?.Expiration}`);
    const sessionArn = `arn:aws:sts::${sb.current.admin.accountId}:assumed-role/direct-role/alice@example.com`;
    assert.deepEqual(out.AssumedRoleUser, {
      AssumedRoleId: `${role.RoleId}:alice@example.com`,
      Arn: sessionArn,
    });
    assert.equal(out.PackedPolicySize, undefined);
    const id = await sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    assert.deepEqual(
      { Account: id.Account, Arn: id.Arn, UserId: id.UserId },
      { Account: sb.current.admin.accountId, Arn: sessionArn, UserId: `${role.RoleId}:alice@example.com` },
    );
  });

  it('denies a caller the trust policy does not name, in AWS words, with 403', async () => {
    const user = addUser(sb.current, 'stranger', { inline: { p: doc([allow('sts:AssumeRole')]) } });
    const other = addUser(sb.current, 'trusted-one');
    const role = addRole(sb.current, 'picky-role', doc([trust(other.arn)]));
    await assert.rejects(
      assume(user, { RoleArn: role.Arn }),
      (e: Error & { $metadata: { httpStatusCode?: number } }) => {
        isError(
          'AccessDenied',
          `User: ${user.arn} is not authorized to perform: sts:AssumeRole on resource: ${role.Arn}`,
        )(e);
        assert.equal(e.$metadata.httpStatusCode, 403);
        return true;
      },
    );
  });

  it('answers AccessDenied, not NoSuchEntity, for a role or account that does not exist', async () => {
    const user = addUser(sb.current, 'prober', { inline: { p: doc([allow('sts:AssumeRole')]) } });
    for (const arn of [
      `arn:aws:iam::${sb.current.admin.accountId}:role/no-such-role`,
      'arn:aws:iam::999999999999:role/anything',
      `arn:aws:iam:${sb.current.admin.accountId}:role/malformed-arn`,
    ]) {
      await assert.rejects(
        assume(user, { RoleArn: arn }),
        isError(
          'AccessDenied',
          `User: ${user.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
        ),
      );
    }
  });

  it('needs an identity policy when a same-account trust names only the account', async () => {
    const role = addRole(
      sb.current,
      'account-trusting',
      doc([trust(`arn:aws:iam::${sb.current.admin.accountId}:root`)]),
    );
    const without = addUser(sb.current, 'no-policy');
    const withPolicy = addUser(sb.current, 'has-policy', {
      inline: { p: doc([allow('sts:AssumeRole', role.Arn)]) },
    });
    await assert.rejects(assume(without, { RoleArn: role.Arn }), isError('AccessDenied'));
    const out = await assume(withPolicy, { RoleArn: role.Arn });
    assert.equal(out.AssumedRoleUser?.Arn?.split('/')[1], 'account-trusting');
  });

  it('needs both sides across accounts: the trust and the caller identity policy', async () => {
    const role = addRole(
      sb.current,
      'cross',
      doc([trust(`arn:aws:iam::${sb.current.admin.accountId}:root`)]),
      {
        accountId: OTHER_ACCOUNT,
      },
    );
    const named = addRole(sb.current, 'cross-named', doc([]), { accountId: OTHER_ACCOUNT });
    const bare = addUser(sb.current, 'cross-bare');
    named.AssumeRolePolicyDocument = doc([trust(bare.arn)]);
    const allowed = addUser(sb.current, 'cross-allowed', { inline: { p: doc([allow('sts:AssumeRole')]) } });
    await assert.rejects(assume(bare, { RoleArn: role.Arn }), isError('AccessDenied'));
    // Naming the caller in the trust is not enough across accounts: its own account must allow it too.
    await assert.rejects(assume(bare, { RoleArn: named.Arn }), isError('AccessDenied'));
    const out = await assume(allowed, { RoleArn: role.Arn });
    const id = await sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, OTHER_ACCOUNT);
    assert.equal(id.Arn, `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/cross/test`);
  });

  it('checks sts:ExternalId: missing and wrong are denied, right is allowed', async () => {
    const user = addUser(sb.current, 'vendor', { inline: { p: doc([allow('sts:AssumeRole')]) } });
    const role = addRole(
      sb.current,
      'vendor-role',
      doc([
        trust(user.arn, 'sts:AssumeRole', { Condition: { StringEquals: { 'sts:ExternalId': 'Ext-1234' } } }),
      ]),
    );
    await assert.rejects(assume(user, { RoleArn: role.Arn }), isError('AccessDenied'));
    await assert.rejects(
      assume(user, { RoleArn: role.Arn, ExternalId: 'Ext-9999' }),
      isError('AccessDenied'),
    );
    const out = await assume(user, { RoleArn: role.Arn, ExternalId: 'Ext-1234' });
    assert.ok(out.Credentials?.AccessKeyId);
    await assert.rejects(
      assume(user, { RoleArn: role.Arn, ExternalId: 'x' }),
      isError(
        'ValidationError',
        "1 validation error detected: Value 'x' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
      ),
    );
  });

  it('validates RoleSessionName as AWS does', async () => {
    const user = addUser(sb.current, 'namer');
    const role = addRole(sb.current, 'named-role', doc([trust(user.arn)]));
    await assert.rejects(
      assume(user, { RoleArn: role.Arn, RoleSessionName: 'a' }),
      isError(
        'ValidationError',
        "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
      ),
    );
    await assert.rejects(
      assume(user, { RoleArn: role.Arn, RoleSessionName: 'has space' }),
      isError(
        'ValidationError',
        "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      ),
    );
    await assert.rejects(
      assume(user, { RoleArn: role.Arn, RoleSessionName: 'x'.repeat(65), DurationSeconds: 60 }),
      isError(
        'ValidationError',
        /^2 validation errors detected: .*'roleSessionName'.*less than or equal to 64; .*'durationSeconds'.*greater than or equal to 900$/,
      ),
    );
    const ok = await assume(user, { RoleArn: role.Arn, RoleSessionName: `a=b,c.d@e-f_${'x'.repeat(52)}` });
    assert.ok(ok.AssumedRoleUser?.Arn?.endsWith('x'.repeat(52)));
  });

  it('bounds DurationSeconds by 900 and the role MaxSessionDuration', async () => {
    const user = addUser(sb.current, 'timer');
    const short = addRole(sb.current, 'short-role', doc([trust(user.arn)]));
    const long = addRole(sb.current, 'long-role', doc([trust(user.arn)]), { maxSessionDuration: 43200 });
    await assert.rejects(
      assume(user, { RoleArn: short.Arn, DurationSeconds: 899 }),
      isError(
        'ValidationError',
        /Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/,
      ),
    );
    await assert.rejects(
      assume(user, { RoleArn: short.Arn, DurationSeconds: 3601 }),
      isError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      ),
    );
    const before = Date.now();
    const out = await assume(user, { RoleArn: long.Arn, DurationSeconds: 43200 });
    const expires = out.Credentials?.Expiration?.getTime() ?? 0;
    assert.ok(Math.abs(expires - (before + 43200_000)) < 5_000);
    const min = await assume(user, { RoleArn: short.Arn, DurationSeconds: 900 });
    assert.ok(Math.abs((min.Credentials?.Expiration?.getTime() ?? 0) - (before + 900_000)) < 5_000);
  });

  it('refuses the root user', async () => {
    const root = addRootKeys(sb.current);
    const role = addRole(
      sb.current,
      'root-target',
      doc([trust(`arn:aws:iam::${sb.current.admin.accountId}:root`)]),
    );
    await assert.rejects(
      assume(root, { RoleArn: role.Arn }),
      isError('AccessDenied', 'Roles may not be assumed by root accounts.'),
    );
  });

  it('resolves roles with a path only by their full ARN', async () => {
    const user = addUser(sb.current, 'path-user');
    const role = addRole(sb.current, 'pathed', doc([trust(user.arn)]), { path: '/team/' });
    const out = await assume(user, { RoleArn: role.Arn });
    assert.equal(
      out.AssumedRoleUser?.Arn,
      `arn:aws:sts::${sb.current.admin.accountId}:assumed-role/pathed/test`,
    );
    await assert.rejects(
      assume(user, { RoleArn: `arn:aws:iam::${sb.current.admin.accountId}:role/pathed` }),
      isError('AccessDenied'),
    );
  });

  it('evaluates a session policy passed on AssumeRole and reports its packed size', async () => {
    const user = addUser(sb.current, 'scoper');
    const role = addRole(sb.current, 'scoped-role', doc([trust(user.arn)]), {
      attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    const policy = doc([allow('iam:GetUser')]);
    const out = await assume(user, { RoleArn: role.Arn, Policy: policy });
    assert.ok(
      (out.PackedPolicySize ?? 0) > 0 && (out.PackedPolicySize ?? 101) <= 100,
      `${out.PackedPolicySize}`,
    );
    const stored = sb.current.world.credentials[out.Credentials?.AccessKeyId ?? ''];
    assert.equal(stored.principal.type === 'assumed-role' && stored.principal.sessionPolicy, policy);
    await assert.rejects(
      assume(user, { RoleArn: role.Arn, Policy: '{not json' }),
      isError('MalformedPolicyDocumentException'),
    );
    await assert.rejects(
      assume(user, { RoleArn: role.Arn, Policy: doc([allow('s3:GetObject', 'x'.repeat(2100))]) }),
      isError('ValidationError', /can't exceed 2048/),
    );
  });
});
