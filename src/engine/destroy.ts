/**
 * destroy: everything the blueprint owns, in reverse dependency order (assignments before their
 * permission sets, members before groups), waiting for asynchronous deletions. Accounts are closed
 * only when asked (`closeAccounts`): closing is final for 90 days.
 */
import type { ExecutionResult } from '../apply/action.js';
import type { AwsClients, AwsTarget } from '../aws/clients.js';
import type { Blueprint } from '../blueprint/types.js';
import { type ApplyOptions, applyPlan } from './apply-plan.js';
import { type BlueprintPlan, type PlanOptions, planBlueprint } from './plan-blueprint.js';

/** The plan that removes what `blueprint` owns. */
export function planDestroy(
  blueprint: Blueprint,
  target: AwsClients | AwsTarget,
  options: Omit<PlanOptions, 'destroy' | 'adopt'> = {},
): Promise<BlueprintPlan> {
  return planBlueprint(blueprint, target, { ...options, destroy: true });
}

export async function destroyBlueprint(
  blueprint: Blueprint,
  target: AwsClients | AwsTarget,
  options: Omit<PlanOptions, 'destroy' | 'adopt'> & ApplyOptions = {},
): Promise<{ planned: BlueprintPlan; result: ExecutionResult }> {
  const planned = await planDestroy(blueprint, target, options);
  return { planned, result: await applyPlan(planned, options) };
}
