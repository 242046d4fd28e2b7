/**
 * Identity Center part of the desired graph: Identity Store users, groups and memberships,
 * permission sets, and one assignment per (permission set, principal, account).
 */
import { OnrampError } from '../core/errors.js';
import type { PolicyDocument } from '../policy/types.js';
import { type BuildContext, type Draft, OWNER_TAG } from './desired-build.js';
import { isProblem, resolvePolicyRef } from './managed-policies.js';
import type { Deferred, Resolvable, Str } from './types.js';
import { ORGANIZATION } from './types.js';

const userKey = (userName: string) => `identitystore/user/${userName}`;
const groupKey = (displayName: string) => `identitystore/group/${displayName}`;
const psKey = (name: string) => `sso/permission-set/${name}`;

export function identityCenterDrafts(ctx: BuildContext): Draft[] {
  const ic = ctx.bp.identityCenter;
  const out: Draft[] = [];
  const org = { account: ORGANIZATION } as const;
  for (const [key, u] of Object.entries(ic.users)) {
    out.push({
      ...org,
      kind: 'AWS::IdentityStore::User',
      key: userKey(u.userName),
      entity: `identityCenter.users.${key}`,
      origin: `identityCenter.users.${key}`,
      props: {
        userName: u.userName,
        displayName: u.displayName,
        name: { givenName: u.givenName, familyName: u.familyName },
        emails: u.email ? [{ value: u.email, type: 'work', primary: true }] : [],
      },
    });
  }
  for (const [key, g] of Object.entries(ic.groups)) {
    const entity = `identityCenter.groups.${key}`;
    out.push({
      ...org,
      kind: 'AWS::IdentityStore::Group',
      key: groupKey(g.displayName),
      entity,
      origin: entity,
      props: { displayName: g.displayName, ...(g.description ? { description: g.description } : {}) },
    });
    for (const member of [...new Set(g.members)].sort()) {
      const user = ic.users[member];
      out.push({
        ...org,
        kind: 'AWS::IdentityStore::GroupMembership',
        key: `${groupKey(g.displayName)}/member/${user.userName}`,
        entity,
        origin: `${entity}.members`,
        extraDeps: [groupKey(g.displayName), userKey(user.userName)],
        props: { groupDisplayName: g.displayName, userName: user.userName },
      });
    }
  }
  for (const [key, p] of Object.entries(ic.permissionSets)) {
    out.push({
      ...org,
      kind: 'AWS::SSO::PermissionSet',
      key: psKey(p.name),
      entity: `identityCenter.permissionSets.${key}`,
      origin: `identityCenter.permissionSets.${key}`,
      props: {
        name: p.name,
        ...(p.description ? { description: p.description } : {}),
        sessionDuration: p.sessionDuration,
        ...(p.relayState ? { relayState: p.relayState } : {}),
        managedPolicyArns: p.managedPolicies.map((m) => {
          const ref = resolvePolicyRef(m, []);
          if (isProblem(ref)) throw new OnrampError(ref.code, ref.message, { hint: ref.hint });
          return ref.kind === 'blueprint' ? m : ref.arn;
        }),
        customerManagedPolicies: p.customerManagedPolicies.map((c) => ({ name: c.name, path: c.path })),
        ...(p.inlinePolicy
          ? { inlinePolicy: ctx.ev.deep(p.inlinePolicy) as Resolvable<PolicyDocument> }
          : {}),
        tags: { ...(ctx.ev.deep(p.tags) as Record<string, Str>), [OWNER_TAG]: ctx.bp.name },
      },
    });
  }
  ic.assignments.forEach((a, i) => {
    const ps = ic.permissionSets[a.permissionSet];
    const principalType = a.principal.user !== undefined ? 'USER' : 'GROUP';
    const principalName =
      a.principal.user !== undefined
        ? ic.users[a.principal.user].userName
        : ic.groups[a.principal.group ?? ''].displayName;
    const principalKey = principalType === 'USER' ? userKey(principalName) : groupKey(principalName);
    for (const target of targets(ctx, a.accounts)) {
      out.push({
        ...org,
        kind: 'AWS::SSO::Assignment',
        key: `sso/assignment/${ps.name}/${principalType}/${principalName}/${target.label}`,
        entity: `identityCenter.assignments.${i}`,
        origin: `identityCenter.assignments[${i}]`,
        extraDeps: [psKey(ps.name), principalKey],
        props: {
          permissionSetName: ps.name,
          principalType,
          principalName,
          targetType: 'AWS_ACCOUNT',
          targetId: target.id,
        },
      });
    }
  });
  return out;
}

/** Assignment targets: account keys, ids or references; an OU expands when its accounts are known. */
function targets(ctx: BuildContext, accounts: string[] | { ou: string }): { label: string; id: Str }[] {
  if (!Array.isArray(accounts)) {
    const ref = `organization.ous.${accounts.ou}.accounts`;
    const known = ctx.resolved[ref];
    if (Array.isArray(known)) return [...known].sort().map((id) => ({ label: id, id }));
    const deferred: Deferred = { kind: 'deferred', template: `\${${ref}}`, refs: [ref], when: 'plan' };
    return [{ label: `ou:${accounts.ou}`, id: deferred }];
  }
  return accounts.map((a) => {
    if (Object.hasOwn(ctx.bp.accounts, a)) return { label: a, id: ctx.ev.string(`\${accounts.${a}.id}`) };
    const id = ctx.ev.string(a);
    return { label: typeof id === 'string' ? id : a, id };
  });
}
