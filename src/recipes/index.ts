/** The recipes room: the catalog, `onramp init` and `onramp assume` without the CLI, profiles recipes. */
export * from './assume-input.js';
export * from './catalog.js';
export * from './codes.js';
export * from './examples.js';
export * from './init.js';
export * from './profiles.js';
export * from './runbook-steps.js';
export * from './template.js';
