/** The sso-oidc service definition (placeholder: no operations yet). */
import type { ServiceDefinition } from '../../service.js';

export const ssoOidcService: ServiceDefinition = {
  name: 'sso-oidc',
  protocol: 'rest-json',
  auth: 'none',
  routes: [],
  throttle: { code: 'SlowDownException', status: 400, message: 'Rate exceeded' },
  operations: {},
};
