import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonical, sameDocument } from './drift.js';

describe('sameDocument', () => {
  it('ignores key order, list order, duplicates and one-item lists, as IAM does', () => {
    const declared = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ['arn:b', 'arn:a'] }],
    };
    const live = {
      Statement: { Resource: ['arn:a', 'arn:b', 'arn:a'], Action: 'sts:AssumeRole', Effect: 'Allow' },
      Version: '2012-10-17',
    };
    assert.equal(sameDocument(declared, live as never), true);
    assert.deepEqual(canonical(['b', 'a', 'b']), ['a', 'b']);
  });

  it('sees a changed value, a missing document, and cannot judge a document with unresolved references', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    };
    assert.equal(
      sameDocument(doc, { ...doc, Statement: [{ ...doc.Statement[0], Effect: 'Deny' as const }] }),
      false,
    );
    assert.equal(sameDocument(doc, undefined), false);
    const deferred = {
      ...doc,
      Statement: [{ ...doc.Statement[0], Resource: `arn:aws:iam::${'$'}{accounts.m.id}:role/x` }],
    };
    assert.equal(sameDocument(deferred, doc as never), undefined);
  });
});
