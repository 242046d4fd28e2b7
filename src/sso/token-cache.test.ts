import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  legacyRegistrationFileName,
  readClientRegistration,
  registrationCacheFileName,
  registrationUsable,
  writeClientRegistration,
} from './client-registration.js';
import {
  credentialsNeedRefresh,
  readRoleCredentials,
  serializeRoleCredentials,
  writeRoleCredentials,
} from './credential-cache.js';
import { formatCliTimestamp, parseAwsTimestamp } from './timestamps.js';
import {
  canRefresh,
  isExpired,
  needsRefresh,
  parseSsoToken,
  readSsoToken,
  serializeSsoToken,
  tokenCacheFileName,
  tokenCachePath,
  writeSsoToken,
} from './token-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'onramp-token-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

const START = 'https://d-1234567890.awsapps.com/start';
const token = {
  startUrl: START,
  region: 'us-east-1',
  accessToken: 'aoaAAAA',
  expiresAt: new Date('2026-01-01T08:00:00.750Z'),
  clientId: 'cid',
  clientSecret: 'csecret',
  registrationExpiresAt: new Date('2026-03-31T00:00:00Z'),
  refreshToken: 'aorBBBB',
};

describe('token file', () => {
  test('name: sha1 of the sso-session name, or of the start URL for legacy profiles', () => {
    // Expected values computed with Python's hashlib.sha1.
    assert.equal(
      tokenCacheFileName({ sessionName: 'my-sso' }),
      '0ad374308c5a4e22f723adf10145eafad7c4031c.json',
    );
    assert.equal(tokenCacheFileName({ startUrl: START }), '7487b5b67d5fa1132cf33fa93ae51ef38cc37752.json');
  });

  test('content: the CLI field order, Python json.dumps spacing, seconds with Z', () => {
    assert.equal(
      serializeSsoToken(token),
      '{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "aoaAAAA", ' +
        '"expiresAt": "2026-01-01T08:00:00Z", "clientId": "cid", "clientSecret": "csecret", ' +
        '"registrationExpiresAt": "2026-03-31T00:00:00Z", "refreshToken": "aorBBBB"}',
    );
    assert.equal(
      serializeSsoToken({ accessToken: 'x', expiresAt: token.expiresAt }),
      '{"accessToken": "x", "expiresAt": "2026-01-01T08:00:00Z"}',
    );
  });

  test('written 0600 in a directory created 0700; read back', () => {
    const cache = join(dir, 'home', '.aws', 'sso', 'cache');
    const path = writeSsoToken(cache, { sessionName: 'my-sso' }, token);
    assert.equal(path, tokenCachePath(cache, { sessionName: 'my-sso' }));
    assert.equal(mode(path), 0o600);
    assert.equal(mode(cache), 0o700);
    assert.equal(mode(join(dir, 'home', '.aws')), 0o700);
    const read = readSsoToken(cache, { sessionName: 'my-sso' });
    assert.equal(read.kind, 'found');
    assert.deepEqual(read.kind === 'found' && read.value, {
      ...token,
      expiresAt: new Date('2026-01-01T08:00:00Z'),
    });
    assert.equal(readSsoToken(cache, { sessionName: 'nope' }).kind, 'missing');
  });

  test('an existing directory keeps its mode (it is the user’s)', () => {
    const cache = mkdtempSync(join(dir, 'open-'));
    chmodSync(cache, 0o755);
    writeSsoToken(cache, { sessionName: 's' }, token);
    assert.equal(mode(cache), 0o755);
    assert.equal(mode(tokenCachePath(cache, { sessionName: 's' })), 0o600);
  });

  test('reads every writer’s timestamps; rejects what botocore would reject', () => {
    const variants: Array<[string, string]> = [
      ['2026-01-01T08:00:00Z', '2026-01-01T08:00:00.000Z'],
      ['2026-01-01T08:00:00.123Z', '2026-01-01T08:00:00.123Z'],
      ['2026-01-01T08:00:00UTC', '2026-01-01T08:00:00.000Z'],
      ['2026-01-01T10:00:00+02:00', '2026-01-01T08:00:00.000Z'],
      ['2026-01-01 08:00:00', '2026-01-01T08:00:00.000Z'],
    ];
    for (const [raw, iso] of variants) assert.equal(parseAwsTimestamp(raw)?.toISOString(), iso, raw);
    assert.equal(parseAwsTimestamp('tomorrow'), undefined);
    assert.equal(formatCliTimestamp(new Date('2026-01-01T08:00:00.999Z')), '2026-01-01T08:00:00Z');
    const bad = [
      ['{"expiresAt": "2026-01-01T00:00:00Z"}', 'no accessToken'],
      ['{"accessToken": "x"}', 'is not a timestamp'],
      ['[]', 'not a JSON object'],
      ['{', 'not JSON'],
    ];
    for (const [text, reason] of bad) {
      const r = parseSsoToken(text);
      assert.ok(!r.ok && r.reason.includes(reason), text);
    }
    const cache = mkdtempSync(join(dir, 'bad-'));
    writeFileSync(tokenCachePath(cache, { sessionName: 'b' }), '{"accessToken": 1}');
    assert.equal(readSsoToken(cache, { sessionName: 'b' }).kind, 'invalid');
  });

  test('refresh window: the CLI’s 15 minutes', () => {
    const exp = token.expiresAt.getTime();
    assert.equal(needsRefresh(token, exp - 15 * 60_000), false, 'exactly 15 minutes left');
    assert.equal(needsRefresh(token, exp - 15 * 60_000 + 1), true);
    assert.equal(needsRefresh(token, exp + 1), true);
    assert.equal(isExpired(token, exp - 1), false);
    assert.equal(isExpired(token, exp), true);
    assert.equal(canRefresh(token, exp), true);
    assert.equal(canRefresh({ ...token, refreshToken: undefined }, exp), false);
    assert.equal(canRefresh(token, token.registrationExpiresAt.getTime()), false);
  });
});

describe('client registration', () => {
  test('file name: sha1 of json.dumps({tool, startUrl, region, scopes, session_name}, sort_keys=True)', () => {
    // Expected values computed with Python's json.dumps + hashlib.sha1.
    assert.equal(
      registrationCacheFileName({
        startUrl: START,
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'my-sso',
      }),
      'a8343d65418848d0bc13a5f25cbb32508ceec5d1.json',
    );
    assert.equal(
      registrationCacheFileName({ startUrl: START, region: 'us-east-1' }),
      '365414a68be7c9bfc776c660981dbdbd942acea4.json',
    );
    assert.equal(legacyRegistrationFileName('eu-west-1'), 'botocore-client-id-eu-west-1.json');
  });

  test('written 0600 and read back; usable while 15 minutes remain', () => {
    const cache = mkdtempSync(join(dir, 'reg-'));
    const key = {
      startUrl: START,
      region: 'us-east-1',
      scopes: ['sso:account:access'],
      sessionName: 'my-sso',
    };
    const reg = {
      clientId: 'c',
      clientSecret: 's',
      expiresAt: new Date('2026-04-01T00:00:00Z'),
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
    };
    const path = writeClientRegistration(cache, key, reg);
    assert.equal(mode(path), 0o600);
    assert.equal(
      readFileSync(path, 'utf8'),
      '{"clientId": "c", "clientSecret": "s", "expiresAt": "2026-04-01T00:00:00Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}',
    );
    const read = readClientRegistration(cache, key);
    assert.deepEqual(read.kind === 'found' && read.value, reg);
    assert.equal(registrationUsable(reg, reg.expiresAt.getTime() - 15 * 60_000), true);
    assert.equal(registrationUsable(reg, reg.expiresAt.getTime() - 15 * 60_000 + 1), false);
    assert.equal(readClientRegistration(cache, { ...key, sessionName: 'other' }).kind, 'missing');
  });
});

describe('role credential cache', () => {
  const creds = {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: new Date('2026-01-01T01:00:00Z'),
    accountId: '111122223333',
  };

  test('the CLI’s JSONFileCache layout', () => {
    assert.equal(
      serializeRoleCredentials(creds),
      '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "secret", "SessionToken": "token", "Expiration": "2026-01-01T01:00:00Z", "AccountId": "111122223333"}}',
    );
  });

  test('0600, read back, refreshed inside 15 minutes', () => {
    const cache = mkdtempSync(join(dir, 'cli-'));
    const key = { accountId: '111122223333', roleName: 'Admin', sessionName: 'acme' };
    const path = writeRoleCredentials(cache, key, creds);
    assert.equal(mode(path), 0o600);
    const read = readRoleCredentials(cache, key);
    assert.deepEqual(read.kind === 'found' && read.value, creds);
    assert.equal(readRoleCredentials(cache, { ...key, roleName: 'Other' }).kind, 'missing');
    writeFileSync(path, '{"Credentials": {}}');
    assert.equal(readRoleCredentials(cache, key).kind, 'invalid');
    const exp = creds.expiration.getTime();
    assert.equal(credentialsNeedRefresh(creds, exp - 15 * 60_000), false);
    assert.equal(credentialsNeedRefresh(creds, exp - 15 * 60_000 + 1), true);
  });
});
