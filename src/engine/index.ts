/** The engine: plan a blueprint against AWS, apply a plan, destroy what a blueprint owns. */
export * from './apply-plan.js';
export * from './destroy.js';
export * from './plan-blueprint.js';
