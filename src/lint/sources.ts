/**
 * Files → policy units. A file is a JSON policy, or a blueprint (YAML, or JSON with `version` and
 * `name`) whose embedded policies are linted one by one (blueprint-units.ts).
 */
import type { PolicyKind } from '../policy/index.js';
import { accountContext } from './account-context.js';
import { blueprintUnits } from './blueprint-units.js';
import { parseJsonWithPositions } from './json-positions.js';
import { formatJsonPath } from './paths.js';
import { fileFinding } from './rules/context.js';
import { isObject, statementViews } from './statements.js';
import type { Finding, LintOptions, PolicyUnit } from './types.js';

/** What reading one file gives: its policy units and any findings about the file itself. */
export interface SourceResult {
  units: PolicyUnit[];
  findings: Finding[];
  notes: string[];
}

const TRUST_ACTION = /^sts:(AssumeRole\w*|TagSession|SetSourceIdentity|SetContext|\*)$/i;

/**
 * The kind of a policy file when not given: statements with Principal make it resource-based, and a
 * trust policy when every action is one of the sts:AssumeRole family (what a trust policy may hold).
 */
export function detectKind(doc: unknown): PolicyKind {
  const sts = statementViews(doc);
  if (!sts.some((s) => s.principal !== undefined || s.notPrincipal !== undefined)) return 'identity';
  const actions = sts.flatMap((s) => s.action ?? []);
  return actions.length > 0 && actions.every((a) => TRUST_ACTION.test(a.value)) ? 'trust' : 'resource';
}

const looksLikeYamlBlueprint = (text: string): boolean => /^version:/m.test(text) && /^name:/m.test(text);

/** The units (and file-level findings) of one file's text. */
export async function unitsFromText(file: string, text: string, options: LintOptions): Promise<SourceResult> {
  const yaml = /\.ya?ml$/i.test(file);
  if (yaml) return blueprintUnits(file, text, options);
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    if (!/\.json$/i.test(file) && looksLikeYamlBlueprint(text)) return blueprintUnits(file, text, options);
    return {
      units: [],
      findings: [fileFinding('ONR-L001', file, parsed.region, `not valid JSON: ${parsed.message}`)],
      notes: [],
    };
  }
  const doc = parsed.value;
  if (isObject(doc) && doc.Statement === undefined && 'version' in doc && 'name' in doc) {
    return blueprintUnits(file, text, options);
  }
  const findings = parsed.duplicates.map((d) => {
    const key = String(d.path.at(-1));
    const where = formatJsonPath(d.path.slice(0, -1));
    return fileFinding(
      'ONR-L004',
      file,
      d.second,
      `${where} has the key ${JSON.stringify(key)} twice (first on line ${d.first.startLine}); only the last value counts`,
      { path: formatJsonPath(d.path) },
    );
  });
  const kind = options.kind && options.kind !== 'auto' ? options.kind : detectKind(doc);
  const unit: PolicyUnit = {
    file,
    kind,
    document: doc,
    locate: parsed.locate,
    accounts: accountContext(options),
    ...(options.thirdParty ? { thirdParty: true } : {}),
  };
  return { units: [unit], findings, notes: [] };
}
