/**
 * ONR-L010 unknown service prefix, ONR-L011 unknown action, ONR-L015 ARN account field that is not an
 * account id (runbook placeholders such as `<account-id>` left in place).
 */
import { suggest } from '../../blueprint/index.js';
import { actionsOf, expandAction, servicePrefixes } from '../action-catalog.js';
import { q, type Rule } from './context.js';

const WILDCARD = /[*?]/;

const meanHint = (found: string[], fallback: string): string =>
  found.length ? `Did you mean ${found.join(' or ')}?` : fallback;

/** Prefixes close to a misspelt one, preferring those that have the action named after the colon. */
async function nearServices(service: string, name: string): Promise<string[]> {
  const near = suggest(service, await servicePrefixes());
  const lower = name.toLowerCase();
  const having: string[] = [];
  for (const s of near) {
    const actions = await actionsOf(s);
    if (actions?.some((a) => a.action.toLowerCase() === `${s}:${lower}`)) having.push(s);
  }
  return having.length > 0 ? having : near;
}

export const actionNamesRule: Rule = async (ctx) => {
  for (const st of ctx.statements) {
    for (const a of [...(st.action ?? []), ...(st.notAction ?? [])]) {
      const colon = a.value.indexOf(':');
      if (a.value === '*' || colon <= 0) continue;
      const service = a.value.slice(0, colon);
      const name = a.value.slice(colon + 1);
      if (WILDCARD.test(service)) continue;
      const actions = await actionsOf(service);
      if (!actions) {
        const near = await nearServices(service, name);
        ctx.report(
          'ONR-L010',
          a.path,
          `${st.name}: ${q(service)} in ${q(a.value)} is not an AWS service prefix`,
          {
            hint: meanHint(
              near.map((s) => `${s}:${name}`),
              'Use the service prefix from the Service Authorization Reference.',
            ),
          },
        );
        continue;
      }
      if (WILDCARD.test(name)) {
        if ((await expandAction(a.value))?.length === 0) {
          ctx.report(
            'ONR-L011',
            a.path,
            `${st.name}: ${q(a.value)} matches no action of the ${service} service`,
          );
        }
        continue;
      }
      const lower = a.value.toLowerCase();
      if (actions.some((x) => x.action.toLowerCase() === lower)) continue;
      const near = suggest(
        name,
        actions.map((x) => x.action.slice(x.action.indexOf(':') + 1)),
      );
      ctx.report('ONR-L011', a.path, `${st.name}: ${q(a.value)} is not an action of the ${service} service`, {
        hint: meanHint(
          near.map((n) => `${service}:${n}`),
          'Check the spelling against the Service Authorization Reference.',
        ),
      });
    }
  }
};

/** Empty (global services such as IAM use it for some resources), 12 digits, `aws`, a wildcard or a variable. */
const ACCOUNT_OK = /^(|\d{12}|aws)$|[*?]|\$\{/;

export const arnAccountRule: Rule = (ctx) => {
  for (const st of ctx.statements) {
    for (const r of [...(st.resource ?? []), ...(st.notResource ?? [])]) {
      const parts = r.value.split(':');
      if (parts[0] !== 'arn' || parts.length < 6) continue;
      const account = parts[4];
      if (ACCOUNT_OK.test(account)) continue;
      const placeholder = /^<.*>$/.test(account) ? ' (a placeholder left from a runbook?)' : '';
      ctx.report(
        'ONR-L015',
        r.path,
        `${st.name}: the account field of ${q(r.value)} is ${q(account)}, not a 12-digit account id${placeholder}`,
        { hint: `Replace ${account} with the 12-digit account id the ARN is meant for.` },
      );
    }
  }
};
