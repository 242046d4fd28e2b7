export { isKnownAfterApply } from '../blueprint/evaluate.js';
export { type DiffOptions, desiredIdentity, diffPlan, isEmptyPlan, planCounts } from './diff.js';
export { compareProps, FIELDS, type FieldSpec } from './fields.js';
export { orderActions } from './order.js';
export { lineDiff, renderPlan } from './render.js';
export * from './types.js';
