/** Pure pieces of the user side: flow choice, the browser command, PKCE, the creds fast path's parsing and output. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { browserCommand, isHeadless } from './browser.js';
import { partitionHosts } from './console-url.js';
import { writeRoleCredentials } from './credential-cache.js';
import { fastCreds, parseFastArgs } from './creds-fast.js';
import { formatCredentials } from './creds-format.js';
import { chooseFlow } from './login.js';
import { pkcePair } from './pkce-flow.js';
import { childEnvironment, exitCodeOf } from './run-with-credentials.js';
import { type TempHome, tempHome } from './test-user-side.js';

const homes: TempHome[] = [];
after(() => {
  for (const h of homes) h.cleanup();
});

describe('choosing the sign-in flow', () => {
  it('is headless over SSH, and on Linux without a display', () => {
    assert.equal(isHeadless({ SSH_CONNECTION: '1 2 3 4', DISPLAY: ':0' }, 'linux'), true);
    assert.equal(isHeadless({ SSH_TTY: '/dev/pts/1' }, 'darwin'), true);
    assert.equal(isHeadless({}, 'linux'), true);
    assert.equal(isHeadless({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux'), false);
    assert.equal(isHeadless({}, 'darwin'), false);
  });

  it('PKCE by default with a display, device code when headless or legacy, flags win', () => {
    const session = { name: 'corp' };
    assert.equal(chooseFlow(session, { platform: 'linux' }, { DISPLAY: ':0' }), 'pkce');
    assert.equal(chooseFlow(session, { platform: 'linux' }, {}), 'device');
    assert.equal(chooseFlow({ name: undefined }, { platform: 'darwin' }, {}), 'device');
    assert.equal(chooseFlow(session, { flow: 'pkce', platform: 'linux' }, {}), 'pkce');
    assert.equal(chooseFlow(session, { flow: 'device', platform: 'darwin' }, {}), 'device');
  });

  it('opens with $BROWSER (%s or appended), else the platform opener', () => {
    const url = 'https://example.com/a?b=1&c=2';
    assert.deepEqual(browserCommand(url, { BROWSER: 'firefox --new-tab' }, 'linux'), {
      file: 'firefox',
      args: ['--new-tab', url],
    });
    assert.deepEqual(browserCommand(url, { BROWSER: 'w3m %s -dump' }, 'linux'), {
      file: 'w3m',
      args: [url, '-dump'],
    });
    assert.deepEqual(browserCommand(url, {}, 'linux'), { file: 'xdg-open', args: [url] });
    assert.deepEqual(browserCommand(url, {}, 'darwin'), { file: 'open', args: [url] });
    assert.equal(browserCommand(url, {}, 'win32').args.at(-1), url);
  });

  it('PKCE: a 43-character verifier and its S256 challenge, new each time', () => {
    const a = pkcePair();
    assert.match(a.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(a.challenge, createHash('sha256').update(a.verifier).digest('base64url'));
    assert.notEqual(pkcePair().verifier, a.verifier);
  });
});

describe('onramp creds fast path', () => {
  it('parses only --profile and --format, in either spelling', () => {
    assert.deepEqual(parseFastArgs(['--profile', 'a/b', '--format=env']), { profile: 'a/b', format: 'env' });
    assert.deepEqual(parseFastArgs(['--profile=x=y']), { profile: 'x=y', format: 'process' });
    assert.equal(parseFastArgs(['--profile', 'p', '--debug']), undefined);
    assert.equal(parseFastArgs(['--format', 'yaml']), undefined);
    assert.equal(parseFastArgs(['--profile']), undefined);
  });

  it('answers a cache hit with the full command’s bytes and falls through otherwise', () => {
    const h = tempHome();
    homes.push(h);
    const env = { HOME: h.home };
    mkdirSync(h.path('.aws'), { recursive: true });
    writeFileSync(
      h.path('.aws', 'config'),
      '[sso-session s]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = us-east-1\n[profile p]\nsso_session = s\nsso_account_id = 111122223333\nsso_role_name = R\nregion = eu-west-1\n',
    );
    assert.equal(fastCreds(['--profile', 'p'], env), undefined, 'nothing cached yet');
    const creds = {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date(Date.now() + 3600_000),
      accountId: '111122223333',
    };
    const key = { accountId: '111122223333', roleName: 'R', sessionName: 's' };
    writeRoleCredentials(h.path('.aws', 'cli', 'cache'), key, creds);
    assert.equal(fastCreds(['--profile', 'p'], env), formatCredentials(creds, 'process', 'eu-west-1'));
    assert.equal(
      fastCreds(['--profile', 'p', '--format', 'env'], env),
      formatCredentials(creds, 'env', 'eu-west-1'),
    );
    assert.equal(
      fastCreds(['--profile', 'p'], { ...env, AWS_PROFILE: 'x' }),
      formatCredentials(creds, 'process', 'eu-west-1'),
    );
    assert.equal(
      fastCreds([], { ...env, AWS_PROFILE: 'p' }),
      formatCredentials(creds, 'process', 'eu-west-1'),
    );
    // 14 minutes left: the CLI would refresh, so the fast path does not answer.
    writeRoleCredentials(h.path('.aws', 'cli', 'cache'), key, {
      ...creds,
      expiration: new Date(Date.now() + 14 * 60_000),
    });
    assert.equal(fastCreds(['--profile', 'p'], env), undefined);
    assert.equal(fastCreds(['--profile', 'missing'], env), undefined);
  });

  it('prints credential_process JSON with whole-second expirations and shell-quoted env lines', () => {
    const c = {
      accessKeyId: 'A',
      secretAccessKey: "it's",
      sessionToken: 'T',
      expiration: new Date('2026-01-01T08:00:00.789Z'),
    };
    assert.equal(
      formatCredentials(c, 'process'),
      '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"it\'s","SessionToken":"T","Expiration":"2026-01-01T08:00:00Z"}\n',
    );
    assert.match(formatCredentials(c, 'env'), /^export AWS_SECRET_ACCESS_KEY='it'\\''s'$/m);
    assert.doesNotMatch(formatCredentials(c, 'env'), /AWS_REGION/);
  });
});

describe('onramp exec environment, and console hosts', () => {
  it('sets the keys, drops competing credential sources, never touches argv', () => {
    const env = childEnvironment(
      { PATH: '/bin', AWS_PROFILE: 'x', AWS_SESSION_TOKEN: 'old', AWS_ROLE_ARN: 'arn' },
      { accessKeyId: 'AKIA', secretAccessKey: 'S' },
      { region: 'eu-west-1', profile: 'p' },
    );
    assert.deepEqual(env, {
      PATH: '/bin',
      AWS_ACCESS_KEY_ID: 'AKIA',
      AWS_SECRET_ACCESS_KEY: 'S',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      ONRAMP_EXEC_PROFILE: 'p',
    });
    assert.equal(exitCodeOf({ code: 3, signal: null }), 3);
    assert.equal(exitCodeOf({ code: null, signal: 'SIGTERM' }), 143);
  });

  it('uses the partition’s federation endpoint', () => {
    assert.equal(
      partitionHosts('us-gov-west-1').federation,
      'https://signin.amazonaws-us-gov.com/federation',
    );
    assert.equal(partitionHosts('cn-north-1').console, 'https://console.amazonaws.cn/');
    assert.equal(partitionHosts('eu-west-1').federation, 'https://signin.aws.amazon.com/federation');
  });
});
