/**
 * Offline: from evaluator decisions to findings, without AWS. The SCP case lives here because the
 * sandbox has no SCPs: the request carries them, the evaluator decides at stage 'scp', and verify
 * reports ONR-D009.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelledPolicy, PolicyDocument } from '../policy/types.js';
import { diagnoseDenial, diagnoseExternalId, diagnoseSessionTrust, trustedPrincipals } from './diagnose.js';
import { type Actor, ASSUMED_ALLOW, evaluateAssume, principalContext, requestPrincipal } from './request.js';

const MEMBER = '222222222222';
const ROLE = `arn:aws:iam::${MEMBER}:role/deploy`;
const env = { secureTransport: true, now: Date.UTC(2026, 0, 1) };
const allowAssume: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
};
const trustAccount = (account: string): LabelledPolicy => ({
  id: `trust policy of ${ROLE}`,
  document: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
    ],
  },
});

function actor(over: Partial<Actor> = {}): Actor {
  const facts = {
    arn: `arn:aws:sts::${MEMBER}:assumed-role/ci/onramp-verify`,
    accountId: MEMBER,
    type: 'AssumedRole' as const,
    roleArn: `arn:aws:iam::${MEMBER}:role/ci`,
    uniqueId: 'AROAEXAMPLEEXAMPLE123',
    sessionName: 'onramp-verify',
    orgId: 'o-abcdefghij',
  };
  return {
    label: facts.arn,
    kind: 'role',
    principal: requestPrincipal(facts),
    policies: { identity: [{ id: 'role/ci inline policy assume', document: allowAssume }], unreadable: [] },
    context: principalContext(facts, env),
    ...over,
  };
}

const denial = (
  a: Actor,
  trust = trustAccount(MEMBER),
  sso?: { permissionSet: string; accountId: string },
) => {
  const decision = evaluateAssume(a, { arn: ROLE, trust }, { sessionName: 'onramp-verify' });
  return { decision, finding: decisionFinding(a, decision, trust, sso) };
};
function decisionFinding(
  a: Actor,
  decision: ReturnType<typeof evaluateAssume>,
  trust: LabelledPolicy,
  sso?: { permissionSet: string; accountId: string },
) {
  return decision.decision === 'Allow'
    ? undefined
    : diagnoseDenial({ pathId: 'p', actor: a, roleArn: ROLE, decision, trust: trust.document, sso });
}

describe('diagnoseDenial', () => {
  it('reports ONR-D009 when a service control policy level allows nothing (stage scp)', () => {
    const scp: LabelledPolicy = {
      id: 'SCP DenyStsOutsideEu (p-1234)',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', NotAction: 'sts:*', Resource: '*' }],
      },
    };
    const { decision, finding } = denial(actor({ scps: [[scp]] }));
    assert.equal(decision.stage, 'scp');
    assert.equal(finding?.code, 'ONR-D009');
    assert.equal(finding?.subject, `account ${MEMBER}`);
    assert.equal(finding?.evidence.accountId, MEMBER);
    assert.match(
      String(finding?.evidence.reason),
      /service control policies at level 1 \(SCP DenyStsOutsideEu/,
    );
    assert.match(finding?.fix.commands?.[0] ?? '', /list-policies-for-target --target-id 222222222222/);
  });

  it('reports ONR-D016 for an SCP Deny statement, naming it', () => {
    const scp: LabelledPolicy = {
      id: 'SCP NoAssume (p-9)',
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Sid: 'NoAssume', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' },
        ],
      },
    };
    const { finding } = denial(actor({ scps: [[scp]] }));
    assert.equal(finding?.code, 'ONR-D016');
    assert.equal(finding?.evidence.statement, "statement 'NoAssume' in SCP NoAssume (p-9)");
  });

  it('tells ONR-D004 (a permission set session) from ONR-D008 (anyone else) at stage identity', () => {
    const none = actor({ policies: { identity: [], unreadable: [] } });
    assert.equal(denial(none).finding?.code, 'ONR-D008');
    const sso = denial(none, trustAccount(MEMBER), {
      permissionSet: 'DataScientist',
      accountId: MEMBER,
    }).finding;
    assert.equal(sso?.code, 'ONR-D004');
    assert.deepEqual(sso?.evidence.allowedResources, []);
    assert.equal(sso?.subject, 'permission set DataScientist');
  });

  it('reports ONR-D017 for a boundary and ONR-D015 for a trust that names someone else', () => {
    const bounded = actor({
      policies: {
        identity: [{ id: 'p', document: allowAssume }],
        boundary: {
          id: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
          document: { Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] },
        },
        unreadable: [],
      },
    });
    assert.equal(denial(bounded).finding?.code, 'ONR-D017');
    const other = denial(actor(), trustAccount('333333333333')).finding;
    assert.equal(other?.code, 'ONR-D015');
    assert.deepEqual(other?.evidence.trusted, ['arn:aws:iam::333333333333:root']);
  });

  it('allows a vendor whose identity side is assumed, and only with the ExternalId when required', () => {
    const vendor = actor({
      label: 'vendor 017059471480',
      kind: 'vendor',
      policies: ASSUMED_ALLOW,
      assumedIdentity: true,
    });
    const vendorFacts = {
      ...vendor,
      principal: {
        arn: 'arn:aws:sts::017059471480:assumed-role/vendor-principal/x',
        accountId: '017059471480',
        roleArn: 'arn:aws:iam::017059471480:role/vendor-principal',
      },
    };
    const trust: LabelledPolicy = {
      id: 'trust',
      document: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::017059471480:root' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'abc' } },
          },
        ],
      },
    };
    const ask = (externalId?: string) =>
      evaluateAssume(vendorFacts, { arn: ROLE, trust }, { sessionName: 'x', externalId });
    assert.equal(ask('abc').decision, 'Allow');
    assert.equal(ask().decision, 'ImplicitDeny');
    assert.equal(
      diagnoseExternalId({
        pathId: 'p',
        roleArn: ROLE,
        vendorAccount: '017059471480',
        withoutId: ask(),
        wrongId: ask('x'),
      }),
      undefined,
    );
    const open: LabelledPolicy = {
      id: 'trust',
      document: {
        Statement: [{ Effect: 'Allow', Principal: { AWS: '017059471480' }, Action: 'sts:AssumeRole' }],
      },
    };
    const loose = (externalId?: string) =>
      evaluateAssume(vendorFacts, { arn: ROLE, trust: open }, { sessionName: 'x', externalId });
    const f = diagnoseExternalId({
      pathId: 'p',
      roleArn: ROLE,
      vendorAccount: '017059471480',
      withoutId: loose(),
      wrongId: loose('x'),
    });
    assert.equal(f?.code, 'ONR-D007');
    assert.deepEqual(f?.evidence.allowedWithout, ['no ExternalId', 'a wrong ExternalId']);
  });
});

describe('diagnoseSessionTrust and trustedPrincipals', () => {
  it('finds session ARNs in Principal and maps them to their role', () => {
    const doc: PolicyDocument = {
      Statement: [
        {
          Sid: 'Me',
          Effect: 'Allow',
          Principal: {
            AWS: ['arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice'],
          },
          Action: 'sts:AssumeRole',
        },
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    const [f, ...rest] = diagnoseSessionTrust(ROLE, doc, ['p']);
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'ONR-D005');
    assert.equal(
      f.evidence.sessionRoleArn,
      'arn:aws:iam::111111111111:role/AWSReservedSSO_Admin_0123456789abcdef',
    );
    assert.equal(f.evidence.statement, `statement 'Me' in trust policy of ${ROLE}`);
    assert.deepEqual(trustedPrincipals(doc), [
      'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice',
      'ec2.amazonaws.com',
    ]);
  });
});
