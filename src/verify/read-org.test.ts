/**
 * SCPs as verify reads them, against a stub Organizations API (the sandbox has no SCPs): the levels
 * root → OU → account, and what the evaluator then decides with them (ONR-D009 offline).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AwsClients } from '../aws/clients.js';
import { diagnoseDenial } from './diagnose.js';
import { readScps } from './read-org.js';
import { type Actor, evaluateAssume, principalContext, requestPrincipal } from './request.js';

const MEMBER = '222222222222';
const ORG = {
  id: 'o-abcdefghij',
  managementAccount: '111111111111',
  accounts: [{ id: MEMBER, name: 'm', email: 'm@x', status: 'ACTIVE' }],
};
const FULL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
const NO_STS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', NotAction: 'sts:*', Resource: '*' }],
});

/** Answers by command name; records the calls. */
function stub(answers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const calls: string[] = [];
  const client = {
    send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const op = cmd.constructor.name.replace(/Command$/, '');
      calls.push(`${op} ${JSON.stringify(cmd.input)}`);
      const answer = answers[op];
      if (!answer) throw Object.assign(new Error(`no ${op}`), { name: 'AccessDeniedException' });
      return answer(cmd.input);
    },
  };
  const ctx = { call: (_s: string, _op: string, fn: (c: typeof client) => Promise<unknown>) => fn(client) };
  return { ctx: ctx as unknown as AwsClients, calls };
}

const orgApi = {
  ListParents: (i: Record<string, unknown>) =>
    i.ChildId === MEMBER
      ? { Parents: [{ Id: 'ou-ab12-cdefghij', Type: 'ORGANIZATIONAL_UNIT' }] }
      : { Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] },
  ListPoliciesForTarget: (i: Record<string, unknown>) => ({
    Policies:
      i.TargetId === 'ou-ab12-cdefghij'
        ? [{ Id: 'p-nosts', Name: 'NoSts' }]
        : [{ Id: 'p-FullAWSAccess', Name: 'FullAWSAccess' }],
  }),
  DescribePolicy: (i: Record<string, unknown>) => ({
    Policy: { Content: i.PolicyId === 'p-nosts' ? NO_STS : FULL },
  }),
};

describe('readScps', () => {
  it('reads one level per target from the root down to the account', async () => {
    const { ctx } = stub(orgApi);
    const r = await readScps(ctx, MEMBER, ORG);
    assert.ok('levels' in r);
    assert.deepEqual(
      r.levels.map((l) => l.map((p) => p.id)),
      [
        ['SCP FullAWSAccess (p-FullAWSAccess)'],
        ['SCP NoSts (p-nosts)'],
        ['SCP FullAWSAccess (p-FullAWSAccess)'],
      ],
    );
  });

  it('never applies SCPs to the management account, and says why when they cannot be listed', async () => {
    const { ctx, calls } = stub(orgApi);
    assert.deepEqual(await readScps(ctx, '111111111111', ORG), { levels: [] });
    assert.deepEqual(calls, []);
    const denied = await readScps(stub({}).ctx, MEMBER, ORG);
    assert.ok('reason' in denied && /AccessDeniedException/.test(denied.reason));
  });

  it('feeds the evaluator: an OU whose SCP allows no sts action denies at stage scp (ONR-D009)', async () => {
    const r = await readScps(stub(orgApi).ctx, MEMBER, ORG);
    assert.ok('levels' in r);
    const facts = {
      arn: `arn:aws:iam::${MEMBER}:user/dev`,
      accountId: MEMBER,
      type: 'User' as const,
      userName: 'dev',
    };
    const actor: Actor = {
      label: facts.arn,
      kind: 'user',
      principal: requestPrincipal(facts),
      policies: { identity: [{ id: 'admin', document: JSON.parse(FULL) }], unreadable: [] },
      context: principalContext(facts, { secureTransport: true, now: 0 }),
      scps: r.levels,
    };
    const roleArn = `arn:aws:iam::${MEMBER}:role/x`;
    const trust = {
      id: 't',
      document: {
        Statement: [{ Effect: 'Allow' as const, Principal: { AWS: MEMBER }, Action: 'sts:AssumeRole' }],
      },
    };
    const decision = evaluateAssume(actor, { arn: roleArn, trust }, { sessionName: 's' });
    assert.equal(decision.stage, 'scp');
    const f = diagnoseDenial({ pathId: 'p', actor, roleArn, decision, trust: trust.document });
    assert.equal(f.code, 'ONR-D009');
    assert.match(String(f.evidence.reason), /level 2 \(SCP NoSts \(p-nosts\)\)/);
  });
});
