/** onramp verify: access paths, offline evaluation, live probes, and the diagnostics catalog. */
export * from './catalog/index.js';
export { diagnosticsDoc, explainJson, explainText } from './catalog/render.js';
export { accessPaths, principalLabel, targetLabel } from './paths.js';
export { renderReport } from './render.js';
export type * from './types.js';
export { type VerifyOptions, verifyBlueprint } from './verify.js';
