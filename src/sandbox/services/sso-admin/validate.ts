/**
 * Request validation in the shape AWS's JSON services answer it: every constraint violation of a
 * request is collected and reported at once as
 * "2 validation errors detected: Value 'x' at 'instanceArn' failed to satisfy constraint: …; …".
 * Field names are the member names with a lower-case first letter, as AWS prints them.
 */
import { AwsError } from '../../aws-error.js';

/** The constraints of one string member, as the API reference lists them. */
export interface StringRule {
  /** Regular expression source, matched against the whole value and printed in the message. */
  pattern?: string;
  min?: number;
  max?: number;
  enum?: readonly string[];
}

export interface IntRule {
  min?: number;
  max?: number;
}

/** Patterns from the IAM Identity Center API reference (Data Types). */
export const PATTERNS = {
  instanceArn: 'arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}',
  permissionSetArn:
    'arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}',
  principalId:
    '^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$',
  accountId: '\\d{12}',
  uuid: '\\b[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}\\b',
  permissionSetName: '[\\w+=,.@-]+',
  description: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
  duration:
    '(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?',
  relayState: '[a-zA-Z0-9&$@#\\\\/%?=~\\-_\'"|!:,.;*+\\[\\] (){}]+',
  managedPolicyArn:
    'arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy((/[A-Za-z0-9\\.,\\+@=_-]+)*)/([A-Za-z0-9\\.,\\+=@_-]+)',
  managedPolicyName: '[\\w+=,.@-]+',
  managedPolicyPath: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/',
  instanceName: '[\\w+=,.@-]+',
  tagKey: '([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)',
  tagValue: '([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)',
  taggableArn:
    'arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso::(:instance/(sso)?ins-[a-zA-Z0-9-.]{16}|:permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16})',
  token: '[-a-zA-Z0-9+=/_]*',
} as const;

const compiled = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern.replace(/^\^/, '').replace(/\$$/, '')})$`, 'u');
    compiled.set(pattern, re);
  }
  return re.test(value);
}

function lowerFirst(path: string): string {
  return path
    .split('.')
    .map((p) => p.charAt(0).toLowerCase() + p.slice(1))
    .join('.');
}

/** AWS's ValidationException; the message is shared by every JSON service the sandbox speaks. */
export function validationError(message: string, extra: Record<string, unknown> = {}): AwsError {
  return new AwsError('ValidationException', message, 400, extra);
}

/**
 * Reads members of one request and collects constraint violations; `done()` throws them all as a
 * single ValidationException, so a request with two bad members names both, as AWS does.
 */
export class Checker {
  private readonly problems: string[] = [];

  constructor(
    private readonly params: Record<string, unknown>,
    private readonly extra: Record<string, unknown> = {},
  ) {}

  private fail(path: string, value: unknown, constraint: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
    this.problems.push(`Value ${shown} at '${lowerFirst(path)}' failed to satisfy constraint: ${constraint}`);
  }

  /** Checks a string value that came from anywhere in the request (nested members too). */
  checkString(path: string, value: unknown, rule: StringRule, required: boolean): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(path, undefined, 'Member must not be null');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(path, value, 'Member must be a string');
      return undefined;
    }
    const before = this.problems.length;
    if (rule.min !== undefined && value.length < rule.min)
      this.fail(path, value, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      this.fail(path, value, `Member must have length less than or equal to ${rule.max}`);
    if (rule.enum && !rule.enum.includes(value))
      this.fail(path, value, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
    if (rule.pattern !== undefined && !fullMatch(rule.pattern, value))
      this.fail(path, value, `Member must satisfy regular expression pattern: ${rule.pattern}`);
    return this.problems.length === before ? value : undefined;
  }

  /** A required string member. Returns '' when invalid; `done()` throws before it is used. */
  req(name: string, rule: StringRule): string {
    return this.checkString(name, this.params[name], rule, true) ?? '';
  }

  opt(name: string, rule: StringRule): string | undefined {
    return this.checkString(name, this.params[name], rule, false);
  }

  int(name: string, rule: IntRule): number | undefined {
    const value = this.params[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(name, value, 'Member must be an integer');
      return undefined;
    }
    if (rule.min !== undefined && value < rule.min)
      this.fail(name, value, `Member must have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value > rule.max)
      this.fail(name, value, `Member must have value less than or equal to ${rule.max}`);
    return value;
  }

  /** An object member (structure); a missing required one is reported like a null string. */
  obj(name: string, required: boolean): Record<string, unknown> | undefined {
    const value = this.params[name];
    if (value === undefined || value === null) {
      if (required) this.fail(name, undefined, 'Member must not be null');
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(name, '[object]', 'Member must be a structure');
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  list(name: string, required: boolean, rule: IntRule = {}): unknown[] | undefined {
    const value = this.params[name];
    if (value === undefined || value === null) {
      if (required) this.fail(name, undefined, 'Member must not be null');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.fail(name, '[list]', 'Member must be a list');
      return undefined;
    }
    if (rule.min !== undefined && value.length < rule.min)
      this.fail(name, '[list]', `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      this.fail(name, '[list]', `Member must have length less than or equal to ${rule.max}`);
    return value;
  }

  /** Adds a problem found by the caller's own check. */
  problem(path: string, value: unknown, constraint: string): void {
    this.fail(path, value, constraint);
  }

  done(): void {
    const n = this.problems.length;
    if (n === 0) return;
    throw validationError(
      `${n} validation error${n > 1 ? 's' : ''} detected: ${this.problems.join('; ')}`,
      this.extra,
    );
  }
}
