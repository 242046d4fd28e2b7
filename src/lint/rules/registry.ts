/** Every policy rule, in the order findings are produced. */
import { conditionsRule } from './conditions.js';
import type { Rule } from './context.js';
import { escalationRule } from './escalation.js';
import { grammarRule, versionRule } from './grammar.js';
import { actionNamesRule, arnAccountRule } from './names.js';
import { redundancyRule } from './redundancy.js';
import { styleRule } from './style.js';
import { principalsRule, thirdPartyAdminRule } from './trust.js';
import { allowNotRule, sensitiveWildcardRule, writeOnAllResourcesRule } from './wildcards.js';

export type { Rule, RuleContext } from './context.js';
export { ruleContext } from './context.js';

export const POLICY_RULES: readonly Rule[] = [
  grammarRule,
  actionNamesRule,
  arnAccountRule,
  conditionsRule,
  sensitiveWildcardRule,
  writeOnAllResourcesRule,
  escalationRule,
  principalsRule,
  thirdPartyAdminRule,
  allowNotRule,
  redundancyRule,
  versionRule,
  styleRule,
];
