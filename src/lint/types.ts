/**
 * The linter's model: findings with a rule id, a severity, a message, a fix hint and a position; and
 * the policy units rules look at (one policy document, where it is, and what it is used for).
 */
import type { PolicyKind } from '../policy/index.js';

/**
 * IAM Access Analyzer's four finding types, most severe first.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
export type Severity = 'error' | 'security' | 'warning' | 'suggestion';

export const SEVERITIES: readonly Severity[] = ['error', 'security', 'warning', 'suggestion'];

/** Higher is more severe; `--fail-on X` fails on every finding whose rank is at least X's. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/** A path into a JSON/YAML document: object keys and list indices. */
export type DocPath = readonly (string | number)[];

/** 1-based lines and columns (UTF-16 code units); `endColumn` is the column just past the end. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

export interface Finding {
  /** Stable rule id, e.g. `ONR-L022`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** How to fix it. */
  hint: string;
  /** The file as given on the command line. */
  file: string;
  region: Region;
  /** Which policy in the file, for files that hold several (blueprints), e.g. `accounts.a.iam.policies.p`. */
  policy?: string;
  /** JSON path inside the policy document, e.g. `$.Statement[0].Action[3]`. */
  path?: string;
}

/** Finds the position of the value (or of the key that holds it) at a path inside the document. */
export type Locator = (path: DocPath, at?: 'key' | 'value') => Region;

/** Which accounts a policy's principals are judged against when deciding "foreign". */
export interface AccountContext {
  /** Accounts that are ours: the `--account` value, and literal ids a blueprint declares. */
  own: ReadonlySet<string>;
  /**
   * True when `own` is authoritative (`--account` was given): then every principal in another
   * account is foreign. Otherwise only account/root principals count as foreign, as the brief asks:
   * a role or user ARN without a known home account is given the benefit of the doubt.
   */
  strict: boolean;
}

/** One policy document to lint. */
export interface PolicyUnit {
  file: string;
  /** Shown in messages when a file holds several policies; absent for a plain JSON policy file. */
  label?: string;
  kind: PolicyKind;
  /** The parsed document (any JSON value: rules must not trust its shape). */
  document: unknown;
  locate: Locator;
  accounts: AccountContext;
  /** The policy is attached to a role that a third party (another company's account) assumes. */
  thirdParty?: boolean;
  /**
   * Built by onramp from blueprint building blocks (trust entries) rather than written by a person:
   * style suggestions and Version warnings make no sense there, and positions point at the entry.
   */
  generated?: boolean;
}

/** Options that change what rules report. */
export interface LintOptions {
  /** The 12-digit account the policies live in (`--account`). */
  account?: string;
  /** Policy kind for JSON files; `auto` guesses from the statements (see sources.ts). */
  kind?: PolicyKind | 'auto';
  /** JSON identity policies are attached to a role assumed by a third party (`--third-party`). */
  thirdParty?: boolean;
}

/** Everything one lint run found. */
export interface LintReport {
  files: string[];
  findings: Finding[];
  /** Notes for people about what was (not) linted, e.g. a blueprint skipped. */
  notes: string[];
}
