import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  type SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { startSandbox } from '../../sandbox.js';
import { useSandbox } from '../../test-support.js';
import {
  oauthError,
  oidcClient,
  pkcePair,
  type SsoFixture,
  seedIdentityCenter,
} from '../sso-portal/test-fixtures.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('SSO OIDC /authorize and the authorization_code grant', () => {
  const sb = useSandbox({ seed: 'org' });
  let fx: SsoFixture;
  let oidc: SSOOIDCClient;
  before(async () => {
    fx = await seedIdentityCenter(sb.current);
    oidc = oidcClient(sb.current);
  });
  after(() => oidc.destroy());

  async function register(input: {
    grantTypes?: string[];
    redirectUris?: string[];
    issuerUrl?: string;
    scopes?: string[];
  }) {
    const r = await oidc.send(
      new RegisterClientCommand({ clientName: 'test', clientType: 'public', ...input }),
    );
    return { clientId: r.clientId ?? '', clientSecret: r.clientSecret ?? '' };
  }

  describe('authorization code with PKCE', () => {
    async function pkceClient() {
      return register({
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl: fx.startUrl,
        scopes: ['sso:account:access'],
      });
    }
    function authorizeUrl(clientId: string, challenge: string, redirectUri: string, state = 'st-1'): string {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        state,
        code_challenge_method: 'S256',
        scopes: 'sso:account:access',
      });
      // As the AWS CLI does: the challenge is appended unencoded.
      return `${sb.current.url}/authorize?${q}&code_challenge=${challenge}`;
    }
    async function consent(url: string, userName: string): Promise<URL> {
      const pageRes = await fetch(url, { redirect: 'manual' });
      assert.equal(pageRes.status, 200);
      const html = await pageRes.text();
      const hidden = Object.fromEntries(
        [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
          m[1],
          m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"'),
        ]),
      );
      const res = await fetch(`${sb.current.url}/authorize/approve`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ ...hidden, user_name: userName, decision: 'approve' }),
      });
      assert.equal(res.status, 302);
      return new URL(res.headers.get('location') ?? '');
    }

    it('issues a code through the consent page and exchanges it once with the verifier', async () => {
      const { clientId, clientSecret } = await pkceClient();
      const { verifier, challenge } = pkcePair();
      const redirectUri = 'http://127.0.0.1:54321/oauth/callback';
      const back = await consent(authorizeUrl(clientId, challenge, redirectUri), 'alice@example.com');
      assert.equal(`${back.origin}${back.pathname}`, redirectUri);
      assert.equal(back.searchParams.get('state'), 'st-1');
      const code = back.searchParams.get('code') ?? '';
      assert.ok(code);
      const exchange = (codeVerifier: string, c = code) =>
        oidc.send(
          new CreateTokenCommand({
            clientId,
            clientSecret,
            grantType: 'authorization_code',
            code: c,
            redirectUri,
            codeVerifier,
          }),
        );
      const token = await exchange(verifier);
      assert.ok(token.accessToken);
      assert.ok(token.refreshToken);
      await assert.rejects(
        exchange(verifier),
        oauthError('InvalidGrantException', 'invalid_grant'),
        'single use',
      );
    });

    it('rejects a wrong verifier or redirect URI', async () => {
      const { clientId, clientSecret } = await pkceClient();
      const { verifier, challenge } = pkcePair();
      const redirectUri = 'http://127.0.0.1:40000/oauth/callback';
      for (const [codeVerifier, uri] of [
        [`${verifier}x`, redirectUri],
        [verifier, 'http://127.0.0.1:40001/oauth/callback'],
      ]) {
        const back = await consent(authorizeUrl(clientId, challenge, redirectUri), 'bob');
        await assert.rejects(
          oidc.send(
            new CreateTokenCommand({
              clientId,
              clientSecret,
              grantType: 'authorization_code',
              code: back.searchParams.get('code') ?? '',
              redirectUri: uri,
              codeVerifier,
            }),
          ),
          oauthError('InvalidGrantException', 'invalid_grant'),
        );
      }
    });

    it('never redirects to an unregistered URI and redirects errors to a registered one', async () => {
      const { clientId } = await pkceClient();
      const { challenge } = pkcePair();
      const evil = await fetch(authorizeUrl(clientId, challenge, 'https://evil.example/cb'), {
        redirect: 'manual',
      });
      assert.equal(evil.status, 400);
      const noPkce = await fetch(
        authorizeUrl(clientId, challenge, 'http://127.0.0.1:1234/oauth/callback').replace('S256', 'plain'),
        { redirect: 'manual' },
      );
      assert.equal(noPkce.status, 302);
      const loc = new URL(noPkce.headers.get('location') ?? '');
      assert.equal(loc.searchParams.get('error'), 'invalid_request');
      assert.equal(loc.searchParams.get('state'), 'st-1');
      const deny = await fetch(`${sb.current.url}/authorize/approve`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({
          response_type: 'code',
          client_id: clientId,
          redirect_uri: 'http://127.0.0.1:1234/oauth/callback',
          state: 's',
          code_challenge: challenge,
          code_challenge_method: 'S256',
          decision: 'deny',
        }),
      });
      assert.equal(new URL(deny.headers.get('location') ?? '').searchParams.get('error'), 'access_denied');
    });
  });
});

describe('SSO OIDC auto-approve', () => {
  it('auto-approves as the configured user', async () => {
    const auto = await startSandbox({ autoApprove: 'carol', seed: 'org' });
    try {
      const f = await seedIdentityCenter(auto);
      const oidc = oidcClient(auto);
      const r = await oidc.send(
        new RegisterClientCommand({
          clientName: 't',
          clientType: 'public',
          grantTypes: ['authorization_code', 'refresh_token'],
          redirectUris: ['http://127.0.0.1/oauth/callback'],
          issuerUrl: f.startUrl,
        }),
      );
      const start = await oidc
        .send(
          new StartDeviceAuthorizationCommand({
            clientId: r.clientId,
            clientSecret: r.clientSecret,
            startUrl: f.startUrl,
          }),
        )
        .catch((e: Error) => e);
      assert.equal(
        (start as Error).name,
        'UnauthorizedClientException',
        'a PKCE-only client cannot start the device flow',
      );
      const { challenge } = pkcePair();
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: r.clientId ?? '',
        redirect_uri: 'http://127.0.0.1:9/oauth/callback',
        state: 'abc',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const res = await fetch(`${auto.url}/authorize?${q}`, { redirect: 'manual' });
      assert.equal(res.status, 302);
      const loc = new URL(res.headers.get('location') ?? '');
      assert.ok(loc.searchParams.get('code'));
      assert.equal(loc.searchParams.get('state'), 'abc');

      const dev = await oidc.send(new RegisterClientCommand({ clientName: 'd', clientType: 'public' }));
      const d = await oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: dev.clientId,
          clientSecret: dev.clientSecret,
          startUrl: f.startUrl,
        }),
      );
      const token = await oidc.send(
        new CreateTokenCommand({
          clientId: dev.clientId,
          clientSecret: dev.clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: d.deviceCode,
        }),
      );
      assert.ok(token.accessToken, 'the first poll succeeds');
      oidc.destroy();
    } finally {
      await auto.stop();
    }
  });
});
