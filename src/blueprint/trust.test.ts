// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accountIdTemplate, buildTrustPolicy, callerPrincipal } from './trust.js';

const ctx = { roleAccount: '111111111111' };

describe('buildTrustPolicy', () => {
  test('thirdParty: the vendor root with sts:ExternalId', () => {
    assert.deepEqual(
      buildTrustPolicy({ thirdParty: { account: '017059471480', externalId: 'x-123' } }, ctx),
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::017059471480:root' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } },
          },
        ],
      },
    );
  });

  test('thirdParty without ExternalId (opted out) has no Condition', () => {
    const doc = buildTrustPolicy(
      { thirdParty: { account: '017059471480', allowWithoutExternalId: true } },
      ctx,
    );
    assert.deepEqual(doc.Statement, [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::017059471480:root' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('ssoPermissionSet: the role account, both SSO role path shapes, the permission set name', () => {
    const doc = buildTrustPolicy(
      { ssoPermissionSet: { permissionSet: 'ds' } },
      { ...ctx, permissionSetName: (k) => (k === 'ds' ? 'DataScientist' : k) },
    );
    assert.deepEqual(doc.Statement, [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnLike: {
            'aws:PrincipalArn': [
              'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScientist_*',
              'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_DataScientist_*',
            ],
          },
        },
      },
    ]);
  });

  test('ssoPermissionSet over several accounts (keys become account references)', () => {
    const doc = buildTrustPolicy(
      { ssoPermissionSet: { permissionSet: 'Admin', accounts: ['222222222222', 'dev'] } },
      ctx,
    );
    const [st] = doc.Statement as unknown as {
      Principal: { AWS: string[] };
      Condition: { ArnLike: Record<string, string[]> };
    }[];
    assert.deepEqual(st.Principal.AWS, [
      'arn:aws:iam::222222222222:root',
      'arn:aws:iam::${accounts.dev.id}:root',
    ]);
    assert.equal(st.Condition.ArnLike['aws:PrincipalArn'].length, 4);
  });

  test('role: an ARN, or {account, name} with the blueprint role path', () => {
    const byArn = buildTrustPolicy({ role: 'arn:aws:iam::222222222222:role/ci/deployer' }, ctx);
    assert.deepEqual(byArn.Statement, [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:role/ci/deployer' },
        Action: 'sts:AssumeRole',
      },
    ]);
    const byName = buildTrustPolicy(
      { role: { account: 'tools', name: 'deployer' } },
      { ...ctx, rolePath: (a, n) => (a === 'tools' && n === 'deployer' ? '/ci/' : undefined) },
    );
    assert.deepEqual(byName.Statement, [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::${accounts.tools.id}:role/ci/deployer' },
        Action: 'sts:AssumeRole',
      },
    ]);
  });

  test('caller: a deferred plan-time principal; account: the account root', () => {
    const doc = buildTrustPolicy([{ caller: true }, { account: '333333333333' }], ctx);
    assert.deepEqual(doc.Statement, [
      { Effect: 'Allow', Principal: { AWS: '${caller.arn}' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('policy: the raw document statements pass through and combine with building blocks', () => {
    const raw = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    };
    const doc = buildTrustPolicy([{ policy: raw }, { account: '333333333333' }], ctx);
    assert.equal((doc.Statement as unknown[]).length, 2);
    assert.deepEqual((doc.Statement as unknown[])[0], raw.Statement);
  });

  test('partition is honoured', () => {
    const doc = buildTrustPolicy({ account: '333333333333' }, { ...ctx, partition: 'aws-cn' });
    assert.deepEqual(doc.Statement, [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws-cn:iam::333333333333:root' }, Action: 'sts:AssumeRole' },
    ]);
  });
});

describe('trust helpers', () => {
  test('accountIdTemplate keeps ids and references, turns keys into references', () => {
    assert.equal(accountIdTemplate('123456789012'), '123456789012');
    assert.equal(accountIdTemplate('${caller.account}'), '${caller.account}');
    assert.equal(accountIdTemplate('member'), '${accounts.member.id}');
  });

  test('callerPrincipal maps a session to its role and never returns a session ARN', () => {
    assert.deepEqual(
      callerPrincipal('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_abc/jane@x.com'),
      {
        arn: 'arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_abc',
        needsPath: true,
      },
    );
    assert.deepEqual(callerPrincipal('arn:aws:iam::123456789012:user/ops'), {
      arn: 'arn:aws:iam::123456789012:user/ops',
      needsPath: false,
    });
  });
});
