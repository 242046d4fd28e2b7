import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  type SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { ManualClock } from '../../../core/clock.js';
import { type Sandbox, startSandbox } from '../../sandbox.js';
import { useSandbox } from '../../test-support.js';
import {
  oauthError,
  oidcClient,
  type SsoFixture,
  seedIdentityCenter,
  signInWithDeviceCode,
} from '../sso-portal/test-fixtures.js';
import { approveDeviceCode, denyDeviceCode } from './device.js';
import { setTokenLifetimes } from './state.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('SSO OIDC', () => {
  const sb = useSandbox({ seed: 'org' });
  let fx: SsoFixture;
  let oidc: SSOOIDCClient;
  before(async () => {
    fx = await seedIdentityCenter(sb.current);
    oidc = oidcClient(sb.current);
  });
  after(() => oidc.destroy());

  async function register(
    input: { grantTypes?: string[]; redirectUris?: string[]; issuerUrl?: string; scopes?: string[] } = {},
  ) {
    const r = await oidc.send(
      new RegisterClientCommand({ clientName: 'test', clientType: 'public', ...input }),
    );
    return { clientId: r.clientId ?? '', clientSecret: r.clientSecret ?? '', reg: r };
  }

  it('registers a public client for 90 days', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { reg } = await register({ scopes: ['sso:account:access'] });
    assert.match(reg.clientId ?? '', /^[\w-]{20,}$/);
    assert.ok((reg.clientSecret ?? '').length > 40);
    assert.ok(Math.abs((reg.clientIdIssuedAt ?? 0) - before) <= 2);
    assert.equal((reg.clientSecretExpiresAt ?? 0) - (reg.clientIdIssuedAt ?? 0), 90 * 24 * 3600);
    await assert.rejects(
      oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })),
      oauthError('InvalidClientMetadataException', 'invalid_client_metadata'),
    );
  });

  it('runs the device flow: pending, slow down, approve, token, replay rejected', async () => {
    const { clientId, clientSecret } = await register({ scopes: ['sso:account:access'] });
    const start = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: `${fx.startUrl}/#/` }),
    );
    assert.match(start.userCode ?? '', /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(start.verificationUri, `${sb.current.url}/device`);
    assert.equal(start.verificationUriComplete, `${sb.current.url}/device?user_code=${start.userCode}`);
    assert.equal(start.expiresIn, 600);
    assert.equal(start.interval, 1);
    const poll = () =>
      oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: start.deviceCode,
        }),
      );
    await assert.rejects(poll(), oauthError('AuthorizationPendingException', 'authorization_pending'));
    await assert.rejects(poll(), oauthError('SlowDownException', 'slow_down'));

    approveDeviceCode(sb.current.context, start.userCode ?? '', 'ALICE@example.com');
    const token = await poll();
    assert.equal(token.tokenType, 'Bearer');
    assert.equal(token.expiresIn, 8 * 3600);
    assert.match(token.accessToken ?? '', /^aoa/);
    assert.match(token.refreshToken ?? '', /^aor/, 'scoped clients get refresh tokens');
    await assert.rejects(poll(), oauthError('InvalidGrantException', 'invalid_grant'));
  });

  it('gives legacy clients (no scopes) no refresh token', async () => {
    const s = await signInWithDeviceCode(sb.current, fx, 'bob', []);
    assert.ok(s.accessToken);
    assert.equal(s.refreshToken, undefined);
  });

  it('answers AccessDeniedException when the user denies', async () => {
    const { clientId, clientSecret } = await register();
    const start = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: fx.startUrl }),
    );
    denyDeviceCode(sb.current.context, start.userCode ?? '');
    await assert.rejects(
      oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: start.deviceCode,
        }),
      ),
      oauthError('AccessDeniedException', 'access_denied'),
    );
  });

  it('approves through the verification page, escaping what it shows', async () => {
    const { clientId, clientSecret } = await register({ scopes: ['sso:account:access'] });
    const start = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: fx.startUrl }),
    );
    const pageRes = await fetch(start.verificationUriComplete ?? '');
    assert.equal(pageRes.status, 200);
    assert.match(pageRes.headers.get('content-type') ?? '', /^text\/html/);
    const html = await pageRes.text();
    assert.ok(html.includes(start.userCode ?? ''), 'page shows the user code');
    assert.match(html, /<label for="user_name">/);
    assert.ok(html.includes('alice@example.com'), 'page offers the instance users');

    const post = (fields: Record<string, string>) =>
      fetch(`${sb.current.url}/device/approve`, { method: 'POST', body: new URLSearchParams(fields) });
    const bad = await post({
      user_code: start.userCode ?? '',
      user_name: '<script>alert(1)</script>',
      decision: 'approve',
    });
    assert.equal(bad.status, 400);
    const badHtml = await bad.text();
    assert.ok(!badHtml.includes('<script>alert(1)'), 'user input is escaped');
    assert.ok(badHtml.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));

    const ok = await post({
      user_code: (start.userCode ?? '').toLowerCase().replace('-', ' '),
      user_name: 'bob',
      decision: 'approve',
    });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /Request approved/);
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId,
        clientSecret,
        grantType: DEVICE_GRANT,
        deviceCode: start.deviceCode,
      }),
    );
    assert.ok(token.accessToken);

    const gone = await fetch(start.verificationUriComplete ?? '');
    assert.equal(gone.status, 400, 'a used code is no longer offered');
    const entry = await fetch(`${sb.current.url}/device`);
    assert.match(await entry.text(), /<label for="user_code">/);
  });

  it('rejects unknown start URLs, forged and mismatched client secrets', async () => {
    const { clientId, clientSecret } = await register();
    for (const startUrl of [
      'https://d-0000000000.awsapps.com/start',
      'https://example.com/start',
      'not a url',
    ]) {
      await assert.rejects(
        oidc.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl })),
        oauthError('InvalidRequestException', 'invalid_request'),
      );
    }
    const [payload, sig] = clientSecret.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { expiresAt: number };
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...claims, expiresAt: claims.expiresAt + 1e6 }),
    ).toString('base64url');
    const other = await register();
    for (const secret of [`${forgedPayload}.${sig}`, 'garbage', other.clientSecret]) {
      await assert.rejects(
        oidc.send(
          new StartDeviceAuthorizationCommand({ clientId, clientSecret: secret, startUrl: fx.startUrl }),
        ),
        oauthError('InvalidClientException', 'invalid_client', 401),
      );
      await assert.rejects(
        oidc.send(
          new CreateTokenCommand({
            clientId,
            clientSecret: secret,
            grantType: DEVICE_GRANT,
            deviceCode: 'x',
          }),
        ),
        oauthError('InvalidClientException', 'invalid_client', 401),
      );
    }
    await assert.rejects(
      oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'password' })),
      oauthError('UnsupportedGrantTypeException', 'unsupported_grant_type'),
    );
    await assert.rejects(
      oidc.send(
        new CreateTokenCommand({ clientId, clientSecret, grantType: 'authorization_code', code: 'x' }),
      ),
      oauthError('UnauthorizedClientException', 'unauthorized_client'),
    );
  });

  it('rotates refresh tokens and rejects a used one', async () => {
    const s = await signInWithDeviceCode(sb.current, fx, 'alice@example.com');
    const refresh = (refreshToken: string | undefined) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: s.clientId,
          clientSecret: s.clientSecret,
          grantType: 'refresh_token',
          refreshToken,
        }),
      );
    const next = await refresh(s.refreshToken);
    assert.ok(next.accessToken && next.accessToken !== s.accessToken);
    assert.ok(next.refreshToken && next.refreshToken !== s.refreshToken);
    await assert.rejects(refresh(s.refreshToken), oauthError('InvalidGrantException', 'invalid_grant'));
    await assert.rejects(refresh('aorforged'), oauthError('InvalidGrantException', 'invalid_grant'));
    await assert.rejects(
      refresh(s.accessToken),
      oauthError('InvalidGrantException', 'invalid_grant'),
      'not an access token',
    );
    assert.ok((await refresh(next.refreshToken)).accessToken);
  });

  it('lets tests shorten token lifetimes', async () => {
    setTokenLifetimes(sb.current.world, { accessTokenSeconds: 90 });
    try {
      const s = await signInWithDeviceCode(sb.current, fx, 'bob');
      assert.equal(s.expiresIn, 90);
    } finally {
      setTokenLifetimes(sb.current.world, undefined);
    }
  });

  it('keeps serving after malformed requests', async () => {
    const garbage = await fetch(`${sb.current.url}/token`, {
      method: 'POST',
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(garbage.status, 400);
    assert.equal(garbage.headers.get('x-amzn-errortype'), 'SerializationException');
    const wrongTypes = await fetch(`${sb.current.url}/token`, {
      method: 'POST',
      body: JSON.stringify({ clientId: 1, clientSecret: ['x'], grantType: null }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(wrongTypes.status, 400);
    assert.equal(((await wrongTypes.json()) as { error: string }).error, 'invalid_request');
    assert.ok((await register()).clientId);
  });
});

describe('SSO OIDC with a manual clock', () => {
  let sb: Sandbox;
  let fx: SsoFixture;
  const clock = new ManualClock(Date.now());
  before(async () => {
    sb = await startSandbox({ clock, seed: 'org' });
    fx = await seedIdentityCenter(sb);
  });
  after(() => sb.stop());

  it('expires device codes after 600 s and purges them', async () => {
    const oidc = oidcClient(sb);
    const r = await oidc.send(new RegisterClientCommand({ clientName: 't', clientType: 'public' }));
    const start = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: r.clientId,
        clientSecret: r.clientSecret,
        startUrl: fx.startUrl,
      }),
    );
    clock.advance(601_000);
    await assert.rejects(
      oidc.send(
        new CreateTokenCommand({
          clientId: r.clientId,
          clientSecret: r.clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: start.deviceCode,
        }),
      ),
      oauthError('ExpiredTokenException', 'expired_token'),
    );
    assert.equal(Object.keys(sb.world.oidc.devices).length, 1);
    await oidc.send(new RegisterClientCommand({ clientName: 't2', clientType: 'public' }));
    assert.equal(Object.keys(sb.world.oidc.devices).length, 0, 'expired device codes are purged');
    assert.throws(() => approveDeviceCode(sb.context, start.userCode ?? '', 'bob'), /No pending sign-in/);
    oidc.destroy();
  });
});
