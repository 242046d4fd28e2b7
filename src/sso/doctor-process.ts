/**
 * credential_process chains through `onramp creds` (D328, D329). `onramp creds --profile X` answers
 * from X's SSO settings and never runs X's own credential_process, so a profile whose
 * credential_process names itself is fine when it is an SSO profile. A profile that names another
 * profile which is not SSO but has a credential_process itself continues the chain; coming back to
 * a profile already on it is a loop (every AWS call would spawn processes until something times
 * out), and ending at a missing or non-SSO profile fails.
 */
import type { AwsSetup } from './aws-setup.js';
import type { DoctorScope, Finding } from './doctor-checks.js';
import { isSsoProfile } from './session-config.js';
import { DoctorCode } from './user-errors.js';

/** The profile an `onramp creds` credential_process command asks for, if it is one. */
export function onrampCredsTarget(command: string): string | undefined {
  const words = command.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^(["'])(.*)\1$/, '$2')) ?? [];
  const at = words.findIndex((w, i) => /(^|[/\\])onramp(\.js|\.cmd)?$/.test(w) && words[i + 1] === 'creds');
  if (at < 0) return undefined;
  for (let i = at + 2; i < words.length; i++) {
    if (words[i] === '--profile') return words[i + 1];
    if (words[i].startsWith('--profile=')) return words[i].slice('--profile='.length);
  }
  return 'default';
}

function targetOf(setup: AwsSetup, profile: string): string | undefined {
  const v = setup.profiles.get(profile)?.values.get('credential_process')?.value;
  return typeof v === 'string' ? onrampCredsTarget(v) : undefined;
}

/** See the module comment. */
export function checkCredentialProcess(setup: AwsSetup, scope: DoctorScope): Finding[] {
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const start of scope.profiles) {
    if (targetOf(setup, start) === undefined) continue;
    const source = setup.profiles.get(start)?.values.get('credential_process')?.source;
    const chain = [start];
    let current = start;
    for (;;) {
      const target = targetOf(setup, current)!;
      const section = setup.profiles.get(target);
      if (isSsoProfile(section)) break;
      if (!section) {
        out.push({
          code: DoctorCode.credentialProcessTarget,
          message: `profile ${start}: credential_process runs onramp creds --profile ${target}, which does not exist`,
          source,
          fix: `point it at an SSO profile (onramp sso sync writes them), or create [profile ${target}]`,
        });
        break;
      }
      if (chain.includes(target)) {
        const loop = [...chain.slice(chain.indexOf(target)), target];
        const key = [...new Set(loop)].sort().join('\0');
        if (!reported.has(key)) {
          reported.add(key);
          out.push({
            code: DoctorCode.credentialProcessLoop,
            message: `credential_process loop: ${loop.join(' → ')} (none of them is an SSO profile)`,
            source,
            fix: `make the profile onramp creds is asked for an SSO profile (sso_session, sso_account_id, sso_role_name), e.g. point ${current} at a profile written by onramp sso sync`,
          });
        }
        break;
      }
      if (targetOf(setup, target) === undefined) {
        out.push({
          code: DoctorCode.credentialProcessTarget,
          message: `profile ${start}: credential_process runs onramp creds --profile ${target}, which is not an SSO profile`,
          source,
          fix: `onramp creds answers for IAM Identity Center profiles only; point it at one, or give ${target} sso_session, sso_account_id and sso_role_name`,
        });
        break;
      }
      chain.push(target);
      current = target;
    }
  }
  return out;
}
