/**
 * STS's input validation, worded as AWS words it: every broken constraint of every member is
 * collected and answered in one ValidationError, e.g.
 * "2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member
 * must have length greater than or equal to 2; Value '60' at 'durationSeconds' failed to satisfy
 * constraint: Member must have value greater than or equal to 900".
 */
import { AwsError } from '../../aws-error.js';

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as the API model spells it (shown in the message). */
  patternText?: string;
}

export class Validation {
  private readonly problems: string[] = [];

  private fail(value: unknown, at: string, constraint: string): void {
    const shown = value === undefined ? 'null' : `'${String(value)}'`;
    this.problems.push(`Value ${shown} at '${at}' failed to satisfy constraint: ${constraint}`);
  }

  /** A string member; `at` is the member's name in AWS's messages (roleSessionName, tags.1.member.key). */
  string(raw: unknown, at: string, rule: StringRule): string | undefined {
    if (raw === undefined || raw === null || (raw === '' && rule.required)) {
      if (rule.required) this.fail(undefined, at, 'Member must not be null');
      return undefined;
    }
    const value = String(raw);
    if (rule.pattern && !rule.pattern.test(value)) {
      this.fail(
        value,
        at,
        `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`,
      );
    }
    if (rule.min !== undefined && value.length < rule.min) {
      this.fail(value, at, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.fail(value, at, `Member must have length less than or equal to ${rule.max}`);
    }
    return value;
  }

  integer(raw: unknown, at: string, rule: { min?: number; max?: number }): number | undefined {
    if (raw === undefined || raw === null || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value)) {
      this.fail(raw, at, 'Member must be an integer');
      return undefined;
    }
    if (rule.min !== undefined && value < rule.min) {
      this.fail(value, at, `Member must have value greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value > rule.max) {
      this.fail(value, at, `Member must have value less than or equal to ${rule.max}`);
    }
    return value;
  }

  /** A list member's length. */
  listLength(list: unknown[], at: string, max: number): void {
    if (list.length > max)
      this.fail(`[${list.length} items]`, at, `Member must have length less than or equal to ${max}`);
  }

  /** Throws the collected problems as one ValidationError, if there are any. */
  check(): void {
    const n = this.problems.length;
    if (n === 0) return;
    throw new AwsError(
      'ValidationError',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`,
    );
  }
}
