/**
 * What a rule sees (one policy unit, its statements, the options) and how it reports a finding.
 */
import { ruleMeta } from '../catalog.js';
import { formatJsonPath } from '../paths.js';
import type { StatementView } from '../statements.js';
import { statementViews } from '../statements.js';
import type { DocPath, Finding, LintOptions, PolicyUnit, Region } from '../types.js';

export interface ReportExtra {
  /** Point at the key that holds the value (e.g. `"NotAction"`) instead of the value. */
  at?: 'key' | 'value';
  /** A hint for this finding, replacing the rule's default. */
  hint?: string;
}

export interface RuleContext {
  unit: PolicyUnit;
  statements: StatementView[];
  options: LintOptions;
  report(ruleId: string, path: DocPath, message: string, extra?: ReportExtra): void;
}

/** A rule looks at one policy unit and reports through the context. */
export type Rule = (ctx: RuleContext) => void | Promise<void>;

/** A context whose reports go to `sink`. */
export function ruleContext(unit: PolicyUnit, options: LintOptions, sink: Finding[]): RuleContext {
  return {
    unit,
    statements: statementViews(unit.document),
    options,
    report(ruleId, path, message, extra = {}) {
      const meta = ruleMeta(ruleId);
      sink.push({
        ruleId,
        severity: meta.severity,
        message,
        hint: extra.hint ?? meta.hint,
        file: unit.file,
        region: unit.locate(path, extra.at),
        ...(unit.label ? { policy: unit.label } : {}),
        path: formatJsonPath(path),
      });
    },
  };
}

/** `"x"`, for values inside messages. */
export const q = (v: string): string => JSON.stringify(v);

/** A finding about a file rather than a policy statement (syntax, duplicate keys, blueprint errors). */
export function fileFinding(
  ruleId: string,
  file: string,
  region: Region,
  message: string,
  extra: { hint?: string; policy?: string; path?: string } = {},
): Finding {
  const meta = ruleMeta(ruleId);
  return {
    ruleId,
    severity: meta.severity,
    message,
    hint: extra.hint ?? meta.hint,
    file,
    region,
    ...(extra.policy ? { policy: extra.policy } : {}),
    ...(extra.path ? { path: extra.path } : {}),
  };
}
