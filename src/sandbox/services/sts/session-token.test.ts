import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { ManualClock } from '../../../core/clock.js';
import { useSandbox } from '../../test-support.js';
import { EXPIRED_RETENTION_MS } from './credentials.js';
import { addRole, addRootKeys, addUser, doc, type Keys, keysOf, trust } from './test-fixtures.js';

describe('sts:GetSessionToken and sts:GetAccessKeyInfo', () => {
  const sb = useSandbox();
  const sts = (keys?: Keys) => new STSClient(sb.current.clientConfig(keys));

  it('gives a user session credentials that act as the user and cannot ask again', async () => {
    const user = addUser(sb.current, 'token-user');
    const before = Date.now();
    const out = await sts(user).send(new GetSessionTokenCommand({}));
    assert.match(out.Credentials?.AccessKeyId ?? '', /^ASIA/);
    const expires = out.Credentials?.Expiration?.getTime() ?? 0;
    assert.ok(Math.abs(expires - (before + 43200_000)) < 5_000, 'default 12 hours');
    const session = keysOf(out.Credentials);
    const id = await sts(session).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, user.arn);
    await assert.rejects(sts(session).send(new GetSessionTokenCommand({})), (e: Error) => {
      assert.equal(e.name, 'AccessDenied');
      assert.equal(e.message, 'Cannot call GetSessionToken with session credentials');
      return true;
    });
    // Temporary credentials of any kind are capped at one hour when they assume a role.
    const role = addRole(sb.current, 'from-token', doc([trust(user.arn)]), { maxSessionDuration: 43200 });
    await assert.rejects(
      sts(session).send(
        new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', DurationSeconds: 7200 }),
      ),
      (e: Error) => e.name === 'ValidationError' && /role chaining/.test(e.message),
    );
  });

  it('caps the root user at one hour and validates the duration', async () => {
    const root = addRootKeys(sb.current);
    const before = Date.now();
    const out = await sts(root).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    assert.ok(Math.abs((out.Credentials?.Expiration?.getTime() ?? 0) - (before + 3600_000)) < 5_000);
    await assert.rejects(
      sts(root).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })),
      (e: Error) => e.name === 'ValidationError' && /less than or equal to 129600/.test(e.message),
    );
  });

  it('tells the account of any key the sandbox issued', async () => {
    const member = addUser(sb.current, 'elsewhere', { accountId: '333333333333' });
    const info = await sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: member.accessKeyId }));
    assert.equal(info.Account, '333333333333');
    const own = await sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: sb.current.admin.accessKeyId }));
    assert.equal(own.Account, sb.current.admin.accountId);
  });
});

describe('temporary credentials expire and are purged', () => {
  const clock = new ManualClock();
  const sb = useSandbox({ clock });

  it('answers ExpiredToken after expiry, then forgets the key', async () => {
    const user = addUser(sb.current, 'expiring');
    const role = addRole(sb.current, 'short-lived', doc([trust(user.arn)]));
    const sts = (keys: Keys) => new STSClient({ ...sb.current.clientConfig(keys), maxAttempts: 1 });
    const out = await sts(user).send(
      new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ss', DurationSeconds: 900 }),
    );
    const keys = keysOf(out.Credentials);
    assert.equal(out.Credentials?.Expiration?.getTime(), clock.now() + 900_000);
    await sts(keys).send(new GetCallerIdentityCommand({}));
    clock.advance(900_000);
    await assert.rejects(
      sts(keys).send(new GetCallerIdentityCommand({})),
      (e: Error) => e.name === 'ExpiredToken',
    );
    clock.advance(EXPIRED_RETENTION_MS + 1);
    // The next mint sweeps keys that expired long ago.
    await sts(user).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'next' }));
    assert.equal(sb.current.world.credentials[keys.accessKeyId], undefined);
    await assert.rejects(
      sts(keys).send(new GetCallerIdentityCommand({})),
      (e: Error) => e.name === 'InvalidClientTokenId',
    );
  });
});
