/**
 * `onramp exec` as a process (exit codes, signal forwarding, a missing command) with a profile
 * of static keys, so no sandbox is needed; and the console federation URL with a stubbed
 * federation endpoint. The exec cases need `npm run build`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { BIN } from '../cli/test-run-cli.js';
import { isOnrampError } from '../core/errors.js';
import { consoleSignInUrl } from './console-url.js';
import { type TempHome, tempHome } from './test-user-side.js';

describe('onramp exec', () => {
  let h: TempHome;
  before(() => {
    h = tempHome();
    mkdirSync(h.path('.aws'), { recursive: true });
    writeFileSync(
      h.path('.aws', 'credentials'),
      '[static]\naws_access_key_id = AKIAEXAMPLEKEY\naws_secret_access_key = examplesecret\n',
    );
    writeFileSync(h.path('.aws', 'config'), '[profile static]\nregion = eu-west-2\n');
  });
  after(() => h.cleanup());

  it('exits with the child’s code and gives it the profile’s keys and region', async () => {
    const r = await h.cli([
      'exec',
      '--profile',
      'static',
      '--',
      process.execPath,
      '-e',
      'console.log(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_REGION); process.exit(5)',
    ]);
    assert.equal(r.code, 5, r.stderr);
    assert.equal(r.stdout.trim(), 'AKIAEXAMPLEKEY eu-west-2');
  });

  it('forwards SIGTERM to the child and exits as the child does', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'exec',
        '--profile',
        'static',
        '--',
        process.execPath,
        '-e',
        "process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(42); }); console.log('ready'); setInterval(() => {}, 1000);",
      ],
      { env: { ...process.env, ...h.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready') && !out.includes('sent')) {
        out += 'sent';
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 42);
    assert.match(out, /child got SIGTERM/);
  });

  it('a command that does not exist is ONR-E326, exit 1', async () => {
    const r = await h.cli(['exec', '--profile', 'static', '--', 'no-such-command-onramp']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ONR-E326: running no-such-command-onramp: command not found/);
  });
});

describe('console sign-in URL', () => {
  const creds = { accessKeyId: 'ASIAX', secretAccessKey: 'S', sessionToken: 'T' };

  it('trades the session for a sign-in token at the federation endpoint and builds the login URL', async () => {
    let asked = '';
    const fetchStub = (async (url: string | URL | Request) => {
      asked = String(url);
      return new Response(JSON.stringify({ SigninToken: 'tok123' }), { status: 200 });
    }) as typeof fetch;
    const { url, sandbox } = await consoleSignInUrl(creds, { region: 'eu-west-1', fetch: fetchStub });
    assert.equal(sandbox, false);
    const req = new URL(asked);
    assert.equal(req.origin + req.pathname, 'https://signin.aws.amazon.com/federation');
    assert.equal(req.searchParams.get('Action'), 'getSigninToken');
    assert.deepEqual(JSON.parse(req.searchParams.get('Session') ?? ''), {
      sessionId: 'ASIAX',
      sessionKey: 'S',
      sessionToken: 'T',
    });
    const login = new URL(url);
    assert.equal(login.searchParams.get('Action'), 'login');
    assert.equal(login.searchParams.get('SigninToken'), 'tok123');
    assert.equal(
      login.searchParams.get('Destination'),
      'https://console.aws.amazon.com/console/home?region=eu-west-1',
    );
  });

  it('fails with ONR-E327 (and no secret in the message) when no token comes back, or for long-lived keys', async () => {
    const refuse = (async () => new Response('denied', { status: 400 })) as unknown as typeof fetch;
    await assert.rejects(consoleSignInUrl(creds, { fetch: refuse }), (e) => {
      assert.ok(isOnrampError(e) && e.code === 'ONR-E327');
      assert.doesNotMatch(e.message, /ASIAX|sessionKey/);
      return true;
    });
    await assert.rejects(
      consoleSignInUrl({ accessKeyId: 'AKIA', secretAccessKey: 'S' }),
      (e) => isOnrampError(e) && e.code === 'ONR-E327',
    );
  });
});
