/** sso-admin and identitystore conformance cases (filled in with the Identity Center services). */
import type { ConformanceCase } from './case.js';

export const identityCenterCases: ConformanceCase[] = [];
