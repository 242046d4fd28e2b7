/** The policy linter: rules, positions, text and SARIF output. */
export { RULES, type RuleMeta, ruleMeta } from './catalog.js';
export { LINT_ERRORS } from './codes.js';
export { type JsonParse, parseJsonWithPositions } from './json-positions.js';
export { countBySeverity, lintFiles, lintText, shouldFail, sortFindings } from './lint.js';
export { renderFinding, renderSummary, renderText } from './render-text.js';
export { artifactUri, INFORMATION_URI, toSarif } from './sarif.js';
export { detectKind } from './sources.js';
export * from './types.js';
