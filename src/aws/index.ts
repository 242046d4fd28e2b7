/** The engine's AWS runtime: classification, retries, rate limits, caps, waiters and clients. */
export * from './assume-role.js';
export * from './batch-poller.js';
export * from './call.js';
export * from './classify.js';
export * from './clients.js';
export * from './codes.js';
export * from './limiter.js';
export * from './quotas.js';
export * from './retry.js';
export * from './service-clients.js';
export * from './virtual-clock.js';
export * from './waiter.js';
