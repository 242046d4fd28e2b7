import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ManualClock } from '../core/clock.js';
import { AssumedRoleSession } from './assume-role.js';
import type { AwsCredentials } from './service-clients.js';

const HOUR = 3_600_000;

function session(clock: ManualClock, fail = false) {
  let n = 0;
  const s = new AssumedRoleSession(
    { roleArn: 'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole', sessionName: 'onramp' },
    async (): Promise<AwsCredentials> => {
      n++;
      await Promise.resolve();
      if (fail) throw new Error('AccessDenied');
      return {
        accessKeyId: `ASIA${n}`,
        secretAccessKey: 's',
        sessionToken: 't',
        expiration: new Date(clock.now() + HOUR),
      };
    },
    { clock, refreshBeforeMs: 5 * 60_000 },
  );
  return s;
}

it('assumes once, shares one renewal among concurrent callers, and renews before expiry', async () => {
  const clock = new ManualClock(0);
  const s = session(clock);
  const burst = await Promise.all(Array.from({ length: 50 }, () => s.credentials()));
  assert.ok(burst.every((c) => c.accessKeyId === 'ASIA1'));
  assert.equal(s.assumeCount, 1);

  clock.advance(54 * 60_000);
  assert.equal((await s.credentials()).accessKeyId, 'ASIA1', 'still 6 minutes left');
  clock.advance(2 * 60_000);
  assert.equal((await s.credentials()).accessKeyId, 'ASIA2', 'within 5 minutes of expiry');
  assert.equal(s.assumeCount, 2);
});

it('does not cache a failed assumption', async () => {
  const s = session(new ManualClock(0), true);
  await assert.rejects(s.credentials(), /AccessDenied/);
  await assert.rejects(s.credentials(), /AccessDenied/);
  assert.equal(s.assumeCount, 2);
});
