/** The sso-admin service definition (placeholder: no operations yet). */
import type { ServiceDefinition } from '../../service.js';

export const ssoAdminService: ServiceDefinition = {
  name: 'sso-admin',
  protocol: 'json',
  signingName: 'sso',
  targetPrefix: 'SWBExternalService',
  auth: 'sigv4',
  actionPrefix: 'sso',
  throttle: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  operations: {},
};
