/** The identitystore service definition (placeholder: no operations yet). */
import type { ServiceDefinition } from '../../service.js';

export const identityStoreService: ServiceDefinition = {
  name: 'identitystore',
  protocol: 'json',
  signingName: 'identitystore',
  targetPrefix: 'AWSIdentityStore',
  auth: 'sigv4',
  actionPrefix: 'identitystore',
  throttle: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  operations: {},
};
