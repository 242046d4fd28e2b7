/**
 * Role credentials for an SSO profile, the way botocore's SSO provider gets them: from the CLI's
 * credential cache (~/.aws/cli/cache) while more than 15 minutes remain, else GetRoleCredentials
 * with a valid token (refreshed if needed), cached 0600 for the next caller (onramp or `aws`).
 */
import type { AwsCredentials } from '../aws/service-clients.js';
import { readAwsSetup } from './aws-setup.js';
import {
  credentialsNeedRefresh,
  type RoleCredentials,
  readRoleCredentials,
  writeRoleCredentials,
} from './credential-cache.js';
import { getRoleCredentials, ssoApis } from './portal.js';
import { credentialKeyOf, findSsoProfile, isSsoProfile, type SsoProfileConfig } from './session-config.js';
import { clockOf, credentialDir, pathOptions, type SsoContext } from './sso-context.js';
import { getValidToken } from './valid-token.js';

export interface ProfileCredentials {
  credentials: RoleCredentials;
  /** Where they came from this time. */
  from: 'cache' | 'portal';
  profile: SsoProfileConfig;
}

/** See the module comment. Throws ONR-E320/E321/E325 for the profile, E322 without a usable token, E324 without access. */
export async function getProfileCredentials(
  ctx: SsoContext,
  profileName: string,
): Promise<ProfileCredentials> {
  const setup = readAwsSetup(pathOptions(ctx));
  const profile = findSsoProfile(setup, profileName);
  const dir = credentialDir(ctx);
  const key = credentialKeyOf(profile);
  const cached = readRoleCredentials(dir, key);
  if (cached.kind === 'found' && !credentialsNeedRefresh(cached.value, clockOf(ctx).now())) {
    return {
      credentials: { ...cached.value, accountId: cached.value.accountId ?? profile.accountId },
      from: 'cache',
      profile,
    };
  }
  const apis = ssoApis(ctx, profile.session.region);
  try {
    const token = await getValidToken(ctx, profile.session, { apis, profile: profileName });
    const credentials = await getRoleCredentials(
      apis,
      profile.session,
      token.accessToken,
      profile.accountId,
      profile.roleName,
    );
    writeRoleCredentials(dir, key, credentials);
    return { credentials, from: 'portal', profile };
  } finally {
    await apis.destroy();
  }
}

export interface AnyCredentials {
  credentials: AwsCredentials;
  /** The profile's region, if it sets one. */
  region?: string;
  /** 'sso' when onramp fetched them itself, 'chain' when the SDK's credential chain did. */
  via: 'sso' | 'chain';
}

/**
 * Credentials for any profile: SSO profiles through onramp (above), anything else (static keys,
 * role_arn, credential_process) through the SDK's default chain for that profile.
 */
export async function getAnyCredentials(
  ctx: SsoContext,
  profileName: string | undefined,
): Promise<AnyCredentials> {
  const name = profileName ?? ctx.env.AWS_PROFILE ?? 'default';
  const setup = readAwsSetup(pathOptions(ctx));
  const section = setup.profiles.get(name);
  if (isSsoProfile(section)) {
    const got = await getProfileCredentials(ctx, name);
    const c = got.credentials;
    return {
      credentials: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: c.expiration,
      },
      region: got.profile.region,
      via: 'sso',
    };
  }
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const credentials = await fromNodeProviderChain(profileName ? { profile: profileName } : {})();
  const region = section?.values.get('region')?.value;
  return { credentials, region: typeof region === 'string' ? region : undefined, via: 'chain' };
}
