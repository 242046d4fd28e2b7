/**
 * Error codes of the user-side file layer (docs/errors.md, "User-side files (ONR-E3xx)").
 */
export const SsoFileError = {
  /** A desired profile/sso-session has the name of a section onramp does not own. */
  nameCollision: 'ONR-E301',
  /** A name or value cannot be written so that botocore and the JS SDK read it back unchanged. */
  unsafeValue: 'ONR-E302',
  /** Another process holds the config file's lock. */
  locked: 'ONR-E303',
  /** The file changed between reading and writing it. */
  changedSinceRead: 'ONR-E304',
  /** The file is not valid UTF-8; onramp will not edit it. */
  notUtf8: 'ONR-E305',
  /** The profile name template is invalid. */
  badTemplate: 'ONR-E306',
  /** The desired configuration names one profile or session twice with different settings. */
  conflictingDesired: 'ONR-E307',
  /** An edit would change how a section onramp does not own reads (a safety net; should not happen). */
  wouldChangeOthers: 'ONR-E308',
  /** An onramp section contains a line botocore reads as a value and the JS SDK as a new section. */
  ambiguousSection: 'ONR-E309',
} as const;
