/** STS over the query protocol. */

import { principalUserId } from '../../principal.js';
import type { ServiceDefinition } from '../../service.js';

export const stsService: ServiceDefinition = {
  name: 'sts',
  protocol: 'query',
  signingName: 'sts',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  auth: 'sigv4',
  actionPrefix: 'sts',
  // GetCallerIdentity needs no permission: AWS answers it even when every action is denied.
  unauthorised: ['GetCallerIdentity'],
  throttle: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
  operations: {
    GetCallerIdentity: (req) => {
      const p = req.caller!;
      return { UserId: principalUserId(p), Account: p.accountId, Arn: p.arn };
    },
  },
};
