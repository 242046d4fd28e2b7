/**
 * A throwaway HOME as the AWS CLI v2 leaves it after `aws sso login`: ~/.aws/config and the token
 * cache. Excluded from the build (test-*.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox.js';
import type { SignIn, SsoFixture } from './test-fixtures.js';

export interface AwsHome {
  home: string;
  configPath: string;
  /** ~/.aws/sso/cache/<sha1(session name)>.json */
  tokenPath: string;
}

/** ISO-8601 in whole seconds with a Z, as the AWS CLI v2 writes its cache. */
export function cliTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A throwaway HOME with ~/.aws/config (one sso-session and one profile per role) and the session's
 * token cache file in the AWS CLI v2 format, as `aws sso login` leaves them.
 */
export function writeAwsHome(opts: {
  sb: Sandbox;
  fixture: SsoFixture;
  session: string;
  profiles: Record<string, { accountId: string; roleName: string }>;
  signIn: SignIn;
  /** Epoch ms the cached access token claims to expire at. */
  expiresAt: number;
}): AwsHome {
  const home = mkdtempSync(join(tmpdir(), 'onramp-sso-home-'));
  const aws = join(home, '.aws');
  const cache = join(aws, 'sso', 'cache');
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  const lines = [
    `[sso-session ${opts.session}]`,
    `sso_start_url = ${opts.fixture.startUrl}`,
    `sso_region = ${opts.sb.region}`,
    'sso_registration_scopes = sso:account:access',
    '',
  ];
  for (const [name, p] of Object.entries(opts.profiles)) {
    lines.push(
      `[profile ${name}]`,
      `sso_session = ${opts.session}`,
      `sso_account_id = ${p.accountId}`,
      `sso_role_name = ${p.roleName}`,
      `region = ${opts.sb.region}`,
      '',
    );
  }
  const configPath = join(aws, 'config');
  writeFileSync(configPath, lines.join('\n'), { mode: 0o600 });
  const tokenPath = join(cache, `${createHash('sha1').update(opts.session).digest('hex')}.json`);
  const token = {
    startUrl: opts.fixture.startUrl,
    region: opts.sb.region,
    accessToken: opts.signIn.accessToken,
    expiresAt: cliTimestamp(opts.expiresAt),
    clientId: opts.signIn.clientId,
    clientSecret: opts.signIn.clientSecret,
    registrationExpiresAt: cliTimestamp(opts.signIn.clientSecretExpiresAt * 1000),
    refreshToken: opts.signIn.refreshToken,
  };
  writeFileSync(tokenPath, JSON.stringify(token), { mode: 0o600 });
  return { home, configPath, tokenPath };
}
