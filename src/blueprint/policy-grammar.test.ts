// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPolicyDocument, POLICY_LIMITS, policySize } from './policy-grammar.js';

const codes = (doc: unknown, kind: 'identity' | 'trust' = 'identity') =>
  checkPolicyDocument(doc, kind).map(
    (i) => `${i.severity === 'error' ? '' : 'warn:'}${i.code} ${i.path.join('.')}`,
  );

describe('policy grammar', () => {
  test('a well-formed identity policy has no issues (including IAM policy variables)', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Read1',
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:List*'],
          Resource: 'arn:aws:s3:::b/${aws:username}/*',
        },
        {
          Effect: 'Deny',
          NotAction: 'iam:*',
          NotResource: '*',
          Condition: { Bool: { 'aws:SecureTransport': false } },
        },
      ],
    };
    assert.deepEqual(codes(doc), []);
  });

  test('statement shape errors point at the element', () => {
    assert.deepEqual(
      codes({ Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 's3:GetObject' }] }),
      ['ONR-E134 Statement.0.Effect', 'ONR-E134 Statement.0'],
    );
    assert.deepEqual(
      codes({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: 'x', NotAction: 'y', Resource: '*' },
      }),
      ['ONR-E134 Statement.NotAction', 'ONR-E146 Statement.Action', 'ONR-E146 Statement.NotAction'],
    );
    assert.deepEqual(codes({ Version: '2012-10-17', Statement: [] }), ['ONR-E134 Statement']);
    assert.deepEqual(
      codes({ Version: '2012-10-18', Statement: { Effect: 'Allow', Action: '*', Resource: 'bucket' } }),
      ['ONR-E134 Version', 'ONR-E134 Statement.Resource'],
    );
    assert.deepEqual(codes('{"Statement": []}'), ['ONR-E134 ']);
  });

  test('Principal belongs only in trust policies; trust policies need one and have no Resource', () => {
    const st = { Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' };
    assert.deepEqual(codes({ Version: '2012-10-17', Statement: [{ ...st, Resource: '*' }] }), [
      'ONR-E136 Statement.0.Principal',
    ]);
    assert.deepEqual(codes({ Version: '2012-10-17', Statement: [st] }, 'trust'), []);
    assert.deepEqual(codes({ Version: '2012-10-17', Statement: [{ ...st, Resource: '*' }] }, 'trust'), [
      'ONR-E137 Statement.0.Resource',
    ]);
    assert.deepEqual(
      codes({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }, 'trust'),
      ['ONR-E137 Statement.0'],
    );
  });

  test('principals: open trust is refused, session ARNs warn, unknown types suggest', () => {
    const trust = (Principal: unknown, extra = {}) =>
      codes(
        {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...extra }],
        },
        'trust',
      );
    assert.deepEqual(trust('*'), ['ONR-E145 Statement.0.Principal']);
    assert.deepEqual(
      trust({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }),
      [],
    );
    assert.deepEqual(trust({ AWS: 'arn:aws:sts::123456789012:assumed-role/R/s' }), [
      'warn:ONR-W105 Statement.0.Principal.AWS',
    ]);
    assert.deepEqual(trust({ Servce: 'lambda.amazonaws.com' }), ['ONR-E134 Statement.0.Principal.Servce']);
    assert.deepEqual(trust({ AWS: 'alice' }), ['ONR-E121 Statement.0.Principal.AWS']);
    const hint = checkPolicyDocument(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Servce: 'x' }, Action: 'sts:AssumeRole' }],
      },
      'trust',
    )[0].hint;
    assert.equal(hint, 'did you mean `Service`?');
  });

  test('a missing Version is a warning; conditions are checked', () => {
    assert.deepEqual(codes({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }), [
      'warn:ONR-W102 ',
    ]);
    assert.deepEqual(
      codes({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: 'x' } },
      }),
      ['ONR-E134 Statement.Condition.StringEquals'],
    );
  });

  test('size is counted without whitespace', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:Get Object', Resource: '*' },
    };
    assert.equal(policySize(doc), JSON.stringify(doc).length - 1);
    assert.equal(POLICY_LIMITS.managedPolicy, 6144);
    assert.equal(POLICY_LIMITS.trustPolicy, 2048);
  });
});
