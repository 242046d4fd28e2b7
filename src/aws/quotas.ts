/**
 * Default request rates and in-flight caps, sized to AWS's published quotas so a run stays under
 * them instead of bouncing off them. Every number is configurable (RateLimiter, Semaphore).
 */
import type { RateRule } from './limiter.js';

/**
 * Rate rules keyed by `service` (every operation of the service) or `service:Operation` (one
 * operation; wins over the service rule). Services and operations use the SDK's names.
 */
export const AWS_RATE_RULES: Readonly<Record<string, RateRule>> = {
  // IAM Identity Center: 20 TPS shared by every sso-admin API; identitystore 20 TPS per API.
  // https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html
  // Half of AWS's burst: at the quota's own rate, requests reach AWS with network jitter, and an
  // AWS bucket kept half full absorbs it instead of throttling (each throttle costs an adaptive
  // cut of the rate). The price is 10 requests fewer in the first second of a run.
  'sso-admin': { rate: 20, burst: 10 },
  identitystore: { rate: 20, burst: 10, perOperation: true },
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
  'organizations:CreateAccount': { rate: 0.1, burst: 3 },
  'organizations:DescribeCreateAccountStatus': { rate: 2, burst: 2 },
  // Not published; Organizations' other APIs throttle well above what one run needs.
  organizations: { rate: 10, burst: 10 },
  // IAM publishes no request rate; 10 TPS keeps a run clear of the throttling users report
  // from bulk role creation, and the adaptive cut handles the rest.
  iam: { rate: 10, burst: 10 },
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (600 TPS per account)
  sts: { rate: 100, burst: 100 },
  // The SSO portal (ListAccounts, ListAccountRoles, GetRoleCredentials) is not published either;
  // 20 TPS is where large organizations report throttles. Half the burst, as for sso-admin.
  sso: { rate: 20, burst: 10 },
  'sso-oidc': { rate: 10, burst: 10 },
};

/** Names of the in-flight caps the engine knows (an async op holds one from submit to completion). */
export const Caps = {
  /** sso-admin allows at most 15 outstanding CreateAccountAssignment (and deletion) requests. */
  accountAssignments: 'account-assignments',
  /** Organizations allows 5 CreateAccount requests in progress at once. */
  accountCreations: 'account-creations',
  /** ProvisionPermissionSet runs asynchronously too; AWS publishes no cap, so keep it modest. */
  permissionSetProvisioning: 'permission-set-provisioning',
} as const;

/** Default in-flight caps, sized to AWS's. */
export const AWS_IN_FLIGHT_CAPS: Readonly<Record<string, number>> = {
  // https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html
  [Caps.accountAssignments]: 15,
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html
  [Caps.accountCreations]: 5,
  [Caps.permissionSetProvisioning]: 10,
};
