/**
 * Principals: ONR-L023 a foreign account may assume without sts:ExternalId, ONR-L024 Principal "*"
 * without conditions, ONR-L025 a foreign account root trusted with no conditions, ONR-L026 Action "*"
 * on Resource "*" in a policy handed to a third party.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
import { actionMatches } from '../../policy/index.js';
import type { StatementView } from '../statements.js';
import { hasConditions, isObject } from '../statements.js';
import type { AccountContext, DocPath } from '../types.js';
import { q, type Rule } from './context.js';

export interface PrincipalRef {
  value: string;
  path: DocPath;
  type: string;
  account?: string;
  /** The account itself (`123456789012` or `arn:…:root`): every principal the account allows. */
  root: boolean;
  public: boolean;
}

const ARN = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):(.+)$/;

/** The principals of a statement's Principal element, each with its path. */
export function principalRefs(st: StatementView): PrincipalRef[] {
  const base: DocPath = [...st.path, 'Principal'];
  const p = st.principal;
  if (p === '*') return [{ value: '*', path: base, type: 'AWS', root: false, public: true }];
  if (!isObject(p)) return [];
  return Object.entries(p).flatMap(([type, v]) => {
    const list = typeof v === 'string' ? [{ value: v, path: [...base, type] }] : [];
    if (Array.isArray(v)) {
      v.forEach((value, i) => {
        if (typeof value === 'string') list.push({ value, path: [...base, type, i] });
      });
    }
    return list.map(({ value, path }): PrincipalRef => {
      if (type !== 'AWS') return { value, path, type, root: false, public: false };
      if (value === '*') return { value, path, type, root: false, public: true };
      if (/^\d{12}$/.test(value)) return { value, path, type, account: value, root: true, public: false };
      const m = ARN.exec(value);
      return m
        ? { value, path, type, account: m[1], root: m[2] === 'root', public: false }
        : { value, path, type, root: false, public: false };
    });
  });
}

/** Foreign: an account that is not ours (see {@link AccountContext} for what counts without --account). */
export function isForeign(ref: PrincipalRef, accounts: AccountContext): boolean {
  if (!ref.account || accounts.own.has(ref.account)) return false;
  return accounts.strict || ref.root;
}

function allowsAssumeRole(st: StatementView): boolean {
  if (st.action) return st.action.some((a) => actionMatches(a.value, 'sts:AssumeRole'));
  return !!st.notAction && !st.notAction.some((a) => actionMatches(a.value, 'sts:AssumeRole'));
}

function hasExternalId(st: StatementView): boolean {
  return Object.values(st.condition ?? {}).some((block) =>
    Object.keys(block).some((k) => k.toLowerCase() === 'sts:externalid'),
  );
}

const named = (ref: PrincipalRef): string =>
  ref.value === ref.account ? `account ${ref.account}` : `account ${ref.account} (${ref.value})`;

export const principalsRule: Rule = (ctx) => {
  // Principals in an identity policy are a grammar error (ONR-L002), not a grant to judge.
  if (ctx.unit.kind !== 'trust' && ctx.unit.kind !== 'resource') return;
  for (const st of ctx.statements) {
    if (st.effect !== 'Allow') continue;
    const conditioned = hasConditions(st);
    for (const ref of principalRefs(st)) {
      if (ref.public && !conditioned) {
        ctx.report(
          'ONR-L024',
          ref.path,
          `${st.name} allows Principal ${q(ref.value)} (anyone) with no conditions`,
        );
        continue;
      }
      if (!isForeign(ref, ctx.unit.accounts)) continue;
      if (allowsAssumeRole(st) && !hasExternalId(st)) {
        ctx.report(
          'ONR-L023',
          ref.path,
          `${st.name} lets ${named(ref)} assume the role without an sts:ExternalId condition`,
        );
      }
      if (ref.root && !conditioned) {
        ctx.report(
          'ONR-L025',
          ref.path,
          `${st.name} trusts every principal of ${named(ref)} with no conditions`,
        );
      }
    }
  }
};

export const thirdPartyAdminRule: Rule = (ctx) => {
  if (!ctx.unit.thirdParty || ctx.unit.kind !== 'identity') return;
  for (const st of ctx.statements) {
    if (st.effect !== 'Allow') continue;
    const all = st.action?.find((a) => a.value === '*');
    if (all && st.resource?.some((r) => r.value === '*')) {
      ctx.report(
        'ONR-L026',
        all.path,
        `${st.name} grants Action "*" on Resource "*" (administrator access) in a policy a third party uses`,
      );
    }
  }
};
