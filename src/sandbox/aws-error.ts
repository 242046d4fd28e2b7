/**
 * An error the sandbox answers with, shaped for whichever protocol the service speaks.
 * Handlers throw these; anything else becomes a 500 InternalFailure and is logged.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members of the error body (JSON protocols), e.g. OIDC's error / error_description. */
    readonly extra: Record<string, unknown> = {},
    /** Query protocol's <Type>: Sender for client faults, Receiver for server faults. */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** Shorthands for the errors nearly every service uses. */
export const errors = {
  validation: (message: string) => new AwsError('ValidationError', message),
  validationException: (message: string) => new AwsError('ValidationException', message),
  accessDenied: (message: string, code = 'AccessDenied') => new AwsError(code, message, 403),
};
