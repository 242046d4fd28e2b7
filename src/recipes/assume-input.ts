/**
 * `onramp assume` without the network: its inputs checked against STS's own rules before any call
 * (so a typo exits 2 and costs no AssumeRole), the hint for an AccessDenied, and the three ways of
 * printing the credentials. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
import { OnrampError } from '../core/errors.js';
import { RecipeCode } from './codes.js';

export type CredentialFormat = 'env' | 'json' | 'process';
export const CREDENTIAL_FORMATS: readonly CredentialFormat[] = ['env', 'json', 'process'];

export interface AssumeInput {
  roleArn: string;
  sessionName: string;
  durationSeconds?: number;
  externalId?: string;
  sourceIdentity?: string;
  format: CredentialFormat;
}

export interface RawAssumeFlags {
  roleArn: string;
  sessionName?: string;
  duration?: string;
  externalId?: string;
  sourceIdentity?: string;
  format?: string;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

const flag = (name: string) => ({ kind: 'flag' as const, flag: name });

/** Why `arn` is not a role ARN, in words that point at the usual mistake. */
function roleArnProblem(arn: string): string {
  if (/^arn:[\w-]+:sts::\d{12}:assumed-role\//.test(arn))
    return 'is a session (assumed-role) ARN; give the role ARN arn:aws:iam::<account>:role/<name>';
  if (/^arn:[\w-]+:iam::\d{12}:(user|group|policy)\//.test(arn))
    return 'names a user, group or policy, not a role';
  if (/^\d{12}$/.test(arn)) return 'is an account id; give the role ARN arn:aws:iam::<account>:role/<name>';
  return 'is not a role ARN (arn:aws:iam::<12-digit account>:role/<path/><name>)';
}

/** Checks every flag; throws the first problem as ONR-E154…E158 (exit 2). */
export function parseAssumeInput(raw: RawAssumeFlags, defaultSessionName = 'onramp'): AssumeInput {
  if (!ROLE_ARN.test(raw.roleArn)) {
    throw new OnrampError(RecipeCode.badRoleArn, `${raw.roleArn} ${roleArnProblem(raw.roleArn)}`, {
      source: { kind: 'flag', flag: 'ROLE_ARN' },
      hint: 'copy the ARN from the role’s summary in the IAM console, or from onramp apply’s output',
    });
  }
  const sessionName = raw.sessionName ?? defaultSessionName;
  if (!SESSION_NAME.test(sessionName)) {
    throw new OnrampError(
      RecipeCode.badSessionName,
      `session name ${JSON.stringify(sessionName)} breaks STS's rules`,
      {
        source: flag('--session-name'),
        hint: 'use 2-64 characters of letters, digits and +=,.@_-',
      },
    );
  }
  let durationSeconds: number | undefined;
  if (raw.duration !== undefined) {
    durationSeconds = parseDuration(raw.duration);
    if (durationSeconds === undefined || durationSeconds < 900 || durationSeconds > 43200) {
      throw new OnrampError(RecipeCode.badDuration, `${raw.duration} is not from 900 s to 12 h`, {
        source: flag('--duration'),
        hint: 'give seconds (900-43200) or 15m..12h, e.g. --duration 3600 or --duration 1h; the role’s MaxSessionDuration caps it, and a chained session to 1 h',
      });
    }
  }
  if (raw.externalId !== undefined && !EXTERNAL_ID.test(raw.externalId)) {
    throw new OnrampError(RecipeCode.badExternalId, '--external-id breaks STS’s rules', {
      source: flag('--external-id'),
      hint: 'an ExternalId is 2-1224 characters of letters, digits and +=,.@:/_-; copy it exactly as the role’s owner gave it',
    });
  }
  if (raw.sourceIdentity !== undefined && !SESSION_NAME.test(raw.sourceIdentity)) {
    throw new OnrampError(
      RecipeCode.badSessionName,
      `source identity ${JSON.stringify(raw.sourceIdentity)} breaks STS's rules`,
      { source: flag('--source-identity'), hint: 'use 2-64 characters of letters, digits and +=,.@_-' },
    );
  }
  const format = (raw.format ?? 'env') as CredentialFormat;
  if (!CREDENTIAL_FORMATS.includes(format)) {
    throw new OnrampError(RecipeCode.badFormat, `--format ${raw.format} is not env, json or process`, {
      source: flag('--format'),
      hint: 'env prints export lines for eval, json the credentials, process the credential_process JSON',
    });
  }
  return {
    roleArn: raw.roleArn,
    sessionName,
    format,
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    ...(raw.externalId === undefined ? {} : { externalId: raw.externalId }),
    ...(raw.sourceIdentity === undefined ? {} : { sourceIdentity: raw.sourceIdentity }),
  };
}

/** Seconds from `3600`, `3600s`, `90m`, `12h` or `1h30m`; undefined when it does not parse. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+s?$/.test(t)) return Number.parseInt(t, 10);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60;
}

/** The hint for an AccessDenied from AssumeRole: what usually causes it, given what was sent. */
export function accessDeniedHint(
  input: Pick<AssumeInput, 'roleArn' | 'externalId'>,
  caller?: string,
): string {
  const who = caller ? ` names you (${caller}, or its role/account)` : ' names you';
  const ext = input.externalId
    ? 'the ExternalId differs from the one in its trust policy (it must match exactly)'
    : 'the trust policy requires an ExternalId (vendor roles do): pass --external-id';
  return `check that ${input.roleArn} exists, its trust policy${who}, your own policies allow sts:AssumeRole on it, and that ${ext}; a role created seconds ago may not be assumable yet (IAM propagation)`;
}

/** The credentials as `format` prints them (stdout). */
export function renderCredentials(c: IssuedCredentials, format: CredentialFormat): string {
  const expiration = c.expiration.toISOString();
  switch (format) {
    case 'env':
      return [
        `export AWS_ACCESS_KEY_ID=${c.accessKeyId}`,
        `export AWS_SECRET_ACCESS_KEY=${c.secretAccessKey}`,
        `export AWS_SESSION_TOKEN=${c.sessionToken}`,
        `export AWS_CREDENTIAL_EXPIRATION=${expiration}`,
      ].join('\n');
    case 'json':
      return JSON.stringify(
        {
          AccessKeyId: c.accessKeyId,
          SecretAccessKey: c.secretAccessKey,
          SessionToken: c.sessionToken,
          Expiration: expiration,
        },
        null,
        2,
      );
    case 'process':
      // https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html
      return JSON.stringify({
        Version: 1,
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        SessionToken: c.sessionToken,
        Expiration: expiration,
      });
  }
}
