/**
 * A sign-in URL for the AWS Management Console from temporary credentials (the custom identity
 * broker flow): getSigninToken at the partition's federation endpoint with the session as JSON,
 * then a `login` URL carrying the token. The token is a bearer credential for the console for 15
 * minutes, so it is only ever printed on request (--print) or handed to the browser.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
 */

import type { AwsCredentials } from '../aws/service-clients.js';
import { OnrampError } from '../core/errors.js';
import type { ResolvedEndpoint } from './sso-context.js';
import { SsoUserError } from './user-errors.js';

export interface ConsoleUrlOptions {
  region?: string;
  /** Where the console opens (default: its home page in `region`). */
  destination?: string;
  /** An endpoint override (the sandbox): the URL is built against it, without a real sign-in token. */
  endpoint?: ResolvedEndpoint;
  fetch?: typeof fetch;
  issuer?: string;
}

export interface ConsoleUrl {
  url: string;
  /** True when built against an endpoint override: there is no console behind it. */
  sandbox: boolean;
}

/** The federation and console hosts of the region's partition. */
export function partitionHosts(region: string | undefined): { federation: string; console: string } {
  if (region?.startsWith('cn-')) {
    return { federation: 'https://signin.amazonaws.cn/federation', console: 'https://console.amazonaws.cn/' };
  }
  if (region?.startsWith('us-gov-')) {
    return {
      federation: 'https://signin.amazonaws-us-gov.com/federation',
      console: 'https://console.amazonaws-us-gov.com/',
    };
  }
  return {
    federation: 'https://signin.aws.amazon.com/federation',
    console: 'https://console.aws.amazon.com/',
  };
}

/** The sandbox answers no federation requests; this stands where the sign-in token would be. */
export const SANDBOX_SIGNIN_TOKEN = 'sandbox-has-no-console';

function loginUrl(federation: string, destination: string, issuer: string, token: string): string {
  const q = new URLSearchParams({
    Action: 'login',
    Issuer: issuer,
    Destination: destination,
    SigninToken: token,
  });
  return `${federation}?${q}`;
}

/** See the module comment. ONR-E327 when the federation endpoint gives no token. */
export async function consoleSignInUrl(
  creds: AwsCredentials,
  options: ConsoleUrlOptions = {},
): Promise<ConsoleUrl> {
  const hosts = partitionHosts(options.region);
  const destination =
    options.destination ?? `${hosts.console}console/home${options.region ? `?region=${options.region}` : ''}`;
  const issuer = options.issuer ?? 'onramp';
  if (options.endpoint) {
    const federation = `${options.endpoint.url.replace(/\/+$/, '')}/federation`;
    return { url: loginUrl(federation, destination, issuer, SANDBOX_SIGNIN_TOKEN), sandbox: true };
  }
  if (!creds.sessionToken) {
    throw new OnrampError(
      SsoUserError.consoleFailed,
      'signing in to the console: the credentials are long-lived keys',
      {
        hint: 'the federation endpoint takes temporary credentials only; use an SSO profile',
      },
    );
  }
  const session = JSON.stringify({
    sessionId: creds.accessKeyId,
    sessionKey: creds.secretAccessKey,
    sessionToken: creds.sessionToken,
  });
  const request = `${hosts.federation}?${new URLSearchParams({ Action: 'getSigninToken', Session: session })}`;
  let token: unknown;
  let status = 0;
  try {
    const res = await (options.fetch ?? fetch)(request);
    status = res.status;
    if (res.ok) token = ((await res.json()) as { SigninToken?: unknown }).SigninToken;
  } catch (e) {
    // The request URL holds the session keys: report the host only.
    throw new OnrampError(
      SsoUserError.consoleFailed,
      `signing in to the console: ${hosts.federation} did not answer`,
      {
        hint: 'check the network connection and run again',
        cause: e instanceof Error ? new Error(e.message) : undefined,
      },
    );
  }
  if (typeof token !== 'string' || token === '') {
    throw new OnrampError(
      SsoUserError.consoleFailed,
      `signing in to the console: ${hosts.federation} gave no sign-in token (HTTP ${status})`,
      { hint: 'the credentials may have expired; run onramp creds again, or sign in with onramp sso login' },
    );
  }
  return { url: loginUrl(hosts.federation, destination, issuer, token), sandbox: false };
}
