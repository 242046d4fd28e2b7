/**
 * The sso-admin service (IAM Identity Center admin API, JSON 1.1, target prefix SWBExternalService,
 * SigV4 signing name `sso`). Every operation first settles asynchronous requests whose time has
 * come, so reads see AWS's eventual results without background timers.
 */
import type { Handler, SandboxRequest, ServiceDefinition } from '../../service.js';
import { assignmentOperations } from './assignments.js';
import { settle } from './async-ops.js';
import { instanceOperations } from './instances.js';
import { permissionSetOperations } from './permission-sets.js';
import { policyOperations } from './policies.js';
import { provisionOperations } from './provision-ops.js';
import { tagOperations } from './tags.js';

const handlers: Record<string, Handler> = {
  ...instanceOperations,
  ...permissionSetOperations,
  ...policyOperations,
  ...tagOperations,
  ...provisionOperations,
  ...assignmentOperations,
};

const operations: Record<string, Handler> = {};
for (const [name, handler] of Object.entries(handlers)) {
  operations[name] = (req: SandboxRequest) => {
    settle(req.ctx);
    return handler(req);
  };
}

/** Authorisation resource: the permission set when the call names one, else the instance. */
function resourceArn(req: SandboxRequest): string {
  const p = req.params;
  for (const member of ['PermissionSetArn', 'ResourceArn', 'InstanceArn']) {
    if (typeof p[member] === 'string') return p[member] as string;
  }
  return '*';
}

export const ssoAdminService: ServiceDefinition = {
  name: 'sso-admin',
  protocol: 'json',
  signingName: 'sso',
  targetPrefix: 'SWBExternalService',
  auth: 'sigv4',
  actionPrefix: 'sso',
  resourceArn,
  throttle: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  operations,
};
