/**
 * SSO OIDC errors. Besides the usual REST-JSON error type, AWS's token endpoint answers with the
 * OAuth 2.0 body members `error` and `error_description` (RFC 6749 §5.2, RFC 8628 §3.5), which the
 * SDKs expose on the exception; the HTTP statuses follow the service model (401 only for
 * InvalidClientException). https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_CreateToken.html
 */
import { AwsError } from '../../aws-error.js';

const OAUTH_ERRORS = {
  AccessDeniedException: ['access_denied', 400],
  AuthorizationPendingException: ['authorization_pending', 400],
  ExpiredTokenException: ['expired_token', 400],
  InvalidClientException: ['invalid_client', 401],
  InvalidClientMetadataException: ['invalid_client_metadata', 400],
  InvalidGrantException: ['invalid_grant', 400],
  InvalidRedirectUriException: ['invalid_redirect_uri', 400],
  InvalidRequestException: ['invalid_request', 400],
  InvalidScopeException: ['invalid_scope', 400],
  SlowDownException: ['slow_down', 400],
  UnauthorizedClientException: ['unauthorized_client', 400],
  UnsupportedGrantTypeException: ['unsupported_grant_type', 400],
} as const;

export type OidcErrorCode = keyof typeof OAUTH_ERRORS;

/** An SSO OIDC error with its OAuth `error` code and description in the body. */
export function oidcError(code: OidcErrorCode, description: string): AwsError {
  const [error, status] = OAUTH_ERRORS[code];
  return new AwsError(code, description, status, { error, error_description: description });
}
