/**
 * The engine's error codes (ONR-E2xx), documented in docs/errors.md under "Engine". One list so
 * the codes stay stable and greppable.
 */
export const EngineCode = {
  /** AWS rejected a call with an error that retrying cannot fix (validation, access, not found). */
  rejected: 'ONR-E200',
  /** A retryable error (throttling, transient, server, conflict) persisted through every attempt. */
  retriesExhausted: 'ONR-E201',
  /** The run's shared retry budget ran out: AWS is failing or throttling too much to continue. */
  budgetExhausted: 'ONR-E202',
  /** The work was cancelled (Ctrl-C, or an AbortSignal). */
  aborted: 'ONR-E203',
  /** An asynchronous AWS operation reported failure (its FailureReason is attached). */
  asyncFailed: 'ONR-E204',
  /** An asynchronous AWS operation did not finish within its time limit. */
  asyncTimeout: 'ONR-E205',
  /** A step was not attempted because a step it depends on failed. */
  blocked: 'ONR-E206',
  /** The action graph handed to the executor is malformed (cycle, unknown dependency, duplicate id). */
  badGraph: 'ONR-E207',
  /** Assuming the access role into a member account failed. */
  assumeRoleFailed: 'ONR-E208',
  /** A change (typically IAM) never became visible to a live probe within its time limit. */
  propagationTimeout: 'ONR-E209',
  /** A limiter, semaphore or retry option is out of range. */
  badOption: 'ONR-E210',
} as const;

/** One of the engine's error codes. */
export type EngineCodeValue = (typeof EngineCode)[keyof typeof EngineCode];
