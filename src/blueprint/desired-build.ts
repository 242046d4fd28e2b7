/**
 * Per-kind builders for the desired graph: each blueprint entity becomes one or more resources whose
 * props mirror the AWS API's own fields, with references resolved or deferred.
 */
import { OnrampError } from '../core/errors.js';
import type { PolicyDocument } from '../policy/types.js';
import { E } from './codes.js';
import { type Evaluator, formatDeferred, isDeferred } from './evaluate.js';
import { isProblem, resolvePolicyRef } from './managed-policies.js';
import { buildTrustPolicy } from './trust.js';
import type { Blueprint, DesiredResource, Resolvable, ResolvedValues, Str, Tags } from './types.js';
import { ORGANIZATION } from './types.js';

/** A resource before dependencies are attached, with the entity it came from. */
export type Draft = Omit<DesiredResource, 'deps'> & { entity: string; extraDeps?: string[] };

export interface BuildContext {
  bp: Blueprint;
  ev: Evaluator;
  resolved: ResolvedValues;
}

export const OWNER_TAG = 'onramp:blueprint';

const accountRef = (key: string) => `\${accounts.${key}.id}`;

/** A string that must be known before planning (names, emails). */
function known(ctx: BuildContext, value: string, where: string): string {
  const v = ctx.ev.string(value);
  if (!isDeferred(v)) return v;
  throw new OnrampError(E.missingParam, `${where}: needs a value before planning, got ${formatDeferred(v)}`);
}

const doc = (ctx: BuildContext, d: unknown) => ctx.ev.deep(d) as Resolvable<PolicyDocument>;
const tags = (ctx: BuildContext, t: Record<string, string> = {}): Tags => ({
  ...(ctx.ev.deep(t) as Tags),
  [OWNER_TAG]: ctx.bp.name,
});

function policyArns(ctx: BuildContext, acct: string | undefined, list: readonly string[]): Str[] {
  const local = acct ? Object.keys(ctx.bp.accounts[acct]?.iam?.policies ?? {}) : [];
  return list.map((p) => {
    if (p.includes('${')) return ctx.ev.string(p);
    const ref = resolvePolicyRef(p, local);
    if (isProblem(ref)) throw new OnrampError(ref.code, ref.message, { hint: ref.hint });
    if (ref.kind !== 'blueprint') return ref.arn;
    const path = ctx.bp.accounts[acct ?? '']?.iam?.policies[ref.name]?.path ?? '/';
    return ctx.ev.string(`arn:aws:iam::${accountRef(acct ?? '')}:policy${path}${ref.name}`);
  });
}

export function accountDrafts(ctx: BuildContext): Draft[] {
  const out: Draft[] = [];
  for (const [key, account] of Object.entries(ctx.bp.accounts)) {
    const iam = account.iam;
    const accountId = ctx.ev.string(accountRef(key));
    const base = { account: key, accountId };
    if (account.create) {
      const c = account.create;
      out.push({
        kind: 'AWS::Organizations::Account',
        key: `account/${key}`,
        account: ORGANIZATION,
        entity: `accounts.${key}`,
        origin: `accounts.${key}`,
        props: {
          accountName: known(ctx, c.name, `accounts.${key}.create.name`),
          email: known(ctx, c.email, `accounts.${key}.create.email`),
          ...(c.ou ? { parentId: c.ou } : {}),
          accessRoleName: c.accessRole,
          tags: tags(ctx),
        },
      });
    }
    if (!iam) continue;
    for (const [name, p] of Object.entries(iam.policies)) {
      out.push({
        ...base,
        kind: 'AWS::IAM::ManagedPolicy',
        key: `iam/${key}/policy/${name}`,
        entity: `iam.${key}.policies.${name}`,
        origin: `accounts.${key}.iam.policies.${name}`,
        props: {
          policyName: name,
          path: p.path,
          ...(p.description === undefined ? {} : { description: ctx.ev.string(p.description) }),
          policyDocument: doc(ctx, p.document),
          tags: tags(ctx, p.tags),
        },
      });
    }
    for (const [name, r] of Object.entries(iam.roles)) {
      const trust = buildTrustPolicy(r.trust, {
        roleAccount: accountRef(key),
        permissionSetName: (k) => ctx.bp.identityCenter.permissionSets[k]?.name ?? k,
        rolePath: (a, n) => ctx.bp.accounts[a]?.iam?.roles[n]?.path,
      });
      out.push({
        ...base,
        kind: 'AWS::IAM::Role',
        key: `iam/${key}/role/${name}`,
        entity: `iam.${key}.roles.${name}`,
        origin: `accounts.${key}.iam.roles.${name}`,
        props: {
          roleName: name,
          path: r.path,
          ...(r.description === undefined ? {} : { description: ctx.ev.string(r.description) }),
          maxSessionDuration: r.maxSessionDuration,
          assumeRolePolicyDocument: doc(ctx, trust),
          managedPolicyArns: policyArns(ctx, key, r.managedPolicies),
          inlinePolicies: Object.fromEntries(
            Object.entries(r.inlinePolicies).map(([n, d]) => [n, doc(ctx, d)]),
          ),
          ...(r.permissionsBoundary === undefined
            ? {}
            : { permissionsBoundary: policyArns(ctx, key, [r.permissionsBoundary])[0] }),
          tags: tags(ctx, r.tags),
        },
      });
    }
    for (const [name, g] of Object.entries(iam.groups)) {
      const groupKey = `iam/${key}/group/${name}`;
      const origin = `accounts.${key}.iam.groups.${name}`;
      const entity = `iam.${key}.groups.${name}`;
      out.push({
        ...base,
        kind: 'AWS::IAM::Group',
        key: groupKey,
        entity,
        origin,
        props: {
          groupName: name,
          path: g.path,
          managedPolicyArns: policyArns(ctx, key, g.managedPolicies),
          inlinePolicies: Object.fromEntries(
            Object.entries(g.inlinePolicies).map(([n, d]) => [n, doc(ctx, d)]),
          ),
        },
      });
      if (g.members.length > 0) {
        out.push({
          ...base,
          kind: 'AWS::IAM::UserToGroupAddition',
          key: `${groupKey}/users`,
          entity,
          origin: `${origin}.members`,
          extraDeps: [groupKey],
          props: { groupName: name, users: [...g.members].sort() },
        });
      }
    }
  }
  return out;
}
