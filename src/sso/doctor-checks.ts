/**
 * The checks behind `onramp doctor`, each a pure function of the setup (config + credentials as
 * botocore reads them, with file:line), the environment and the token cache. Each finding says what
 * is wrong, where, and how to fix it.
 */
import type { ValueSource } from '../core/errors.js';
import type { AwsSetup, SourcedSection, SourcedValue } from './aws-setup.js';
import type { Env } from './paths.js';
import { isSsoProfile, loginCommand, type SsoSessionConfig } from './session-config.js';
import { canRefresh, isExpired, readSsoToken, type TokenCacheKey } from './token-cache.js';
import { DoctorCode, type DoctorCodeValue } from './user-errors.js';

export interface Finding {
  code: DoctorCodeValue;
  message: string;
  /** The file and line (or environment variable) the finding is about. */
  source?: ValueSource;
  fix: string;
}

/** Which profiles and sessions a run looks at: one profile (and [default]) or everything. */
export interface DoctorScope {
  profiles: string[];
  sessions: string[];
  /** True when a single profile was asked for. */
  narrowed: boolean;
}

const str = (v: SourcedValue | undefined): string | undefined =>
  typeof v?.value === 'string' && v.value.trim() !== '' ? v.value.trim() : undefined;

const fileSource = (file: string, line?: number): ValueSource => ({ kind: 'file', file, line });

/** Repeated or shadowed sections and keys (D327), and anything else botocore refuses to parse (D320). */
export function checkFiles(setup: AwsSetup): Finding[] {
  const out: Finding[] = [];
  for (const file of [setup.config, setup.credentials]) {
    for (const p of file.problems) {
      const source = fileSource(file.path, p.line);
      if (p.code === 'duplicate-section' || p.code === 'shadowed-section' || p.code === 'duplicate-key') {
        out.push({
          code: DoctorCode.duplicateSection,
          message: p.message,
          source,
          fix:
            p.code === 'shadowed-section'
              ? 'delete or rename one of the two sections: tools silently read only the later one'
              : 'keep one of them: botocore (the AWS CLI) refuses to read a file with a repeated section or key',
        });
      } else if (p.fatal) {
        out.push({
          code: DoctorCode.unreadableFile,
          message: `${p.message}: the AWS CLI cannot read ${file.path}`,
          source,
          fix: 'fix or delete that line; until then every AWS CLI command fails with a config parse error',
        });
      }
    }
  }
  return out;
}

/** Static keys in the environment win over every profile that is not named explicitly (D321). */
export function checkEnvKeys(env: Env): Finding[] {
  if (!env.AWS_ACCESS_KEY_ID || env.ONRAMP_EXEC_PROFILE) return [];
  return [
    {
      code: DoctorCode.envKeys,
      message:
        'AWS_ACCESS_KEY_ID is set: tools use these keys instead of your SSO profiles unless a profile is named explicitly (botocore uses them even with AWS_PROFILE set)',
      source: { kind: 'env', name: 'AWS_ACCESS_KEY_ID' },
      fix: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN (use onramp exec --profile P -- CMD to give one command credentials)',
    },
  ];
}

/** Long-lived keys next to SSO settings (D322): in an SSO profile, or in [default] while SSO profiles exist. */
export function checkFileKeys(setup: AwsSetup, scope: DoctorScope): Finding[] {
  const out: Finding[] = [];
  const ssoProfiles = scope.profiles.filter((p) => isSsoProfile(setup.profiles.get(p)));
  const where = (v: SourcedValue) => (v.source.kind === 'file' ? v.source.file : setup.config.path);
  for (const name of ssoProfiles) {
    const key = setup.profiles.get(name)?.values.get('aws_access_key_id');
    if (!key) continue;
    out.push({
      code: DoctorCode.fileKeys,
      message: `profile ${name} uses IAM Identity Center but ${where(key)} also gives it aws_access_key_id: the AWS SDK for JavaScript (and tools built on it) use the long-lived key instead of SSO`,
      source: key.source,
      fix: `delete (or comment out) aws_access_key_id and aws_secret_access_key in [${name}] of ${where(key)}`,
    });
  }
  const def = setup.profiles.get('default');
  const defKey = def?.values.get('aws_access_key_id');
  // [default] matters whichever profile was asked about: it is what every command without one uses.
  const anySso = setup.ssoSessions.size > 0 || [...setup.profiles.values()].some((p) => isSsoProfile(p));
  if (defKey && anySso && !isSsoProfile(def)) {
    out.push({
      code: DoctorCode.fileKeys,
      message: `[default] has a long-lived aws_access_key_id in ${where(defKey)}: every command run without a profile uses it, not SSO`,
      source: defKey.source,
      fix: `delete (or comment out) aws_access_key_id and aws_secret_access_key in [default] of ${where(defKey)}, and name an SSO profile with --profile or AWS_PROFILE`,
    });
  }
  return out;
}

/** A missing token (D323), or one that expired and cannot be refreshed (D324), per session in scope. */
export function checkTokens(setup: AwsSetup, scope: DoctorScope, cacheDir: string, now: number): Finding[] {
  const out: Finding[] = [];
  for (const name of scope.sessions) {
    const section = setup.ssoSessions.get(name);
    if (!section) continue;
    const session: Pick<SsoSessionConfig, 'name'> = { name };
    const key: TokenCacheKey = { sessionName: name };
    const read = readSsoToken(cacheDir, key);
    const source = section.sources[0];
    const fix = `sign in: ${loginCommand(session)}`;
    if (read.kind === 'missing') {
      out.push({
        code: DoctorCode.noToken,
        message: `sso-session ${name}: not signed in on this machine (no cached token)`,
        source,
        fix,
      });
    } else if (read.kind === 'invalid') {
      out.push({
        code: DoctorCode.noToken,
        message: `sso-session ${name}: the cached token ${read.path} is unusable (${read.reason})`,
        source,
        fix,
      });
    } else if (isExpired(read.value, now) && !canRefresh(read.value, now)) {
      out.push({
        code: DoctorCode.expiredToken,
        message: `sso-session ${name}: the SSO token expired at ${read.value.expiresAt.toISOString()} and cannot be refreshed`,
        source,
        fix,
      });
    }
  }
  return out;
}

/**
 * sso_region problems (D325) and profiles naming a missing sso-session (D326): the settings the
 * runbooks get wrong most (`region` where `sso_region` belongs, or the two disagreeing).
 */
export function checkSessionSettings(setup: AwsSetup, scope: DoctorScope): Finding[] {
  const out: Finding[] = [];
  const header = (s: SourcedSection) => s.sources[0];
  for (const name of scope.sessions) {
    const s = setup.ssoSessions.get(name);
    if (!s) continue;
    const region = str(s.values.get('region'));
    if (!str(s.values.get('sso_region'))) {
      out.push({
        code: DoctorCode.regionConfusion,
        message: region
          ? `[sso-session ${name}] sets region = ${region} where sso_region belongs`
          : `[sso-session ${name}] has no sso_region`,
        source: s.values.get('region')?.source ?? header(s),
        fix: `set sso_region = <the region where IAM Identity Center is enabled> in [sso-session ${name}]${region ? ' (rename region to sso_region)' : ''}`,
      });
    }
    if (!str(s.values.get('sso_start_url'))) {
      out.push({
        code: DoctorCode.regionConfusion,
        message: `[sso-session ${name}] has no sso_start_url`,
        source: header(s),
        fix: `onramp sso configure --session ${name} --start-url URL --region REGION`,
      });
    }
  }
  for (const name of scope.profiles) {
    const p = setup.profiles.get(name);
    if (!p) continue;
    const sessionRef = p.values.get('sso_session');
    const sessionName = str(sessionRef);
    if (sessionRef && sessionName) {
      const session = setup.ssoSessions.get(sessionName);
      if (!session) {
        out.push({
          code: DoctorCode.missingSession,
          message: `profile ${name} uses sso_session = ${sessionName}, but there is no [sso-session ${sessionName}]`,
          source: sessionRef.source,
          fix: `create it with onramp sso configure --session ${sessionName} --start-url URL --region REGION, or correct the name`,
        });
        continue;
      }
      for (const key of ['sso_region', 'sso_start_url']) {
        const own = p.values.get(key);
        const theirs = str(session.values.get(key));
        if (own && theirs && str(own) !== theirs) {
          out.push({
            code: DoctorCode.regionConfusion,
            message: `profile ${name} sets ${key} = ${str(own)}, but its sso-session ${sessionName} says ${theirs}: the AWS CLI refuses the profile`,
            source: own.source,
            fix: `delete ${key} from [profile ${name}]; it belongs in [sso-session ${sessionName}] only`,
          });
        }
      }
    } else if (str(p.values.get('sso_start_url')) && !str(p.values.get('sso_region'))) {
      const region = str(p.values.get('region'));
      out.push({
        code: DoctorCode.regionConfusion,
        message: `profile ${name} has sso_start_url but no sso_region${region ? ` (region = ${region} is the region for commands, not for sign-in)` : ''}`,
        source: p.sources[0],
        fix: `add sso_region = <the Identity Center region> to [profile ${name}], or move the SSO settings into an sso-session (onramp sso configure)`,
      });
    }
    const scopes = str(p.values.get('sso_registration_scopes'));
    if (scopes && sessionName) {
      out.push({
        code: DoctorCode.regionConfusion,
        message: `profile ${name} sets sso_registration_scopes, which only an sso-session reads`,
        source: p.values.get('sso_registration_scopes')?.source,
        fix: `move sso_registration_scopes into [sso-session ${sessionName}]`,
      });
    }
  }
  return out;
}
