// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is the blueprint reference syntax, not a template.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { didYouMean, editDistance, suggest } from './edit-distance.js';
import {
  AWS_MANAGED_POLICY_NAMES,
  awsManagedPolicyArn,
  checkRoleArn,
  parsePolicyArn,
  resolvePolicyRef,
} from './managed-policies.js';
import * as names from './names.js';
import { hasRef, scanRefs, wholeRef } from './refs.js';

describe('AWS name and format rules', () => {
  test('IAM names: characters and length per kind', () => {
    assert.equal(names.roleName('fractal-cloud-initializer'), undefined);
    assert.equal(names.roleName('a'.repeat(64)), undefined);
    assert.equal(names.roleName('a'.repeat(65))?.code, 'ONR-E118');
    assert.equal(names.roleName('my role')?.code, 'ONR-E118');
    assert.equal(names.policyName('a'.repeat(128)), undefined);
    assert.equal(names.permissionSetName('a'.repeat(32)), undefined);
    assert.equal(names.permissionSetName('a'.repeat(33))?.code, 'ONR-E118');
  });

  test('paths, account ids, emails, OUs', () => {
    assert.equal(names.iamPath('/'), undefined);
    assert.equal(names.iamPath('/a/b/'), undefined);
    assert.equal(names.iamPath('/a')?.hint, 'paths end with `/`, e.g. `/platform/`');
    assert.equal(names.iamPath('//')?.code, 'ONR-E125');
    assert.equal(names.accountId('017059471480'), undefined);
    assert.match(names.accountId('17059471480')?.hint ?? '', /leading zeros/);
    assert.equal(names.email(64)('a@b.co'), undefined);
    assert.equal(names.email(64)('a@b')?.code, 'ONR-E120');
    assert.equal(names.ouId('ou-ab12-abcdefgh'), undefined);
    assert.equal(names.ouId('r-ab12'), undefined);
    assert.equal(names.ouId('ou-1')?.code, 'ONR-E143');
  });

  test('durations: ISO-8601 for permission sets, seconds for roles, 1 to 12 hours', () => {
    assert.equal(names.isoDurationSeconds('PT4H30M'), 16200);
    assert.equal(names.isoDurationSeconds('P1D'), undefined);
    assert.equal(names.permissionSetDuration('PT12H'), undefined);
    assert.equal(names.permissionSetDuration('PT59M')?.code, 'ONR-E123');
    assert.equal(names.permissionSetDuration('8')?.hint, 'write hours as PT8H');
    assert.equal(names.roleSessionSeconds(43200), undefined);
    assert.equal(names.roleSessionSeconds(43201)?.code, 'ONR-E123');
    assert.equal(names.roleSessionSeconds(3600.5)?.code, 'ONR-E122');
  });

  test('identity store names and misc', () => {
    assert.equal(names.identityStoreUserName('amplify-admin'), undefined);
    assert.equal(names.identityStoreUserName('Administrator')?.code, 'ONR-E118');
    assert.equal(names.identityStoreUserName('two words')?.code, 'ONR-E118');
    assert.equal(names.blueprintName('orchestera-spark'), undefined);
    assert.equal(names.blueprintName('-x')?.code, 'ONR-E118');
    assert.equal(names.refKey('main.account')?.code, 'ONR-E148');
    assert.equal(names.relayState('https://console.aws.amazon.com/s3/'), undefined);
  });
});

describe('managed policies', () => {
  test('short names resolve to the real ARN with its path', () => {
    assert.equal(awsManagedPolicyArn('AdministratorAccess'), 'arn:aws:iam::aws:policy/AdministratorAccess');
    assert.equal(
      awsManagedPolicyArn('ViewOnlyAccess'),
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    );
    assert.equal(awsManagedPolicyArn('Billing'), 'arn:aws:iam::aws:policy/job-function/Billing');
    assert.equal(
      awsManagedPolicyArn('AmplifyBackendDeployFullAccess'),
      'arn:aws:iam::aws:policy/service-role/AmplifyBackendDeployFullAccess',
    );
    assert.equal(
      awsManagedPolicyArn('AdministratorAccess-Amplify'),
      'arn:aws:iam::aws:policy/AdministratorAccess-Amplify',
    );
    assert.equal(awsManagedPolicyArn('toString'), undefined);
    assert.ok(AWS_MANAGED_POLICY_NAMES.length > 40);
  });

  test('local policies win, ARNs are checked, unknown names get suggestions', () => {
    assert.deepEqual(resolvePolicyRef('OrchesteraAccessPolicy', ['OrchesteraAccessPolicy']), {
      kind: 'blueprint',
      name: 'OrchesteraAccessPolicy',
    });
    assert.deepEqual(resolvePolicyRef('arn:aws:iam::123456789012:policy/team/P', []), {
      kind: 'customer',
      arn: 'arn:aws:iam::123456789012:policy/team/P',
      account: '123456789012',
    });
    const unknown = resolvePolicyRef('readonlyaccess', []);
    assert.ok('code' in unknown);
    assert.equal(unknown.hint, 'did you mean `ReadOnlyAccess`?');
    const near = resolvePolicyRef('AmplifyBackendDeploy', []);
    assert.ok('code' in near && near.hint?.includes('AmplifyBackendDeployFullAccess'));
    assert.equal(parsePolicyArn('arn:aws:iam::aws:policy/job-function/Billing')?.path, '/job-function/');
    assert.equal(checkRoleArn('arn:aws:iam::123456789012:role/a/b'), undefined);
  });
});

describe('edit distance', () => {
  test('transpositions count once; suggestions are ranked and bounded', () => {
    assert.equal(editDistance('Action', 'Actoin'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.deepEqual(suggest('managedPolicy', ['managedPolicies', 'inlinePolicies', 'path']), [
      'managedPolicies',
    ]);
    assert.equal(didYouMean('zzzz', ['managedPolicies']), undefined);
    assert.equal(didYouMean('grop', ['group', 'groups']), 'did you mean `group` or `groups`?');
  });
});

describe('reference syntax', () => {
  test('onramp references are found; IAM policy variables and $${ escapes are not', () => {
    const { refs, problems } = scanRefs(
      'arn:aws:iam::${accounts.a.id}:role/${aws:username}/$${x.y}/${params.p}',
    );
    assert.deepEqual(
      refs.map((r) => r.expr),
      ['accounts.a.id', 'params.p'],
    );
    assert.deepEqual(problems, []);
    assert.equal(hasRef('${*}'), false);
    assert.equal(wholeRef('${caller.arn}')?.expr, 'caller.arn');
    assert.equal(wholeRef('x${caller.arn}'), undefined);
  });

  test('malformed references are reported with suggestions', () => {
    assert.equal(scanRefs('${accounts.a.id').problems[0].code, 'ONR-E128');
    assert.equal(scanRefs('${parms.x}').problems[0].hint, 'did you mean `params`?');
    assert.equal(scanRefs('${a b}').problems[0].code, 'ONR-E128');
  });
});
