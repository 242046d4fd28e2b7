/** Helpers shared by the IAM service's tests (excluded from the build as test-*.ts). */
import assert from 'node:assert/strict';

/** A trust policy letting an account's principals assume the role. */
export function trustAccount(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' },
    ],
  });
}

export const S3_READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }],
});

interface WireError {
  name: string;
  message: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Asserts that a call fails with the given wire error code (the SDK keeps AWS's code in `Code`
 * while `name` may carry an "Exception" suffix), and optionally its HTTP status and message.
 */
export async function rejectsWith(
  call: Promise<unknown>,
  code: string,
  expect: { status?: number; message?: string | RegExp } = {},
): Promise<void> {
  await assert.rejects(call, (e: WireError) => {
    assert.equal(e.Code ?? e.name, code, `expected ${code}, got ${e.Code ?? e.name}: ${e.message}`);
    if (expect.status !== undefined) assert.equal(e.$metadata?.httpStatusCode, expect.status);
    if (typeof expect.message === 'string') assert.equal(e.message, expect.message);
    else if (expect.message) assert.match(e.message, expect.message);
    return true;
  });
}
