/**
 * One pure table that sorts whatever an AWS SDK v3 call throws into the classes the retry layer,
 * the waiters and the executor decide on (STYLE 4). Decisions read the class only, never strings.
 *
 * The SDK's own classification (smithy `service-error-classification`) is the model: error `name`
 * first, then the `$retryable` trait, Node's network error codes, and finally the HTTP status.
 */
import { OnrampError } from '../core/errors.js';

/** What kind of failure an error is; retry decisions depend on this alone. */
export type ErrorClass = 'throttling' | 'transient' | 'conflict' | 'not-found' | 'client' | 'server';

/** The classes worth retrying: AWS asked us to slow down, or the failure was momentary. */
export const RETRYABLE_CLASSES: readonly ErrorClass[] = ['throttling', 'transient', 'server', 'conflict'];

/** A classifier: the retry layer and the executor take one so tests can inject their own. */
export type Classifier = (error: unknown) => ErrorClass;

/**
 * Error names (the SDK's exception class name, or the raw wire code for codes a client does not
 * model) across IAM, STS, Organizations, sso-admin, identitystore, SSO and SSO OIDC.
 */
const BY_NAME: Readonly<Record<string, ErrorClass>> = {
  // Throttling: IAM/STS say `Throttling`; sso-admin/identitystore `ThrottlingException`;
  // Organizations `TooManyRequestsException`; EC2-style and S3-style names for completeness.
  Throttling: 'throttling',
  ThrottlingException: 'throttling',
  ThrottledException: 'throttling',
  TooManyRequestsException: 'throttling',
  RequestLimitExceeded: 'throttling',
  RequestThrottled: 'throttling',
  RequestThrottledException: 'throttling',
  SlowDown: 'throttling',
  SlowDownException: 'throttling',
  BandwidthLimitExceeded: 'throttling',
  PriorRequestNotComplete: 'throttling',
  // Concurrent edits of the same object: retry after a pause.
  // https://docs.aws.amazon.com/singlesignon/latest/APIReference/CommonErrors.html
  ConflictException: 'conflict',
  ConcurrentModificationException: 'conflict',
  ConcurrentModification: 'conflict',
  // Missing things: a type, never a message match (STYLE 3).
  NoSuchEntity: 'not-found',
  NoSuchEntityException: 'not-found',
  ResourceNotFoundException: 'not-found',
  AccountNotFoundException: 'not-found',
  AWSOrganizationsNotInUseException: 'not-found',
  OrganizationalUnitNotFoundException: 'not-found',
  ParentNotFoundException: 'not-found',
  ChildNotFoundException: 'not-found',
  RootNotFoundException: 'not-found',
  PolicyNotFoundException: 'not-found',
  TargetNotFoundException: 'not-found',
  CreateAccountStatusNotFoundException: 'not-found',
  HandshakeNotFoundException: 'not-found',
  EffectivePolicyNotFoundException: 'not-found',
  ResourcePolicyNotFoundException: 'not-found',
  // Momentary: timeouts, an IdP that did not answer STS, an organization still initialising.
  TimeoutError: 'transient',
  RequestTimeout: 'transient',
  RequestTimeoutException: 'transient',
  IDPCommunicationError: 'transient',
  IDPCommunicationErrorException: 'transient',
  FinalizingOrganizationException: 'transient',
  PolicyChangesInProgressException: 'transient',
  ServiceUnavailable: 'transient',
  ServiceUnavailableException: 'transient',
  // AWS's side failed; retryable with backoff.
  InternalFailure: 'server',
  InternalError: 'server',
  InternalServerError: 'server',
  InternalServerException: 'server',
  ServiceFailure: 'server',
  ServiceFailureException: 'server',
  // Organizations names its generic 5xx error plainly `ServiceException`.
  ServiceException: 'server',
  // Smithy counts LimitExceededException as throttling, but IAM uses it for "account quota
  // reached" (too many roles, policies…), which no amount of retrying fixes.
  // https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
  LimitExceeded: 'client',
  LimitExceededException: 'client',
  // IAM answers these with HTTP 409 too, but they are final: the entity exists, or is still
  // attached elsewhere. https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html
  EntityAlreadyExists: 'client',
  EntityAlreadyExistsException: 'client',
  DeleteConflict: 'client',
  DeleteConflictException: 'client',
  // …while this one is IAM saying "the entity is being changed, try again shortly".
  EntityTemporarilyUnmodifiable: 'transient',
  EntityTemporarilyUnmodifiableException: 'transient',
  // A caller's cancellation is not a failure to retry.
  AbortError: 'client',
};

/** Node's socket-level error codes: the connection, not the request, failed. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const NETWORK_MESSAGES = ['socket hang up', 'ECONNRESET', 'ECONNREFUSED', 'read ETIMEDOUT'];

/** The fields of an SDK v3 service exception (or Node network error) that classification reads. */
interface ErrorFields {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  Reason?: unknown;
  $fault?: unknown;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number; requestId?: string };
  cause?: unknown;
}

function fields(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? (error as ErrorFields) : {};
}

/**
 * Classifies an error thrown by an AWS SDK v3 call (or the network beneath it).
 * Unknown errors without any AWS or network marker are `client`: a bug is not retried.
 */
export function classifyAwsError(error: unknown): ErrorClass {
  return classifyAt(error, 0);
}

function classifyAt(error: unknown, depth: number): ErrorClass {
  const e = fields(error);
  const name = typeof e.name === 'string' ? e.name : '';
  // Our own errors have already been through a retry layer (or are deliberate): final.
  if (error instanceof OnrampError) return 'client';
  // identitystore reports a duplicate UserName/DisplayName as ConflictException too; only the
  // CONCURRENT_MODIFICATION reason is worth retrying.
  // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateUser.html
  if (name === 'ConflictException' && e.Reason === 'UNIQUENESS_CONSTRAINT_VIOLATION') return 'client';
  const byName = BY_NAME[name];
  if (byName) return byName;
  if (e.$retryable) return e.$retryable.throttling ? 'throttling' : 'transient';
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return 'transient';
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) {
    if (status === 429) return 'throttling';
    if (status === 404) return 'not-found';
    if (status === 409) return 'conflict';
    if (status === 502 || status === 503 || status === 504) return 'transient';
    if (status >= 500) return 'server';
    return 'client';
  }
  if (e.$fault === 'server') return 'server';
  if (e.$fault === 'client') return 'client';
  const message = typeof e.message === 'string' ? e.message : '';
  if (NETWORK_MESSAGES.some((m) => message.includes(m))) return 'transient';
  // The SDK wraps some socket failures; the cause tells.
  if (e.cause !== undefined && depth < 5) return classifyAt(e.cause, depth + 1);
  return 'client';
}

/** Whether the class is one the retry layer retries by default. */
export function isRetryableClass(cls: ErrorClass): boolean {
  return RETRYABLE_CLASSES.includes(cls);
}

/**
 * Finds the AWS error inside wrappers (our OnrampError keeps the SDK error as `cause`), so callers
 * can ask "was it not-found?" after the retry layer wrapped it.
 */
export function rootAwsError(error: unknown): unknown {
  let e: unknown = error;
  for (let i = 0; i < 8 && e instanceof OnrampError && e.cause !== undefined; i++) e = e.cause;
  return e;
}

/** True when the error (or the AWS error it wraps) says the thing does not exist. */
export function isNotFound(error: unknown, classify: Classifier = classifyAwsError): boolean {
  return classify(rootAwsError(error)) === 'not-found';
}

/** The AWS error name (e.g. `NoSuchEntityException`), looking through wrappers; '' if none. */
export function awsErrorName(error: unknown): string {
  const name = fields(rootAwsError(error)).name;
  return typeof name === 'string' ? name : '';
}

/**
 * How long AWS asked us to wait, when it said (identitystore's `RetryAfterSeconds`); the retry
 * layer never waits less than this.
 */
export function retryAfterMs(error: unknown): number | undefined {
  const seconds = (rootAwsError(error) as { RetryAfterSeconds?: unknown } | undefined)?.RetryAfterSeconds;
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : undefined;
}

/** "Name: message" for messages; the request id when AWS gave one, for support cases. */
export function describeAwsError(error: unknown): string {
  const root = rootAwsError(error);
  const e = fields(root);
  const name = typeof e.name === 'string' && e.name !== 'Error' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : String(root);
  const head = name && !message.startsWith(name) ? `${name}: ${message}` : message;
  const id = e.$metadata?.requestId;
  return id ? `${head} (request id ${id})` : head;
}
