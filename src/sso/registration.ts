/**
 * The SSO OIDC client registration a sign-in uses: the cached one (shared with `aws sso login`)
 * while it has more than 15 minutes left and suits the flow, else a new RegisterClient whose result
 * is cached for the next sign-in.
 * https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_RegisterClient.html
 */
import {
  type ClientRegistration,
  readClientRegistration,
  registrationUsable,
  writeClientRegistration,
} from './client-registration.js';
import type { SsoApis } from './portal.js';
import { registrationKeyOf, type SsoSessionConfig } from './session-config.js';
import { clockOf, type SsoContext, tokenDir } from './sso-context.js';

export type LoginFlow = 'device' | 'pkce';

export const GRANT_DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
export const GRANT_AUTHORIZATION_CODE = 'authorization_code';
export const GRANT_REFRESH_TOKEN = 'refresh_token';
/** The CLI registers `http://127.0.0.1/oauth/callback` and adds the port in each authorize request. */
export const REDIRECT_URI_WITHOUT_PORT = 'http://127.0.0.1/oauth/callback';
/** What the authorization-code flow asks for when the session names no scopes (as the CLI does). */
export const DEFAULT_SCOPE = 'sso:account:access';

export interface UsedRegistration extends ClientRegistration {
  /** True when the cached registration was used instead of a new RegisterClient. */
  reused: boolean;
}

/**
 * Device-code and authorization-code registrations share one cache file (the CLI keys it by start
 * URL, region, scopes and session only), so a cached one is used only if its grant types fit.
 */
function suits(reg: ClientRegistration, flow: LoginFlow): boolean {
  const grants = reg.grantTypes ?? [];
  if (flow === 'pkce') return grants.includes(GRANT_AUTHORIZATION_CODE);
  return grants.length === 0 || grants.includes(GRANT_DEVICE_CODE);
}

/** The cached registration, or a new one (written to the cache). */
export async function ensureRegistration(
  ctx: SsoContext,
  apis: SsoApis,
  session: SsoSessionConfig,
  flow: LoginFlow,
): Promise<UsedRegistration> {
  const dir = tokenDir(ctx);
  const key = registrationKeyOf(session);
  const now = clockOf(ctx).now();
  const cached = readClientRegistration(dir, key);
  if (cached.kind === 'found' && registrationUsable(cached.value, now) && suits(cached.value, flow)) {
    return { ...cached.value, reused: true };
  }
  const { RegisterClientCommand } = await import('@aws-sdk/client-sso-oidc');
  const configured = session.scopes?.length ? session.scopes : undefined;
  const scopes = flow === 'pkce' ? (configured ?? [DEFAULT_SCOPE]) : configured;
  const grantTypes = flow === 'pkce' ? [GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN] : undefined;
  const clientName = `onramp-${session.name ?? Math.floor(now / 1000)}`;
  const out = await apis.oidc.call(
    'sso-oidc',
    'RegisterClient',
    (c) =>
      c.send(
        new RegisterClientCommand({
          clientName,
          clientType: 'public',
          ...(scopes ? { scopes } : {}),
          ...(flow === 'pkce'
            ? { grantTypes, redirectUris: [REDIRECT_URI_WITHOUT_PORT], issuerUrl: session.startUrl }
            : {}),
        }),
      ),
    { what: `registering onramp with IAM Identity Center in ${session.region}` },
  );
  const reg: ClientRegistration = {
    clientId: out.clientId ?? '',
    clientSecret: out.clientSecret ?? '',
    expiresAt: new Date((out.clientSecretExpiresAt ?? 0) * 1000),
    ...(scopes ? { scopes } : {}),
    ...(grantTypes ? { grantTypes } : {}),
  };
  writeClientRegistration(dir, key, reg);
  return { ...reg, reused: false };
}
