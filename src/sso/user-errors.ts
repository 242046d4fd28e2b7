/**
 * Codes of the user-side commands (docs/errors.md, "User-side commands (ONR-E32x)"): errors the
 * sso/creds/exec/whoami/console commands raise, and the findings `onramp doctor` reports.
 */
export const SsoUserError = {
  /** The sso-session or profile named does not exist in ~/.aws/config. */
  notFound: 'ONR-E320',
  /** The sso-session or profile lacks a setting it needs (sso_start_url, sso_region, account, role). */
  incomplete: 'ONR-E321',
  /** No usable SSO token: never signed in, expired, or the portal rejected it. */
  notSignedIn: 'ONR-E322',
  /** The sign-in did not complete (denied, timed out, wrong state, device code expired). */
  signInFailed: 'ONR-E323',
  /** The portal refused credentials for the account and role (not assigned, or not provisioned). */
  noAccess: 'ONR-E324',
  /** The profile is not an IAM Identity Center profile, so onramp cannot fetch its credentials. */
  notSsoProfile: 'ONR-E325',
  /** `onramp exec` could not start the command. */
  execFailed: 'ONR-E326',
  /** The federation endpoint did not return a sign-in token for the console. */
  consoleFailed: 'ONR-E327',
  /** Flags that cannot be combined, or a flag value onramp cannot use. */
  badFlags: 'ONR-E328',
} as const;

/** Finding codes of `onramp doctor`; each comes with the file and line it is about and a fix. */
export const DoctorCode = {
  /** botocore cannot read the config or credentials file at all. */
  unreadableFile: 'ONR-D320',
  /** AWS_ACCESS_KEY_ID (and friends) in the environment override every profile. */
  envKeys: 'ONR-D321',
  /** Long-lived keys in ~/.aws/credentials for an SSO profile or for [default]. */
  fileKeys: 'ONR-D322',
  /** The sso-session has no cached token: nobody signed in on this machine. */
  noToken: 'ONR-D323',
  /** The cached token expired and cannot be refreshed. */
  expiredToken: 'ONR-D324',
  /** sso_region is missing, or `region` is used where `sso_region` belongs, or they conflict. */
  regionConfusion: 'ONR-D325',
  /** A profile names an sso-session that does not exist. */
  missingSession: 'ONR-D326',
  /** The same profile or sso-session is defined twice; one silently replaces the other. */
  duplicateSection: 'ONR-D327',
  /** credential_process profiles point at each other in a loop. */
  credentialProcessLoop: 'ONR-D328',
  /** credential_process runs `onramp creds` for a profile that is missing or not an SSO profile. */
  credentialProcessTarget: 'ONR-D329',
} as const;

export type DoctorCodeValue = (typeof DoctorCode)[keyof typeof DoctorCode];
