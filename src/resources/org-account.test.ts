import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { applyPlan } from '../engine/apply-plan.js';
import { blueprintOf, FAST_WAITS } from '../engine/test-engine.js';
import { useSandbox } from '../sandbox/test-support.js';
import { applyOn, opsOn, planOn, type Rig } from './test-lifecycle.js';

// CreateAccount takes 200 ms and a new access role 300 ms to become assumable: the poller and the
// AssumeRole probe both have to do their job.
const sb = useSandbox({
  seed: 'org',
  accounts: 1,
  realism: {
    latencyMs: {
      createAccount: 200,
      createAccountAssignment: 0,
      deleteAccountAssignment: 0,
      provisionPermissionSet: 0,
    },
    propagationDelayMs: 300,
  },
});
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });
const org = () => new OrganizationsClient(sb.current.clientConfig());

const yaml = (opts: { key?: string; name?: string; email?: string; ou?: string; role?: boolean } = {}) => `
version: 1
name: accounts
accounts:
  ${opts.key ?? 'dev'}:
    create:
      name: ${opts.name ?? 'Dev'}
      email: ${opts.email ?? 'dev@example.com'}
      ${opts.ou ? `ou: ${opts.ou}` : ''}
    ${
      opts.role === false
        ? ''
        : `iam:
      roles:
        app:
          trust: { account: "\${accounts.${opts.key ?? 'dev'}.id}" }`
    }
`;

const idOf = (name: string) =>
  Object.values(sb.current.world.organizations.accounts).find((a) => a.Name === name)?.Id;

describe('AWS::Organizations::Account (sandbox)', () => {
  let ou = '';
  before(async () => {
    const roots = await org().send(new ListRootsCommand({}));
    const r = await org().send(
      new CreateOrganizationalUnitCommand({ ParentId: roots.Roots?.[0].Id, Name: 'Dev' }),
    );
    ou = r.OrganizationalUnit?.Id ?? '';
  });

  it('creates the account, waits for its access role, then creates IAM inside it; re-plan is empty', async () => {
    const bp = blueprintOf(yaml());
    const p = await planOn(rig(), bp);
    assert.deepEqual(
      p.plan.actions.map((a) => `${a.op} ${a.key}`),
      ['create account/dev', 'create iam/dev/role/app'],
    );
    assert.deepEqual(p.plan.actions[1].deps, ['account/dev']);
    await applyOn(rig(), bp);
    const id = idOf('Dev');
    assert.match(id ?? '', /^\d{12}$/);
    assert.ok(sb.current.world.accounts[id ?? '']?.iam.roles.app, 'role created in the new account');
    assert.deepEqual(await opsOn(rig(), bp), []);
  });

  it('moves it into an OU in place', async () => {
    const bp = blueprintOf(yaml({ ou }));
    assert.deepEqual(await opsOn(rig(), bp), ['update account/dev']);
    await applyOn(rig(), bp);
    assert.deepEqual(await opsOn(rig(), bp), []);
  });

  it('waits for a creation a killed run left in progress instead of asking again', async () => {
    // What a run killed right after CreateAccount leaves: a tagged request still in progress.
    await org().send(
      new CreateAccountCommand({
        AccountName: 'Stage',
        Email: 'stage@example.com',
        Tags: [{ Key: 'onramp:blueprint', Value: 'accounts' }],
      }),
    );
    const bp = blueprintOf(yaml({ key: 'stage', name: 'Stage', email: 'stage@example.com', role: false }));
    sb.current.resetCalls();
    await applyOn(rig(), bp);
    assert.equal(sb.current.calls().organizations?.CreateAccount ?? 0, 0);
    assert.ok(idOf('Stage'));
    assert.deepEqual(await opsOn(rig(), bp), []);
  });

  it('keeps owned accounts on destroy unless --close-accounts', async () => {
    const bp = blueprintOf(yaml({ ou }));
    const keep = await planOn(rig(), bp, { destroy: true });
    assert.deepEqual(keep.plan.kept, ['account/dev']);
    assert.deepEqual(
      keep.plan.actions.map((a) => `${a.op} ${a.key}`),
      ['delete iam/dev/role/app'],
    );
    const close = await planOn(rig(), bp, { destroy: true, closeAccounts: true });
    assert.ok(close.plan.actions.some((a) => a.op === 'delete' && a.key === 'account/dev'));
    assert.equal((await applyPlan(close, { waits: FAST_WAITS })).ok, true);
    const d = await org().send(new DescribeAccountCommand({ AccountId: idOf('Dev') }));
    assert.notEqual(d.Account?.Status, 'ACTIVE');
  });

  it('disappears: a closed account shows as to create, and AWS refuses its email again', async () => {
    const bp = blueprintOf(yaml({ key: 'qa', name: 'QA', email: 'qa@example.com', role: false }));
    await applyOn(rig(), bp);
    await org().send(new CloseAccountCommand({ AccountId: idOf('QA') }));
    assert.deepEqual(await opsOn(rig(), bp), ['create account/qa']);
    const result = await applyPlan(await planOn(rig(), bp), { waits: FAST_WAITS });
    assert.equal(result.ok, false);
    assert.equal(result.outcomes[0].error?.code, 'ONR-E204');
    assert.match(result.outcomes[0].error?.message ?? '', /EMAIL_ALREADY_EXISTS/);
  });

  it('refuses an existing unowned account, and adopts it with --adopt', async () => {
    const bp = blueprintOf(
      yaml({ key: 'm1', name: 'member-001', email: 'member-001@example.com', role: false }),
    );
    const refused = await planOn(rig(), bp);
    assert.equal(refused.plan.problems[0]?.code, 'ONR-E160');
    assert.equal(refused.plan.problems[0]?.resource, 'account/m1');
    await applyOn(rig(), bp, { adopt: ['account/m1'] });
    assert.deepEqual(await opsOn(rig(), bp), []);
    const kept = await planOn(rig(), bp, { destroy: true });
    assert.deepEqual(kept.plan.kept, ['account/m1']);
  });
});
