export type { CallCounts } from './call-counter.js';
export { autoApprovedDeviceSignIn, type DeviceSignIn } from './device-sign-in.js';
export type { Credential, Principal } from './principal.js';
export { AWS_QUOTAS, awsRealism, fastRealism, type RealismConfig } from './realism.js';
export { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';
export type { SeedName } from './seed.js';
export type { World } from './world.js';
