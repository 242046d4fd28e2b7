/** The user-side checks on files in a temp HOME (no AWS): precedence cases and token states. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ssoCacheDir } from '../sso/paths.js';
import { tokenCachePath, writeSsoToken } from '../sso/token-cache.js';
import { emptyHome } from './test-world.js';
import { checkUserSide } from './user-side.js';

const instance = {
  arn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
  identityStoreId: 'd-0123456789',
  region: 'eu-west-1',
  startUrl: 'https://d-0123456789.awsapps.com/start',
};
const NOW = Date.UTC(2026, 0, 1);

function home(config: string, credentials?: string): string {
  const h = emptyHome();
  mkdirSync(join(h, '.aws'), { recursive: true });
  writeFileSync(join(h, '.aws', 'config'), config);
  if (credentials) writeFileSync(join(h, '.aws', 'credentials'), credentials);
  return h;
}

describe('checkUserSide', () => {
  it('matches a legacy profile by start URL (trailing slash and #/ ignored) and checks its region', () => {
    const url = `${instance.startUrl}/#/`;
    const h = home(
      `[default]\nsso_start_url = ${url}\nsso_region = us-east-1\nsso_account_id = 111111111111\n`,
    );
    const r = checkUserSide({ instance, env: {}, home: h, now: NOW });
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.evidence.session, f.evidence.where]),
      [['ONR-D012', 'profile default', `${join(h, '.aws', 'config')}:3`]],
    );
    assert.deepEqual(r.notes, [
      `no cached token for profile default (${tokenCachePath(ssoCacheDir({ home: h }), { startUrl: url })})`,
    ]);
  });

  it('keys in the environment without AWS_PROFILE shadow the default SSO profile for every tool', () => {
    const h = home(
      `[sso-session s]\nsso_start_url = ${instance.startUrl}\nsso_region = eu-west-1\n[default]\nsso_session = s\n`,
    );
    const r = checkUserSide({
      instance,
      env: { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 'x' },
      home: h,
      now: NOW,
    });
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.evidence.affects]),
      [['ONR-D010', ['AWS CLI', 'botocore/boto3', 'AWS SDK for JavaScript v3']]],
    );
  });

  it('keys in the SSO profile’s own config section shadow it for the JS SDK', () => {
    const h = home(
      `[sso-session s]\nsso_start_url = ${instance.startUrl}\nsso_region = eu-west-1\n[profile dev]\nsso_session = s\naws_access_key_id = AKIA\n`,
    );
    const r = checkUserSide({ instance, env: {}, home: h, now: NOW });
    assert.deepEqual(r.findings[0]?.evidence, {
      profile: 'dev',
      where: `${join(h, '.aws', 'config')}:6`,
      source: 'config file',
      affects: ['AWS SDK for JavaScript v3'],
    });
  });

  it('ignores sessions of other instances, and tells an expired-but-refreshable token from a dead one', () => {
    const h = home(
      `[sso-session other]\nsso_start_url = https://d-9999999999.awsapps.com/start\nsso_region = us-west-2\n[sso-session s]\nsso_start_url = ${instance.startUrl}\nsso_region = eu-west-1\n`,
    );
    const cache = ssoCacheDir({ home: h });
    const base = {
      startUrl: instance.startUrl,
      region: 'eu-west-1',
      accessToken: 't',
      expiresAt: new Date(NOW - 1000),
    };
    writeSsoToken(
      cache,
      { sessionName: 's' },
      {
        ...base,
        refreshToken: 'r',
        clientId: 'c',
        clientSecret: 'cs',
        registrationExpiresAt: new Date(NOW + 86_400_000),
      },
    );
    const refreshable = checkUserSide({ instance, env: {}, home: h, now: NOW });
    assert.deepEqual(
      refreshable.findings,
      [],
      'the other instance’s wrong-looking region is not ours to report',
    );
    assert.deepEqual(refreshable.notes, ['the token of s expired; the AWS CLI refreshes it on next use']);
    writeSsoToken(cache, { sessionName: 's' }, base);
    const dead = checkUserSide({ instance, env: {}, home: h, now: NOW });
    assert.deepEqual(
      dead.findings.map((f) => [f.code, f.evidence.state]),
      [['ONR-D011', 'expired']],
    );
    writeSsoToken(cache, { sessionName: 's' }, { ...base, expiresAt: new Date(NOW + 3600_000) });
    assert.deepEqual(
      checkUserSide({ instance, env: {}, home: h, now: NOW }).tokens.map((t) => t.session),
      ['s'],
    );
  });
});
