/** Every service the sandbox speaks. */
import type { ServiceDefinition } from '../service.js';
import { iamService } from './iam/index.js';
import { identityStoreService } from './identitystore/index.js';
import { organizationsService } from './organizations/index.js';
import { ssoAdminService } from './sso-admin/index.js';
import { ssoOidcService } from './sso-oidc/index.js';
import { ssoPortalService } from './sso-portal/index.js';
import { stsService } from './sts/index.js';

export const allServices: ServiceDefinition[] = [
  iamService,
  stsService,
  organizationsService,
  ssoAdminService,
  identityStoreService,
  ssoOidcService,
  ssoPortalService,
];
