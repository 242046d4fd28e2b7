/**
 * The warm path of `onramp creds`, run by bin/onramp.js before the CLI loads: tools call
 * credential_process before every AWS command, so a cache hit must cost little more than starting
 * Node. It reads ~/.aws/config and the credential cache with the same modules as the full command
 * (so it agrees with it) and imports neither the AWS SDK nor commander. Anything it is not sure
 * about (an unknown flag, a miss, credentials near expiry, a broken file) returns undefined and the
 * full CLI answers instead.
 */
import { readAwsSetup } from './aws-setup.js';
import { credentialsNeedRefresh, readRoleCredentials } from './credential-cache.js';
import { CREDS_FORMATS, type CredsFormat, formatCredentials } from './creds-format.js';
import { cliCacheDir, type Env } from './paths.js';
import { credentialKeyOf, findSsoProfile } from './session-config.js';

interface FastArgs {
  profile?: string;
  format: CredsFormat;
}

/** `--profile P` / `--profile=P` and `--format F` / `--format=F` only; undefined for anything else. */
export function parseFastArgs(args: readonly string[]): FastArgs | undefined {
  const out: FastArgs = { format: 'process' };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] =
      args[i].startsWith('--') && args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i]];
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('-')) return undefined;
    if (flag === '--profile') out.profile = value;
    else if (flag === '--format' && (CREDS_FORMATS as readonly string[]).includes(value))
      out.format = value as CredsFormat;
    else return undefined;
  }
  return out;
}

/** The printed credentials on a cache hit, or undefined to fall through to the full CLI. */
export function fastCreds(args: readonly string[], env: Env, now: number = Date.now()): string | undefined {
  const parsed = parseFastArgs(args);
  if (!parsed) return undefined;
  try {
    const setup = readAwsSetup({ env });
    const profile = findSsoProfile(setup, parsed.profile ?? env.AWS_PROFILE ?? 'default');
    const cached = readRoleCredentials(cliCacheDir({ env }), credentialKeyOf(profile));
    if (cached.kind !== 'found' || credentialsNeedRefresh(cached.value, now)) return undefined;
    return formatCredentials(
      { ...cached.value, accountId: cached.value.accountId ?? profile.accountId },
      parsed.format,
      profile.region,
    );
  } catch {
    return undefined;
  }
}
