/** The policy evaluator and its model, shared by the sandbox (enforcing) and onramp verify (predicting). */
export * from './action-data.js';
export { canonicalPolicy, policiesEqual } from './canonical.js';
export { isKnownOperator, parseOperator } from './conditions.js';
export * from './diagnostics.js';
export * from './evaluate.js';
export { actionMatches, arnMatches, globMatches } from './match.js';
export { normaliseList, statementsOf } from './normalise.js';
export * from './parse.js';
export * from './policy-text.js';
export { type PrincipalMatchKind, principalMatch } from './principal-match.js';
export * from './types.js';
export { resolveTemplate, supportsVariables } from './variables.js';
