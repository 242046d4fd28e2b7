/**
 * `onramp sso configure`: writes one `[sso-session NAME]` (sso_start_url, sso_region,
 * sso_registration_scopes) as `aws configure sso-session` would, inside onramp's own section,
 * atomically, with a backup; `dryRun` returns the diff instead.
 */
import { OnrampError } from '../core/errors.js';
import type { DesiredSsoSession } from './managed/desired.js';
import { type ConfigChange, planConfigChanges } from './managed/plan.js';
import { configFilePath } from './paths.js';
import { pathOptions, type SsoContext } from './sso-context.js';
import { SsoUserError } from './user-errors.js';
import { updateConfigFile, type WriteConfigResult } from './write-config.js';

export interface ConfigureOptions {
  dryRun?: boolean;
  /** Take over an existing `[sso-session NAME]` that onramp did not write. */
  adopt?: boolean;
}

export interface ConfigureResult extends WriteConfigResult {
  changes: ConfigChange[];
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Checks what `aws configure sso-session` would not let through either. */
export function validateSessionInput(input: DesiredSsoSession): void {
  let url: URL | undefined;
  try {
    url = new URL(input.startUrl);
  } catch {}
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new OnrampError(SsoUserError.badFlags, `--start-url ${input.startUrl} is not a URL`, {
      source: { kind: 'flag', flag: '--start-url' },
      hint: 'give the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start',
    });
  }
  if (!REGION.test(input.region)) {
    throw new OnrampError(SsoUserError.badFlags, `--region ${input.region} is not an AWS region`, {
      source: { kind: 'flag', flag: '--region' },
      hint: 'give the region where IAM Identity Center is enabled (sso_region), e.g. us-east-1',
    });
  }
}

/** See the module comment. */
export async function configureSession(
  ctx: SsoContext,
  input: DesiredSsoSession,
  options: ConfigureOptions = {},
): Promise<ConfigureResult> {
  validateSessionInput(input);
  const path = configFilePath(pathOptions(ctx)).path;
  let changes: ConfigChange[] = [];
  const written = await updateConfigFile(
    path,
    (text) => {
      const plan = planConfigChanges(
        text,
        { ssoSessions: [input], profiles: [] },
        { path, adopt: options.adopt },
      );
      changes = plan.changes;
      return plan.newText;
    },
    { dryRun: options.dryRun },
  );
  return { ...written, changes };
}
