/**
 * AWS's naming and format rules, as pure checks that return a problem or undefined. The limits come
 * from the API references: IAM CreateRole/CreatePolicy/CreateGroup
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html), sso-admin
 * CreatePermissionSet, identitystore CreateUser, organizations CreateAccount.
 */
import { type BlueprintErrorCode, E } from './codes.js';

export interface Problem {
  code: BlueprintErrorCode;
  message: string;
  hint?: string;
  expected?: string;
}

export type Check<T = string> = (value: T) => Problem | undefined;

const IAM_NAME = /^[\w+=,.@-]+$/;
const IAM_NAME_CHARS = 'letters, digits and + = , . @ _ -';

/** A role (64), policy (128), group (128), user (64) or permission set (32) name. */
export function iamName(what: string, max: number): Check {
  return (v) => {
    if (v.length >= 1 && v.length <= max && IAM_NAME.test(v)) return undefined;
    const expected = `1-${max} ${IAM_NAME_CHARS}`;
    const why = v.length > max ? `is ${v.length} characters long` : 'has characters AWS does not allow';
    return {
      code: E.invalidName,
      message: `${what} ${JSON.stringify(v)} ${v.length === 0 ? 'is empty' : why}`,
      expected,
      hint: `AWS allows ${expected}`,
    };
  };
}

export const roleName = iamName('role name', 64);
export const policyName = iamName('policy name', 128);
export const groupName = iamName('group name', 128);
export const iamUserName = iamName('IAM user name', 64);
export const permissionSetName = iamName('permission set name', 32);

/** An IAM path: `/` or `/a/b/`, printable ASCII, at most 512 characters. */
export const iamPath: Check = (v) => {
  if (v.length <= 512 && /^\/(?:[\x21-\x7e]*\/)?$/.test(v) && !v.includes('//')) return undefined;
  return {
    code: E.invalidPath,
    message: `path ${JSON.stringify(v)} is not an IAM path`,
    expected: '`/` or `/segment/…/` (starts and ends with /, printable ASCII, ≤512)',
    hint: v.startsWith('/') ? 'paths end with `/`, e.g. `/platform/`' : 'paths start and end with `/`',
  };
};

export const accountId: Check = (v) => {
  if (/^\d{12}$/.test(v)) return undefined;
  const digits = /^\d+$/.test(v);
  return {
    code: E.invalidAccountId,
    message: `${JSON.stringify(v)} is not a 12-digit AWS account id`,
    expected: 'a 12-digit AWS account id, quoted',
    hint:
      digits && v.length < 12
        ? 'an unquoted number loses its leading zeros; quote account ids, e.g. "017059471480"'
        : 'account ids are exactly 12 digits',
  };
};

/** Loose RFC 5322 shape with AWS Organizations' 6..64 length bound for account emails. */
export function email(max = 128): Check {
  return (v) => {
    if (v.length >= 6 && v.length <= max && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(v)) return undefined;
    return {
      code: E.invalidEmail,
      message: `${JSON.stringify(v)} is not a valid email address`,
      expected: `an address like name@example.com (6-${max} characters)`,
    };
  };
}

/** Organization unit or root id, as ListParents returns them. */
export const ouId: Check = (v) => {
  if (/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/.test(v) || /^r-[0-9a-z]{4,32}$/.test(v)) return undefined;
  return {
    code: E.invalidOu,
    message: `${JSON.stringify(v)} is not an organizational unit or root id`,
    expected: 'ou-xxxx-xxxxxxxx or r-xxxx',
  };
};

/** ISO-8601 duration between PT1H and PT12H, as CreatePermissionSet requires. */
export const permissionSetDuration: Check = (v) => {
  const seconds = isoDurationSeconds(v);
  if (seconds === undefined) {
    return {
      code: E.invalidDuration,
      message: `${JSON.stringify(v)} is not an ISO-8601 duration`,
      expected: 'PT1H … PT12H (e.g. PT8H, PT90M)',
      hint: /^\d+$/.test(v) ? `write hours as PT${v}H` : 'durations look like PT1H, PT4H30M, PT12H',
    };
  }
  return durationRange(seconds, `${v}`);
};

/** A role's MaxSessionDuration in seconds: 3600..43200. */
export const roleSessionSeconds: Check<number> = (v) => {
  if (!Number.isInteger(v)) {
    return { code: E.invalidDuration, message: `${v} is not a whole number of seconds`, expected: 'seconds' };
  }
  return durationRange(v, `${v} seconds`);
};

function durationRange(seconds: number, shown: string): Problem | undefined {
  if (seconds >= 3600 && seconds <= 43200) return undefined;
  return {
    code: E.durationOutOfRange,
    message: `session duration ${shown} is outside 1 to 12 hours`,
    expected: 'between 1 hour (3600 s, PT1H) and 12 hours (43200 s, PT12H)',
  };
}

export function isoDurationSeconds(v: string): number | undefined {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(v);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** Printable text fields (descriptions) with a length bound, per IAM's description pattern. */
export function text(what: string, max: number, min = 0): Check {
  return (v) => {
    if (v.length >= min && v.length <= max && /^[\t\n\r\x20-\x7e\xa1-\xff]*$/.test(v)) return undefined;
    return {
      code: E.invalidValue,
      message: `${what} must be ${min}-${max} printable characters (got ${v.length})`,
      expected: `${min}-${max} characters, Latin-1 printable`,
    };
  };
}

/** Identity Store user names: up to 128 visible characters, no spaces, not reserved. */
export const identityStoreUserName: Check = (v) => {
  if (v.length >= 1 && v.length <= 128 && /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(v)) {
    if (/^(administrator|awsadministrators)$/i.test(v)) {
      return { code: E.invalidName, message: `user name ${JSON.stringify(v)} is reserved by AWS` };
    }
    return undefined;
  }
  return {
    code: E.invalidName,
    message: `user name ${JSON.stringify(v)} is not allowed`,
    expected: '1-128 visible characters without spaces',
  };
};

/** Identity Store display names: 1..1024, not only whitespace. */
export const displayName: Check = (v) =>
  v.trim().length >= 1 && v.length <= 1024
    ? undefined
    : { code: E.invalidName, message: 'display name must be 1-1024 characters and not blank' };

/** Permission set relay state: a console URL path, 1..240 characters. */
export const relayState: Check = (v) =>
  v.length >= 1 && v.length <= 240 && /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]+$/.test(v)
    ? undefined
    : {
        code: E.invalidValue,
        message: `relay state ${JSON.stringify(v)} is not a valid console URL`,
        expected: 'a URL of 1-240 characters, e.g. https://console.aws.amazon.com/s3/',
      };

/** Organizations account names: 1..50 characters. */
export const accountName: Check = (v) =>
  v.length >= 1 && v.length <= 50 && /^[\x20-\x7e]+$/.test(v)
    ? undefined
    : {
        code: E.invalidName,
        message: `account name ${JSON.stringify(v)} must be 1-50 printable characters`,
      };

/** The blueprint's own name, used in the onramp:blueprint ownership tag. */
export const blueprintName: Check = (v) =>
  /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(v)
    ? undefined
    : {
        code: E.invalidName,
        message: `blueprint name ${JSON.stringify(v)} is not a slug`,
        expected: 'lower-case letters, digits and -, 1-64 characters, e.g. orchestera-spark',
      };

/** Keys that references can name (`${accounts.<key>.id}`): no dots or spaces. */
export const refKey: Check = (v) =>
  /^[A-Za-z0-9_][\w+=,@-]*$/.test(v)
    ? undefined
    : {
        code: E.invalidKey,
        message: `key ${JSON.stringify(v)} cannot be used in references`,
        expected: 'letters, digits and _ - + = , @ (no dots or spaces)',
      };
