/**
 * `onramp doctor`: what stands between this machine and working SSO profiles, found from the files
 * and the environment alone (no AWS calls), each with its place and fix. The runbooks' usual
 * trouble: forgotten static keys, an expired sign-in, sso_region mixed up with region, profiles
 * pointing at sessions that do not exist, duplicated sections, credential_process loops.
 */
import { OnrampError } from '../core/errors.js';
import { type AwsSetup, readAwsSetup } from './aws-setup.js';
import {
  checkEnvKeys,
  checkFileKeys,
  checkFiles,
  checkSessionSettings,
  checkTokens,
  type DoctorScope,
  type Finding,
} from './doctor-checks.js';
import { checkCredentialProcess } from './doctor-process.js';
import { clockOf, pathOptions, type SsoContext, tokenDir } from './sso-context.js';
import { SsoUserError } from './user-errors.js';

export type { Finding } from './doctor-checks.js';

export interface DoctorReport {
  ok: boolean;
  configPath: string;
  credentialsPath: string;
  profiles: number;
  sessions: number;
  findings: Finding[];
}

/** One profile (its session, and [default] for shadowing keys), or everything in the files. */
export function doctorScope(setup: AwsSetup, profile?: string): DoctorScope {
  if (!profile) {
    return { profiles: [...setup.profiles.keys()], sessions: [...setup.ssoSessions.keys()], narrowed: false };
  }
  const section = setup.profiles.get(profile);
  if (!section) {
    throw new OnrampError(
      SsoUserError.notFound,
      `checking profile ${profile}: it is not in ${setup.config.path}`,
      {
        source: { kind: 'file', file: setup.config.path },
        hint: 'run onramp doctor without --profile to check every profile',
      },
    );
  }
  const session = section.values.get('sso_session')?.value;
  return {
    profiles: [profile],
    sessions: typeof session === 'string' && setup.ssoSessions.has(session.trim()) ? [session.trim()] : [],
    narrowed: true,
  };
}

/** Runs every check; see the module comment. */
export function runDoctor(ctx: SsoContext, options: { profile?: string } = {}): DoctorReport {
  const setup = readAwsSetup(pathOptions(ctx));
  const scope = doctorScope(setup, options.profile);
  const findings = [
    ...checkFiles(setup),
    ...checkEnvKeys(ctx.env),
    ...checkFileKeys(setup, scope),
    ...checkSessionSettings(setup, scope),
    ...checkTokens(setup, scope, tokenDir(ctx), clockOf(ctx).now()),
    ...checkCredentialProcess(setup, scope),
  ];
  return {
    ok: findings.length === 0,
    configPath: setup.config.path,
    credentialsPath: setup.credentials.path,
    profiles: setup.profiles.size,
    sessions: setup.ssoSessions.size,
    findings,
  };
}
