/**
 * The one interface every sandbox service implements: how it is reached on the wire, and a handler
 * per operation. Handlers are plain functions of (request, world); they throw AwsError.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../core/clock.js';
import type { IdFactory } from './ids.js';
import type { Credential, Principal } from './principal.js';
import type { Realism } from './realism.js';
import type { World } from './world.js';

export type ServiceName =
  | 'iam'
  | 'sts'
  | 'organizations'
  | 'sso-admin'
  | 'identitystore'
  | 'sso-oidc'
  | 'sso-portal';

/** Everything a handler may touch besides its request. */
export interface SandboxContext {
  world: World;
  clock: Clock;
  ids: IdFactory;
  realism: Realism;
  /** The URL clients reach the sandbox at (for verification pages, portal URLs). */
  endpoint: () => string;
  log: (message: string) => void;
  /** Options the sandbox was started with that services read (e.g. auto-approve user). */
  options: { autoApprove?: string };
}

export interface SandboxRequest {
  service: ServiceName;
  operation: string;
  /** Query: the parsed form; JSON: the body; REST: the body merged over path and query parameters. */
  params: Record<string, unknown>;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Set for SigV4-authenticated services. */
  caller?: Principal;
  credential?: Credential;
  /** Region from the SigV4 scope, or the world's default. */
  region: string;
  requestId: string;
  ctx: SandboxContext;
}

/** A handler may return a raw HTTP answer (REST pages, redirects) instead of a result object. */
export interface RawResponse {
  $raw: { status: number; headers?: Record<string, string>; body?: string | Buffer };
}

export type Handler = (req: SandboxRequest) => unknown | Promise<unknown>;

export interface RestRoute {
  method: string;
  /** Exact path, or a pattern with :name segments. */
  path: string;
  operation: string;
}

export interface ServiceDefinition {
  name: ServiceName;
  protocol: 'query' | 'json' | 'rest-json';
  /** The SigV4 credential-scope name (iam, sts, organizations, sso, identitystore). */
  signingName?: string;
  /** JSON 1.1: X-Amz-Target prefix, e.g. AWSOrganizationsV20161128. */
  targetPrefix?: string;
  /** Query: the response xmlns. */
  xmlNamespace?: string;
  /** REST-JSON: method + path routes. */
  routes?: RestRoute[];
  /** sigv4 services authenticate every call; bearer/none services check their own tokens. */
  auth: 'sigv4' | 'none';
  /** IAM action prefix for authorising callers (iam, sts, organizations, sso, identitystore). */
  actionPrefix?: string;
  /**
   * The resource ARN an operation acts on, for authorisation; '*' when not given. Operations listed
   * in `unauthorised` skip the identity-policy check (sts:GetCallerIdentity needs no permission).
   */
  resourceArn?: (req: SandboxRequest) => string;
  unauthorised?: string[];
  /** The error AWS answers when this service throttles. */
  throttle: { code: string; status: number; message: string };
  operations: Record<string, Handler>;
}

export function isRaw(v: unknown): v is RawResponse {
  return !!v && typeof v === 'object' && '$raw' in v;
}
