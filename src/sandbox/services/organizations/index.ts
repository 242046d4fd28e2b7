/** The organizations service definition (placeholder: no operations yet). */
import type { ServiceDefinition } from '../../service.js';

export const organizationsService: ServiceDefinition = {
  name: 'organizations',
  protocol: 'json',
  signingName: 'organizations',
  targetPrefix: 'AWSOrganizationsV20161128',
  auth: 'sigv4',
  actionPrefix: 'organizations',
  throttle: { code: 'TooManyRequestsException', status: 400, message: 'Rate exceeded' },
  operations: {},
};
