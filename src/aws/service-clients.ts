/**
 * The SDK v3 clients onramp uses, loaded on first use: a command that never talks to AWS (or only
 * to IAM) does not pay for loading seven client packages at start-up.
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { STSClient } from '@aws-sdk/client-sts';

/** Static credentials (or a session's), as the SDK takes them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials stop working. */
  expiration?: Date;
}

/** A function that resolves credentials (the SDK calls it again when they near expiry). */
export type CredentialProvider = () => Promise<AwsCredentials>;

/** Services by the names the limiter rules, events and counters use. */
export interface ServiceClients {
  iam: IAMClient;
  sts: STSClient;
  organizations: OrganizationsClient;
  'sso-admin': SSOAdminClient;
  identitystore: IdentitystoreClient;
  /** The SSO portal (ListAccounts, ListAccountRoles, GetRoleCredentials); bearer-token auth. */
  sso: SSOClient;
  'sso-oidc': SSOOIDCClient;
}

/** One of the services onramp calls. */
export type ServiceName = keyof ServiceClients;

/** Every service name, for iteration and validation. */
export const SERVICE_NAMES: readonly ServiceName[] = [
  'iam',
  'sts',
  'organizations',
  'sso-admin',
  'identitystore',
  'sso',
  'sso-oidc',
];

/** The settings every client is built with. */
export interface ClientSettings {
  region: string;
  endpoint?: string;
  credentials?: CredentialProvider;
  /** 1: the SDK does not retry; our retry layer (retry.ts) is the only one. */
  maxAttempts: number;
}

type Loader<S extends ServiceName> = (settings: ClientSettings) => Promise<ServiceClients[S]>;

const LOADERS: { [S in ServiceName]: Loader<S> } = {
  iam: async (c) => new (await import('@aws-sdk/client-iam')).IAMClient(c),
  sts: async (c) => new (await import('@aws-sdk/client-sts')).STSClient(c),
  organizations: async (c) => new (await import('@aws-sdk/client-organizations')).OrganizationsClient(c),
  'sso-admin': async (c) => new (await import('@aws-sdk/client-sso-admin')).SSOAdminClient(c),
  identitystore: async (c) => new (await import('@aws-sdk/client-identitystore')).IdentitystoreClient(c),
  // The portal and OIDC APIs are not SigV4-signed: no credentials, so building these clients never
  // walks the credential chain.
  sso: async ({ credentials: _, ...c }) => new (await import('@aws-sdk/client-sso')).SSOClient(c),
  'sso-oidc': async ({ credentials: _, ...c }) =>
    new (await import('@aws-sdk/client-sso-oidc')).SSOOIDCClient(c),
};

/** Builds the SDK client for `service` (loading its package on first use). */
export function loadClient<S extends ServiceName>(
  service: S,
  settings: ClientSettings,
): Promise<ServiceClients[S]> {
  return (LOADERS[service] as Loader<S>)(settings);
}

/**
 * The SDK's default credential chain (environment, shared config/credentials with `profile`, SSO,
 * process, container and instance metadata), loaded lazily. With an endpoint override, the chain's
 * own STS/SSO calls (a profile with role_arn, an sso-session) go to the same endpoint.
 */
export function defaultCredentialChain(opts: {
  profile?: string;
  region: string;
  endpoint?: string;
}): CredentialProvider {
  let provider: Promise<CredentialProvider> | undefined;
  return async () => {
    provider ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) =>
      fromNodeProviderChain({
        ...(opts.profile ? { profile: opts.profile } : {}),
        clientConfig: { region: opts.region, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) },
      }),
    );
    return (await provider)();
  };
}
