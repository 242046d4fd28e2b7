export * from './desired.js';
export * from './marker.js';
export * from './plan.js';
export * from './unified-diff.js';
