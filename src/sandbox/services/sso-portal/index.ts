/** The sso-portal service definition (placeholder: no operations yet). */
import type { ServiceDefinition } from '../../service.js';

export const ssoPortalService: ServiceDefinition = {
  name: 'sso-portal',
  protocol: 'rest-json',
  auth: 'none',
  routes: [],
  throttle: { code: 'TooManyRequestsException', status: 429, message: 'Rate exceeded' },
  operations: {},
};
