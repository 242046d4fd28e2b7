/**
 * SSO OIDC (REST-JSON, no SigV4): RegisterClient, StartDeviceAuthorization and CreateToken, plus the
 * browser pages AWS serves elsewhere (the device verification page and /authorize), so the AWS CLI,
 * botocore and the JS SDK can sign in to the sandbox's Identity Center end to end.
 */
import type { ServiceDefinition } from '../../service.js';
import { createToken } from './create-token.js';
import { startDeviceAuthorization } from './device.js';
import { authorizeDecision, authorizePage, deviceDecision, devicePage } from './pages.js';
import { registerClient } from './register.js';

export const ssoOidcService: ServiceDefinition = {
  name: 'sso-oidc',
  protocol: 'rest-json',
  auth: 'none',
  routes: [
    { method: 'POST', path: '/client/register', operation: 'RegisterClient' },
    { method: 'POST', path: '/device_authorization', operation: 'StartDeviceAuthorization' },
    { method: 'POST', path: '/token', operation: 'CreateToken' },
    { method: 'GET', path: '/device', operation: 'DevicePage' },
    { method: 'POST', path: '/device/approve', operation: 'DeviceDecision' },
    { method: 'GET', path: '/authorize', operation: 'AuthorizePage' },
    { method: 'POST', path: '/authorize/approve', operation: 'AuthorizeDecision' },
  ],
  throttle: { code: 'SlowDownException', status: 400, message: 'Rate exceeded' },
  operations: {
    RegisterClient: registerClient,
    StartDeviceAuthorization: startDeviceAuthorization,
    CreateToken: createToken,
    DevicePage: devicePage,
    DeviceDecision: deviceDecision,
    AuthorizePage: authorizePage,
    AuthorizeDecision: authorizeDecision,
  },
};

export { approveDeviceCode, denyDeviceCode, POLL_INTERVAL_SECONDS } from './device.js';
export { setTokenLifetimes } from './state.js';
export { resolveAccessToken, revokeSession, type TokenGrant } from './tokens.js';
