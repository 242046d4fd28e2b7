/**
 * The sign-in flows against the sandbox without auto-approval: the device code is polled until a
 * person approves it (or denies it, or never does); the PKCE flow goes through the consent page and
 * comes back to the loopback listener (or is denied there).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isOnrampError } from '../core/errors.js';
import { approveDeviceCode, denyDeviceCode } from '../sandbox/services/sso-oidc/device.js';
import { type SsoFixture, seedIdentityCenter } from '../sandbox/services/sso-portal/test-fixtures.js';
import { useSandbox } from '../sandbox/test-support.js';
import { readAwsSetup } from './aws-setup.js';
import { configureSession } from './configure.js';
import { login } from './login.js';
import { findSession, type SsoSessionConfig } from './session-config.js';
import type { SsoContext } from './sso-context.js';
import { type TempHome, tempHome } from './test-user-side.js';
import { readSsoToken } from './token-cache.js';
import { getValidToken } from './valid-token.js';

describe('sign-in flows (nobody auto-approves)', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });
  let fx: SsoFixture;
  let h: TempHome;
  let session: SsoSessionConfig;
  const createTokens = () => sb.current.calls()['sso-oidc']?.CreateToken ?? 0;
  /** A context whose "person" reacts to the user code printed on stderr. */
  const ctx = (onLine: (line: string) => void = () => {}, openUrl?: SsoContext['openUrl']): SsoContext => ({
    env: {},
    home: h.home,
    endpointUrl: sb.current.url,
    log: onLine,
    openUrl,
  });
  const userCode = (line: string) => /enter the code: ([A-Z]{4}-[A-Z]{4})/.exec(line)?.[1];
  const signInFailed = (pattern: RegExp) => (e: unknown) =>
    isOnrampError(e) && e.code === 'ONR-E323' && pattern.test(e.message);

  before(async () => {
    fx = await seedIdentityCenter(sb.current);
    h = tempHome();
    await configureSession(ctx(), {
      name: 'corp',
      startUrl: fx.startUrl,
      region: sb.current.region,
      registrationScopes: ['sso:account:access'],
    });
    session = findSession(readAwsSetup({ home: h.home, env: {} }), 'corp');
  });
  after(() => h.cleanup());

  it('device code: polls while pending, then caches the token once a person approves', async () => {
    const before = createTokens();
    const result = await login(
      ctx((line) => {
        const code = userCode(line);
        if (code) setTimeout(() => approveDeviceCode(sb.current.context, code, 'bob'), 1500);
      }),
      session,
      { flow: 'device', openBrowser: false },
    );
    assert.equal(result.flow, 'device');
    assert.ok(createTokens() - before >= 2, `polled ${createTokens() - before} times`);
    const token = readSsoToken(h.path('.aws', 'sso', 'cache'), { sessionName: 'corp' });
    assert.ok(token.kind === 'found' && token.value.refreshToken);
    // A fresh token is returned as it is, without any call.
    const calls = createTokens();
    assert.equal(
      (await getValidToken(ctx(), session)).accessToken,
      token.kind === 'found' ? token.value.accessToken : '',
    );
    assert.equal(createTokens(), calls);
  });

  it('device code: a denial and a code nobody approves both fail with ONR-E323', async () => {
    await assert.rejects(
      login(
        ctx((line) => {
          const code = userCode(line);
          if (code) setTimeout(() => denyDeviceCode(sb.current.context, code), 200);
        }),
        session,
        { flow: 'device', openBrowser: false },
      ),
      signInFailed(/denied/),
    );
    await assert.rejects(
      login(ctx(), session, { flow: 'device', openBrowser: false, timeoutMs: 1500 }),
      signInFailed(/nobody approved code [A-Z]{4}-[A-Z]{4} in time/),
    );
  });

  it('PKCE: the consent page sends the browser back to 127.0.0.1 with the code; a denial comes back as an error', async () => {
    /** A browser whose person picks a decision on the consent page. */
    const browser = (decision: 'approve' | 'deny') => async (url: string) => {
      const q = new URL(url).searchParams;
      const form = new URLSearchParams([...q, ['user_name', 'carol'], ['decision', decision]]);
      const res = await fetch(`${sb.current.url}/authorize/approve`, {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      });
      const back = res.headers.get('location') ?? '';
      assert.ok(back.startsWith('http://127.0.0.1:'), `redirected to ${back}`);
      await (await fetch(back)).text();
      return true;
    };
    const ok = await login(
      ctx(() => {}, browser('approve')),
      session,
      { flow: 'pkce', openBrowser: true },
    );
    assert.equal(ok.flow, 'pkce');
    assert.equal(ok.refreshable, true);
    await assert.rejects(
      login(
        ctx(() => {}, browser('deny')),
        session,
        { flow: 'pkce', openBrowser: true },
      ),
      signInFailed(/access_denied/),
    );
    // --no-browser: the URL is printed, never opened.
    let opened = false;
    const lines: string[] = [];
    await assert.rejects(
      login(
        ctx(
          (l) => lines.push(l),
          async () => {
            opened = true;
            return true;
          },
        ),
        session,
        { flow: 'pkce', openBrowser: false, timeoutMs: 300 },
      ),
      signInFailed(/no browser came back/),
    );
    assert.equal(opened, false);
    assert.ok(lines.some((l) => l.includes('/authorize?response_type=code')));
  });
});
