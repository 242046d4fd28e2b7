/**
 * ONR-L020 wildcards over sensitive services, ONR-L021 write/permissions-management actions on
 * Resource "*", ONR-L030/L031 Allow with NotAction/NotResource.
 */
import { accessClass, expandAction } from '../action-catalog.js';
import { q, type Rule } from './context.js';

/** Services whose every action touches identities, credentials or the organization. */
const SENSITIVE = new Set(['iam:*', 'sts:*', 'organizations:*']);

/** True when ONR-L020 reports the action (so ONR-L021 need not repeat it). */
export const isSensitiveWildcard = (action: string): boolean =>
  action === '*' || SENSITIVE.has(action.toLowerCase());

export const sensitiveWildcardRule: Rule = (ctx) => {
  for (const st of ctx.statements) {
    if (st.effect !== 'Allow') continue;
    for (const a of st.action ?? []) {
      if (!isSensitiveWildcard(a.value)) continue;
      const what =
        a.value === '*' ? 'every action of every service' : `every action of ${a.value.split(':')[0]}`;
      ctx.report('ONR-L020', a.path, `${st.name} allows ${q(a.value)}: ${what}`);
    }
  }
};

const SHOWN = 5;

export const writeOnAllResourcesRule: Rule = async (ctx) => {
  if (ctx.unit.kind !== 'identity') return;
  for (const st of ctx.statements) {
    const star = st.resource?.find((r) => r.value === '*');
    if (st.effect !== 'Allow' || !star) continue;
    const counts = { permissions: new Set<string>(), write: new Set<string>() };
    const named: string[] = [];
    const patterns: string[] = [];
    for (const a of st.action ?? []) {
      if (isSensitiveWildcard(a.value)) continue;
      // Actions that accept only "*" cannot be narrowed, so "*" is not a finding for them.
      const hits = ((await expandAction(a.value)) ?? []).filter(
        (i) => !i.wildcardOnly && accessClass(i) !== 'other',
      );
      for (const i of hits) counts[accessClass(i) as 'permissions' | 'write'].add(i.action);
      if (hits.length === 0) continue;
      if (/[*?]/.test(a.value)) patterns.push(`${q(a.value)} (${hits.length})`);
      else if (!named.includes(hits[0].action)) named.push(hits[0].action);
    }
    const total = counts.permissions.size + counts.write.size;
    if (total === 0) continue;
    const kinds = [
      counts.permissions.size ? `${counts.permissions.size} permissions-management` : '',
      counts.write.size ? `${counts.write.size} write` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    const rank = (x: string) => (counts.permissions.has(x) ? 0 : 1);
    named.sort((x, y) => rank(x) - rank(y) || x.localeCompare(y));
    const shown = [
      ...named.slice(0, SHOWN),
      ...(named.length > SHOWN ? [`${named.length - SHOWN} more`] : []),
      ...patterns,
    ].join(', ');
    ctx.report(
      'ONR-L021',
      star.path,
      `${st.name} allows ${kinds} action${total === 1 ? '' : 's'} on Resource "*": ${shown}`,
    );
  }
};

export const allowNotRule: Rule = (ctx) => {
  for (const st of ctx.statements) {
    if (st.effect !== 'Allow') continue;
    if (st.notAction) {
      ctx.report(
        'ONR-L030',
        [...st.path, 'NotAction'],
        `${st.name} is an Allow with NotAction: it grants every other action`,
        { at: 'key' },
      );
    }
    if (st.notResource) {
      ctx.report(
        'ONR-L031',
        [...st.path, 'NotResource'],
        `${st.name} is an Allow with NotResource: it grants the actions on every other resource`,
        { at: 'key' },
      );
    }
  }
};
