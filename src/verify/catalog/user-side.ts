/**
 * Diagnostics about a person's own AWS files: ~/.aws/config, ~/.aws/credentials, the SSO token
 * cache, and the environment. They explain why access that verify proved still fails for someone.
 */
import { defineEntry, type Evidence } from './types.js';

export interface ShadowEvidence extends Evidence {
  profile: string;
  /** Where the static keys are: `$AWS_ACCESS_KEY_ID` or `file:line`. */
  where: string;
  source: 'environment' | 'credentials file' | 'config file';
  /** The tools that use the static keys instead of the SSO profile. */
  affects: string[];
}

export const staticKeysShadowSso = defineEntry<ShadowEvidence>({
  code: 'ONR-D010',
  slug: 'static-keys-shadow-sso',
  title: 'Static access keys shadow an SSO profile',
  severity: 'error',
  cause:
    "Access keys in the environment win over AWS_PROFILE in the AWS CLI and botocore; keys in the profile's own section (credentials or config file) win over its sso_* settings in the AWS SDK for JavaScript. The person then acts as whoever owns the keys, not through Identity Center.",
  evidence: {
    profile: 'the SSO profile that is shadowed',
    where: 'where the keys are: $AWS_ACCESS_KEY_ID or file:line',
    source: 'environment, credentials file or config file',
    affects: 'which tools use the keys instead of SSO',
  },
  fixText:
    "Remove the static keys: unset AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, or delete the aws_access_key_id/aws_secret_access_key lines from the profile's section.",
  fix: (e) => ({
    summary: `Remove the static keys at ${e.where} so that profile ${e.profile} uses SSO.`,
    commands:
      e.source === 'environment'
        ? ['unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN']
        : [`# delete aws_access_key_id / aws_secret_access_key (and aws_session_token) at ${e.where}`],
  }),
});

export interface TokenEvidence extends Evidence {
  session: string;
  tokenFile: string;
  expiresAt: string;
  /** expired: past its expiresAt and not refreshable; rejected: the portal refused it. */
  state: 'expired' | 'rejected';
}

export const ssoTokenExpired = defineEntry<TokenEvidence>({
  code: 'ONR-D011',
  slug: 'sso-token-expired',
  title: 'The SSO sign-in has expired',
  severity: 'error',
  cause:
    "The cached SSO access token is past its expiry and its refresh token (or client registration) cannot renew it, or the portal rejected it (signed out, or the session was revoked). Every profile of that sso-session fails with 'The SSO session has expired or is invalid' until the person signs in again.",
  evidence: {
    session: 'the sso-session name (or start URL for a legacy profile)',
    tokenFile: 'the token cache file',
    expiresAt: 'when the token expired',
    state: 'expired or rejected',
  },
  fixText: 'Sign in again: aws sso login --sso-session <name>.',
  fix: (e) => ({
    summary: `Sign in again to ${e.session}.`,
    commands: [
      e.session.startsWith('https://')
        ? 'aws sso login --profile <profile>'
        : `aws sso login --sso-session ${e.session}`,
    ],
  }),
});

export interface RegionEvidence extends Evidence {
  session: string;
  ssoRegion: string;
  where: string;
  instanceRegion: string;
  startUrl: string;
}

export const ssoRegionMismatch = defineEntry<RegionEvidence>({
  code: 'ONR-D012',
  slug: 'sso-region-mismatch',
  title: "sso_region differs from the Identity Center instance's region",
  severity: 'error',
  cause:
    'The OIDC and portal endpoints are regional: sign-in and GetRoleCredentials must go to the region the instance lives in. With another sso_region, aws sso login fails (the start URL is unknown there) or cached tokens are refused.',
  evidence: {
    session: 'the sso-session (or profile) with the wrong region',
    ssoRegion: 'the sso_region it sets',
    where: 'file:line of that setting',
    instanceRegion: "the instance's region",
    startUrl: 'the start URL it signs in to',
  },
  fixText: 'Set sso_region to the instance region in that section.',
  fix: (e) => ({
    summary: `Set sso_region = ${e.instanceRegion} at ${e.where}.`,
    commands: [`# ${e.where}: sso_region = ${e.instanceRegion}`],
  }),
});
