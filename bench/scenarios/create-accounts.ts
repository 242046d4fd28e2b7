/**
 * create-accounts: `onramp apply` of 12 new member accounts, each with one IAM role, under AWS's
 * Organizations quotas (CreateAccount 0.1/s burst 3, at most 5 creations in progress, 90 s each)
 * and IAM propagation, time-scaled. The role in a new account can only be created once its
 * OrganizationAccountAccessRole is assumable, so the floor is the plan's reads, then the account
 * creations' schedule, then the propagation delay after the last of them.
 */
import { requireValid } from '../../src/blueprint/load.js';
import { validateBlueprint } from '../../src/blueprint/validate.js';
import { applyPlan } from '../../src/engine/apply-plan.js';
import { planBlueprint } from '../../src/engine/plan-blueprint.js';
import { admitted, asyncBinding, type Calls, delayBinding, floorOf, quotaBindings } from '../floor.js';
import { RemoteSandbox } from '../remote-sandbox.js';
import { describeCalls, diffCalls, log, totalOf } from '../support.js';
import type { ScenarioResult } from '../types.js';
import { failuresOf, measure } from './engine-run.js';

const ACCOUNTS = 12;
const ROLE = 'BenchDeployRole';
/** The floor is ~5 min of AWS time. */
const TIME_SCALE = { quick: 0.02, full: 0.1 };

const key = (i: number) => `new${String(i).padStart(2, '0')}`;

function blueprint() {
  const accounts: Record<string, unknown> = {};
  for (let i = 1; i <= ACCOUNTS; i++) {
    accounts[key(i)] = {
      create: { name: `Bench New ${i}`, email: `bench-new-${i}@example.com` },
      iam: {
        roles: {
          [ROLE]: {
            description: 'deploys from the management account',
            trust: { account: `\${caller.account}` },
            managedPolicies: ['ReadOnlyAccess'],
          },
        },
      },
    };
  }
  return requireValid(
    validateBlueprint({ object: { version: 1, name: 'bench-accounts', accounts }, file: 'bench-accounts' }),
  );
}

export async function createAccounts(quick: boolean): Promise<ScenarioResult> {
  const timeScale = quick ? TIME_SCALE.quick : TIME_SCALE.full;
  const sb = await RemoteSandbox.start({ seed: 'org', accounts: 3 });
  try {
    const bp = blueprint();
    const config = await sb.send('realistic', { timeScale });
    const before = new Set((await sb.send('census')).accounts.map((a) => a.id));
    let planCalls: Calls = {};
    let planThrottled: Calls = {};
    const m = await measure(sb, timeScale, async (aws, waits, mark) => {
      const planned = await planBlueprint(bp, aws);
      ({ calls: planCalls, throttled: planThrottled } = await mark());
      log(`planned ${planned.plan.actions.length} actions; applying…`);
      return applyPlan(planned, { waits });
    });
    const failed = failuresOf(m.value);
    const created = (await sb.send('census')).accounts.filter((a) => !before.has(a.id));
    const problems: string[] = [];
    if (created.length !== ACCOUNTS) problems.push(`${created.length} accounts created of ${ACCOUNTS}`);
    const roleless = created.filter((a) => !a.roles.includes(ROLE));
    if (roleless.length > 0) problems.push(`${roleless.length} new accounts have no ${ROLE}`);
    const applyCalls = diffCalls(m.calls, planCalls);
    const floor = floorOf([
      { name: 'plan', bindings: quotaBindings(config, admitted(planCalls, planThrottled)) },
      {
        name: 'account creation',
        bindings: [
          ...quotaBindings(config, admitted(applyCalls, diffCalls(m.throttled, planThrottled))),
          asyncBinding(
            config,
            'CreateAccount completion',
            ACCOUNTS,
            config.maxAccountCreationsInProgress,
            'createAccount',
            'organizations-create-account',
          ),
        ],
      },
      {
        name: 'role in the last account',
        bindings: [
          delayBinding(
            config,
            "IAM propagation of the last new account's access role",
            config.propagationDelayMs,
          ),
        ],
      },
    ]);
    log(`create-accounts: ${(m.wallMs / 1000).toFixed(2)} s, floor ${(floor.ms / 1000).toFixed(2)} s`);
    return {
      scenario: 'create-accounts',
      calls: m.calls,
      figures: {
        'time scale': timeScale,
        'accounts created': created.length,
        'calls total': totalOf(m.calls),
        'onramp CPU during plan+apply ms': m.cpuMs,
        'sandbox CPU meanwhile ms': m.sandboxCpuMs,
        'client throttles absorbed': m.clientThrottles,
        'client retries': m.retries,
      },
      ratio: m.wallMs / floor.ms,
      ratioOf: 'wall of plan + apply / quota floor (plan, CreateAccount schedule, propagation)',
      target: 1.15,
      failures: failed.count + problems.length,
      throttles: totalOf(m.throttled),
      wallMs: m.wallMs,
      floorMs: floor.ms,
      binding: floor.binding,
      notes: [
        `${ACCOUNTS} new accounts with ${ROLE} each; time scale ${timeScale}`,
        ...floor.lines,
        ...describeCalls(m.calls),
        ...failed.first.map((f) => `failed: ${f}`),
        ...problems,
      ],
    };
  } finally {
    await sb.stop();
  }
}
