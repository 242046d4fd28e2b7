import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IAMServiceException, NoSuchEntityException } from '@aws-sdk/client-iam';
import { ConflictException } from '@aws-sdk/client-identitystore';
import { TooManyRequestsException } from '@aws-sdk/client-organizations';
import { OnrampError } from '../core/errors.js';
import {
  awsErrorName,
  classifyAwsError,
  describeAwsError,
  type ErrorClass,
  isNotFound,
  isRetryableClass,
  retryAfterMs,
} from './classify.js';

/** An SDK-v3-shaped error without a client: name, $fault, $metadata. */
function sdkError(name: string, status?: number, extra: Record<string, unknown> = {}): Error {
  const e = new Error(`${name} happened`);
  Object.assign(e, {
    name,
    $fault: status !== undefined && status >= 500 ? 'server' : 'client',
    $metadata: status === undefined ? {} : { httpStatusCode: status, requestId: 'req-1' },
    ...extra,
  });
  return e;
}

function netError(code: string, message = `connect ${code} 127.0.0.1:1`): Error {
  return Object.assign(new Error(message), { code });
}

const table: Array<[string, unknown, ErrorClass]> = [
  // throttling across our services
  ['IAM/STS Throttling', sdkError('Throttling', 400), 'throttling'],
  ['sso-admin ThrottlingException', sdkError('ThrottlingException', 400), 'throttling'],
  ['Organizations TooManyRequestsException', sdkError('TooManyRequestsException', 400), 'throttling'],
  ['RequestLimitExceeded', sdkError('RequestLimitExceeded', 400), 'throttling'],
  ['SlowDown', sdkError('SlowDown', 503), 'throttling'],
  ['SlowDownException', sdkError('SlowDownException', 400), 'throttling'],
  ['HTTP 429 with an unknown name', sdkError('Whatever', 429), 'throttling'],
  ['$retryable throttling trait', sdkError('Odd', 400, { $retryable: { throttling: true } }), 'throttling'],
  // conflict
  ['ConflictException', sdkError('ConflictException', 409), 'conflict'],
  ['ConcurrentModificationException', sdkError('ConcurrentModificationException', 400), 'conflict'],
  ['IAM wire code ConcurrentModification', sdkError('ConcurrentModification', 409), 'conflict'],
  [
    'identitystore concurrent modification',
    sdkError('ConflictException', 400, { Reason: 'CONCURRENT_MODIFICATION' }),
    'conflict',
  ],
  [
    'identitystore duplicate name is final',
    sdkError('ConflictException', 400, { Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' }),
    'client',
  ],
  ['HTTP 409 with an unknown name', sdkError('Other', 409), 'conflict'],
  // not found
  ['NoSuchEntity', sdkError('NoSuchEntity', 404), 'not-found'],
  ['NoSuchEntityException', sdkError('NoSuchEntityException', 404), 'not-found'],
  ['ResourceNotFoundException', sdkError('ResourceNotFoundException', 400), 'not-found'],
  ['AccountNotFoundException', sdkError('AccountNotFoundException', 400), 'not-found'],
  ['AWSOrganizationsNotInUseException', sdkError('AWSOrganizationsNotInUseException', 400), 'not-found'],
  ['CreateAccountStatusNotFound', sdkError('CreateAccountStatusNotFoundException', 400), 'not-found'],
  ['HTTP 404 unknown', sdkError('Gone', 404), 'not-found'],
  // transient
  ['TimeoutError', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'transient'],
  ['RequestTimeout', sdkError('RequestTimeout', 408), 'transient'],
  ['IDPCommunicationError', sdkError('IDPCommunicationError', 400), 'transient'],
  ['ECONNRESET', netError('ECONNRESET'), 'transient'],
  ['ECONNREFUSED', netError('ECONNREFUSED'), 'transient'],
  ['EPIPE', netError('EPIPE'), 'transient'],
  ['socket hang up', new Error('socket hang up'), 'transient'],
  [
    'cause carries the network error',
    new Error('fetch failed', { cause: netError('ECONNRESET') }),
    'transient',
  ],
  ['HTTP 503', sdkError('Unknown', 503), 'transient'],
  ['HTTP 502', sdkError('Unknown', 502), 'transient'],
  ['$retryable without throttling', sdkError('Odd', 400, { $retryable: {} }), 'transient'],
  // server
  ['InternalServerException', sdkError('InternalServerException', 500), 'server'],
  ['InternalFailure', sdkError('InternalFailure', 500), 'server'],
  ['Organizations ServiceException', sdkError('ServiceException', 500), 'server'],
  ['ServiceFailure', sdkError('ServiceFailure', 500), 'server'],
  ['HTTP 500 unknown', sdkError('Unknown', 500), 'server'],
  ['$fault server, no status', sdkError('Unknown', undefined, { $fault: 'server' }), 'server'],
  // client
  ['AccessDenied', sdkError('AccessDenied', 403), 'client'],
  ['ValidationException', sdkError('ValidationException', 400), 'client'],
  ['MalformedPolicyDocument', sdkError('MalformedPolicyDocument', 400), 'client'],
  ['IAM EntityAlreadyExists (HTTP 409) is final', sdkError('EntityAlreadyExistsException', 409), 'client'],
  ['IAM DeleteConflict (HTTP 409) is final', sdkError('DeleteConflictException', 409), 'client'],
  ['IAM EntityTemporarilyUnmodifiable', sdkError('EntityTemporarilyUnmodifiableException', 409), 'transient'],
  ['IAM LimitExceeded is a quota, not a throttle', sdkError('LimitExceededException', 409), 'client'],
  ['AbortError', Object.assign(new Error('aborted'), { name: 'AbortError' }), 'client'],
  ['a plain bug', new TypeError('x is undefined'), 'client'],
  ['a string', 'boom', 'client'],
  ['undefined', undefined, 'client'],
  [
    'an OnrampError is final',
    new OnrampError('ONR-E201', 'gave up', { cause: sdkError('Throttling') }),
    'client',
  ],
];

describe('classifyAwsError', () => {
  for (const [label, error, expected] of table) {
    it(`${label} → ${expected}`, () => assert.equal(classifyAwsError(error), expected));
  }

  it('classifies real SDK exception classes', () => {
    const meta = { $metadata: { httpStatusCode: 404 }, message: 'Role x not found' };
    assert.equal(classifyAwsError(new NoSuchEntityException(meta)), 'not-found');
    assert.equal(
      classifyAwsError(new TooManyRequestsException({ $metadata: {}, message: 'slow down' })),
      'throttling',
    );
    assert.equal(
      classifyAwsError(
        new ConflictException({ $metadata: {}, message: 'dup', Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' }),
      ),
      'client',
    );
    const throttle = new IAMServiceException({ name: 'Throttling', $fault: 'client', $metadata: {} });
    assert.equal(classifyAwsError(throttle), 'throttling');
  });

  it('retries exactly throttling, transient, server and conflict', () => {
    const classes: ErrorClass[] = ['throttling', 'transient', 'conflict', 'not-found', 'client', 'server'];
    assert.deepEqual(classes.filter(isRetryableClass), ['throttling', 'transient', 'conflict', 'server']);
  });
});

describe('helpers', () => {
  it('isNotFound and awsErrorName see through OnrampError wrappers', () => {
    const root = sdkError('NoSuchEntityException', 404);
    const wrapped = new OnrampError('ONR-E200', 'reading IAM Role (x): gone', { cause: root });
    assert.equal(isNotFound(wrapped), true);
    assert.equal(awsErrorName(wrapped), 'NoSuchEntityException');
    assert.equal(
      isNotFound(new OnrampError('ONR-E200', 'x', { cause: sdkError('AccessDenied', 403) })),
      false,
    );
  });

  it("retryAfterMs reads identitystore's RetryAfterSeconds", () => {
    assert.equal(retryAfterMs(sdkError('ThrottlingException', 400, { RetryAfterSeconds: 2 })), 2000);
    assert.equal(retryAfterMs(sdkError('ThrottlingException', 400)), undefined);
  });

  it('describeAwsError names the error and the request id', () => {
    const e = Object.assign(sdkError('NoSuchEntity', 404), { message: 'Role deploy not found' });
    assert.equal(describeAwsError(e), 'NoSuchEntity: Role deploy not found (request id req-1)');
    // A message that already starts with the name is not repeated.
    assert.equal(describeAwsError(sdkError('NoSuchEntity', 404)), 'NoSuchEntity happened (request id req-1)');
    assert.equal(describeAwsError(new Error('plain')), 'plain');
    assert.equal(describeAwsError('text'), 'text');
  });
});
