export * from './botocore-view.js';
export * from './classify.js';
export * from './document.js';
export * from './lines.js';
export * from './section-name.js';
