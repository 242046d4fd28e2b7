/** The iam service definition (placeholder: no operations yet). */
import type { ServiceDefinition } from '../../service.js';

export const iamService: ServiceDefinition = {
  name: 'iam',
  protocol: 'query',
  signingName: 'iam',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  auth: 'sigv4',
  actionPrefix: 'iam',
  throttle: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
  operations: {},
};
