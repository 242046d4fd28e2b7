/** The blueprint room: format, loader with positions, validator, trust builders, desired graph. */

export type { BlueprintCode, BlueprintErrorCode, BlueprintWarningCode } from './codes.js';
export { CODE_TITLES, E as BlueprintErrors, W as BlueprintWarnings } from './codes.js';
export type { ToDesiredOptions } from './desired.js';
export { toDesired, topoSort } from './desired.js';
export { OWNER_TAG } from './desired-build.js';
export { didYouMean, editDistance, suggest } from './edit-distance.js';
export type { Evaluator } from './evaluate.js';
export { formatDeferred, isDeferred, makeEvaluator } from './evaluate.js';
export { formatDiagnostic, formatReport } from './format.js';
export type { LoadOptions } from './load.js';
export { loadBlueprint, readVarFile, requireValid } from './load.js';
export {
  AWS_MANAGED_POLICY_NAMES,
  awsManagedPolicyArn,
  parsePolicyArn,
  parseRoleArn,
} from './managed-policies.js';
export type { ResolvedParams, ResolveParamsOptions } from './params.js';
export { coerceParamValue, parseVarFlag, resolveParams } from './params.js';
export type { GrammarIssue, PolicyKind } from './policy-grammar.js';
export { checkPolicyDocument, POLICY_LIMITS, policySize } from './policy-grammar.js';
export { BLUEPRINT_SCHEMA_ID, blueprintJsonSchema } from './schema.js';
export { formatPath, SourceMap } from './source-map.js';
export type { TrustContext } from './trust.js';
export { accountIdTemplate, buildTrustPolicy, callerPrincipal } from './trust.js';
export * from './types.js';
export type { BlueprintSource, ValidateOptions } from './validate.js';
export { defineBlueprint, validateBlueprint } from './validate.js';
