/**
 * The shape of a diagnostics catalog entry and of the findings built from it. An entry is data: a
 * stable code, what it means, which evidence a finding carries (documented field by field), and a
 * function that turns that evidence into the concrete fix (an API call, a console step, or
 * `onramp apply`). docs/diagnostics.md is generated from these entries.
 */

/** A stable diagnostic code, `ONR-D0xx`; never reused for another meaning. */
export type DiagnosticCode = `ONR-D${string}`;

/** `error` fails `onramp verify` (exit 1); `warning` is reported but does not. */
export type FindingSeverity = 'error' | 'warning';

/** A JSON value (evidence must survive `--json`). */
export type EvidenceValue =
  | string
  | number
  | boolean
  | null
  | readonly EvidenceValue[]
  | { readonly [key: string]: EvidenceValue | undefined };

/** Structured facts a finding was derived from: what was read or answered, never prose. */
export type Evidence = { readonly [key: string]: EvidenceValue | undefined };

/** How to fix a finding, most direct first. */
export interface Fix {
  /** One sentence. */
  summary: string;
  /** AWS CLI commands (the API calls), with the values of this finding filled in. */
  commands?: string[];
  /** Console steps, for people who click. */
  console?: string[];
  /** The onramp command that repairs it, when onramp owns the resource. */
  onramp?: string;
}

/** One entry of the catalog; `E` is the evidence its findings carry. */
export interface CatalogEntry<E extends Evidence = Evidence> {
  code: DiagnosticCode;
  /** kebab-case, e.g. `external-id-not-enforced`. */
  slug: string;
  title: string;
  severity: FindingSeverity;
  /**
   * A generic entry (e.g. "differs from the blueprint") gives way to a specific finding about the
   * same subject, so one cause is reported once.
   */
  generic?: boolean;
  /** Why it happens, for people. */
  cause: string;
  /** The seed runbook or AWS page this failure is known from. */
  seenIn?: string;
  /** Evidence fields and what each holds. */
  evidence: { readonly [K in keyof E & string]: string };
  /** The fix in general terms (docs and `onramp explain`). */
  fixText: string;
  /** The fix for one finding. */
  fix: (evidence: E) => Fix;
}

/** A diagnosed failure or risk on one access path or resource. */
export interface Finding {
  code: DiagnosticCode;
  title: string;
  severity: FindingSeverity;
  /** The resource it is about, e.g. `role arn:aws:iam::111111111111:role/x`. */
  subject: string;
  /** One line naming the specifics. */
  message: string;
  evidence: Evidence;
  fix: Fix;
  /** Access paths it explains (ids); empty for findings about the environment. */
  paths: string[];
}

/** Declares an entry with typed evidence. */
export function defineEntry<E extends Evidence>(entry: CatalogEntry<E>): CatalogEntry<E> {
  return entry;
}

/** Builds a finding from an entry: the one way findings are made, so code, title and fix match. */
export function findingOf<E extends Evidence>(
  entry: CatalogEntry<E>,
  subject: string,
  message: string,
  evidence: NoInfer<E>,
  paths: string[] = [],
): Finding {
  return {
    code: entry.code,
    title: entry.title,
    severity: entry.severity,
    subject,
    message,
    evidence,
    fix: entry.fix(evidence),
    paths,
  };
}
