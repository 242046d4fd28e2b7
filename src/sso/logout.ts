/**
 * `onramp sso logout`, as `aws sso logout` does it: for each cached SSO token call the portal's
 * Logout, delete the token file, and delete the role credentials cached from SSO in ~/.aws/cli/cache.
 * With a session, only that session's token goes (but every cached SSO credential file, see below).
 * Client registrations stay (they hold no user identity). Credentials already handed out stay valid
 * until they expire: AWS cannot revoke them.
 * https://awscli.amazonaws.com/v2/documentation/api/latest/reference/sso/logout.html
 */
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { portalLogout, ssoApis } from './portal.js';
import { readTextFile } from './private-fs.js';
import { type SsoSessionConfig, tokenKeyOf } from './session-config.js';
import { clockOf, credentialDir, type SsoContext, say, tokenDir } from './sso-context.js';
import { isExpired, parseSsoToken, tokenCachePath } from './token-cache.js';

export interface LogoutResult {
  /** Token files removed. */
  tokens: string[];
  /** Portal sessions ended with Logout. */
  loggedOut: number;
  /** Cached role credential files removed. */
  credentials: string[];
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((n) => join(dir, n));
}

const remove = (path: string, into: string[]) => {
  try {
    unlinkSync(path);
    into.push(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
};

/** See the module comment; `session` undefined means every session, as `aws sso logout`. */
export async function logout(ctx: SsoContext, session?: SsoSessionConfig): Promise<LogoutResult> {
  const result: LogoutResult = { tokens: [], loggedOut: 0, credentials: [] };
  const tokenFiles = session
    ? [tokenCachePath(tokenDir(ctx), tokenKeyOf(session))]
    : jsonFiles(tokenDir(ctx));
  const now = clockOf(ctx).now();
  for (const path of tokenFiles) {
    const file = readTextFile(path);
    if (!file.exists) continue;
    const parsed = parseSsoToken(file.text);
    // Registrations and other files share the directory; only token files have an access token.
    if (!parsed.ok) continue;
    const region = parsed.token.region ?? session?.region;
    if (region && !isExpired(parsed.token, now)) {
      const apis = ssoApis(ctx, region);
      try {
        await portalLogout(apis, parsed.token.accessToken);
        result.loggedOut++;
      } catch (e) {
        // The CLI ignores a token the portal no longer knows; the file goes either way.
        say(
          ctx,
          `note: the portal's Logout failed (${e instanceof Error ? e.message : String(e)}); removing the token anyway`,
        );
      } finally {
        await apis.destroy();
      }
    }
    remove(path, result.tokens);
  }
  // Every SSO credential file goes, as with `aws sso logout`, even for one session: the file names
  // are hashes, so those of profiles since removed from the config cannot be told apart, and the
  // files are only a cache (profiles of other sessions fetch theirs again with their own token).
  for (const path of jsonFiles(credentialDir(ctx))) {
    const file = readTextFile(path);
    let provider: unknown;
    try {
      provider = (JSON.parse(file.text) as { ProviderType?: unknown }).ProviderType;
    } catch {
      continue;
    }
    if (provider === 'sso') remove(path, result.credentials);
  }
  return result;
}
