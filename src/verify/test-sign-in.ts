/**
 * Test helper: a person signed in through the sandbox's device flow, leaving ~/.aws/config (an
 * sso-session and a profile) and the token cache in a temp HOME, as `aws sso login` would.
 * Excluded from the build (test-*.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import type { Sandbox } from '../sandbox/sandbox.js';
import { approveDeviceCode } from '../sandbox/services/sso-oidc/device.js';
import { ssoCacheDir } from '../sso/paths.js';
import { type SsoToken, writeSsoToken } from '../sso/token-cache.js';
import { emptyHome } from './test-world.js';

export interface SignedIn {
  home: string;
  session: string;
  token: SsoToken;
  configPath: string;
}

/** Signs `userName` in and writes the files; `config` adds lines to the profile, `region` sets sso_region. */
export async function signIn(
  sb: Sandbox,
  identityStoreId: string,
  userName: string,
  opts: {
    home?: string;
    session?: string;
    region?: string;
    profileLines?: string[];
    expiresAt?: Date;
    refreshable?: boolean;
  } = {},
): Promise<SignedIn> {
  const startUrl = `https://${identityStoreId}.awsapps.com/start`;
  const oidc = new SSOOIDCClient({ endpoint: sb.url, region: sb.region, maxAttempts: 1 });
  const reg = await oidc.send(
    new RegisterClientCommand({
      clientName: 'verify-test',
      clientType: 'public',
      scopes: ['sso:account:access'],
    }),
  );
  const start = await oidc.send(
    new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl }),
  );
  approveDeviceCode(sb.context, start.userCode ?? '', userName);
  const t = await oidc.send(
    new CreateTokenCommand({
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: start.deviceCode,
    }),
  );
  oidc.destroy();
  const home = opts.home ?? emptyHome();
  const session = opts.session ?? 'platform';
  mkdirSync(join(home, '.aws'), { recursive: true, mode: 0o700 });
  const configPath = join(home, '.aws', 'config');
  const lines = [
    `[sso-session ${session}]`,
    `sso_start_url = ${startUrl}`,
    `sso_region = ${opts.region ?? sb.region}`,
    'sso_registration_scopes = sso:account:access',
    '',
    `[profile ${session}-admin]`,
    `sso_session = ${session}`,
    ...(opts.profileLines ?? []),
    '',
  ];
  writeFileSync(configPath, lines.join('\n'), { mode: 0o600 });
  const token: SsoToken = {
    startUrl,
    region: sb.region,
    accessToken: t.accessToken ?? '',
    expiresAt: opts.expiresAt ?? new Date(Date.now() + (t.expiresIn ?? 3600) * 1000),
    ...(opts.refreshable === false
      ? {}
      : {
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          registrationExpiresAt: new Date((reg.clientSecretExpiresAt ?? 0) * 1000),
          refreshToken: t.refreshToken,
        }),
  };
  writeSsoToken(ssoCacheDir({ home }), { sessionName: session }, token);
  return { home, session, token, configPath };
}
