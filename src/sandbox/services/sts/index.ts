/** STS over the query protocol (2011-06-15). */

import { principalUserId } from '../../principal.js';
import type { ServiceDefinition } from '../../service.js';
import { assumeRole } from './assume-role.js';
import { getAccessKeyInfo, getSessionToken } from './session-token.js';

export const stsService: ServiceDefinition = {
  name: 'sts',
  protocol: 'query',
  signingName: 'sts',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  auth: 'sigv4',
  actionPrefix: 'sts',
  // GetCallerIdentity and GetSessionToken need no permission. AssumeRole is evaluated by its handler,
  // together with the role's trust policy, instead of by the identity-only check every call gets.
  unauthorised: ['GetCallerIdentity', 'GetSessionToken', 'AssumeRole'],
  throttle: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
  operations: {
    GetCallerIdentity: (req) => {
      const p = req.caller!;
      return { UserId: principalUserId(p), Account: p.accountId, Arn: p.arn };
    },
    AssumeRole: assumeRole,
    GetSessionToken: getSessionToken,
    GetAccessKeyInfo: getAccessKeyInfo,
  },
};
