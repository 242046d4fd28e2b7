/** The apply room: the DAG executor, its events and progress renderers. */
export * from './action.js';
export * from './dag.js';
export * from './events.js';
export * from './executor.js';
export * from './progress.js';
