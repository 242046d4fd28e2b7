/** The policy evaluator and its model (placeholder until src/policy lands). */
export * from './types.js';

import type { Decision, EvaluationRequest } from './types.js';

export function evaluate(_req: EvaluationRequest): Decision {
  return { decision: 'Allow', statements: [], reason: 'placeholder evaluator' };
}
