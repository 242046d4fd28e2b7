/** The same SDK clients for either implementation under test. */
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';

export interface Target {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface Clients {
  iam: IAMClient;
  sts: STSClient;
  org: OrganizationsClient;
  ssoAdmin: SSOAdminClient;
  ids: IdentitystoreClient;
  /** Clients for other credentials at the same endpoint (e.g. an assumed role). */
  as(credentials: Target['credentials']): Clients;
}

export function clientsFor(target: Target): Clients {
  // One attempt: a conformance case compares first answers, not what retries paper over.
  const cfg = {
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: target.credentials,
    maxAttempts: 1,
  };
  return {
    iam: new IAMClient(cfg),
    sts: new STSClient(cfg),
    org: new OrganizationsClient(cfg),
    ssoAdmin: new SSOAdminClient(cfg),
    ids: new IdentitystoreClient(cfg),
    as: (credentials) => clientsFor({ endpoint: target.endpoint, credentials }),
  };
}
