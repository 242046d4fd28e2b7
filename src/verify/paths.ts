/**
 * The access paths a blueprint implies, derived from its desired graph (pure): Identity Center
 * assignments, every trust statement of every role, roles a permission set's policy lets its
 * sessions assume, and the management account's way into each member account.
 */
import { isDeferred } from '../blueprint/evaluate.js';
import type { Blueprint, DesiredResource, RoleProps } from '../blueprint/types.js';
import { actionMatches } from '../policy/match.js';
import { normaliseList, statementsOf } from '../policy/normalise.js';
import type { PolicyDocument, Statement } from '../policy/types.js';
import type { AccessPath, PathKind, PrincipalRef, TargetRef } from './types.js';

export interface PathInput {
  blueprint: Blueprint;
  desired: readonly DesiredResource[];
  /** The caller's stable ARN (a role for sessions, see blueprint callerPrincipal) and account. */
  caller: { arn: string; account: string };
  /** The organization's management account, when known. */
  managementAccount?: string;
  /** Blueprint account key → account id, for the accounts whose id is known. */
  accountIds: Readonly<Record<string, string>>;
  partition?: string;
}

const ROLE_ARN = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?[\w+=,.@-]+$/;
const ROOT = /^(?:arn:[\w-]+:iam::(\d{12}):root|(\d{12}))$/;
const SSO_ROLE_PATTERN =
  /^arn:[\w-]+:iam::(\d{12}):role\/aws-reserved\/sso\.amazonaws\.com\/(?:\*\/)?AWSReservedSSO_(.+)_\*$/;

/** A label for people: who. */
export function principalLabel(p: PrincipalRef, callerArn?: string): string {
  switch (p.kind) {
    case 'caller':
      return callerArn ? `caller ${callerArn}` : 'caller';
    case 'vendor':
      return `vendor ${p.account}`;
    case 'account':
      return `account ${p.account}`;
    case 'role':
    case 'user':
      return p.arn;
    case 'sso-role':
      return `sso ${p.permissionSet}@${p.accountId}`;
    case 'idc':
      return `${p.principalType === 'USER' ? 'user' : 'group'} ${p.name}`;
  }
}

/** A label for people: what. */
export function targetLabel(t: TargetRef): string {
  return t.kind === 'role' ? t.arn : `${t.permissionSet}@${t.accountId}`;
}

const concrete = (v: unknown): v is string => typeof v === 'string' && !v.includes('${') && !isDeferred(v);

function make(
  kind: PathKind,
  principal: PrincipalRef,
  target: TargetRef,
  origin: string,
  extra: Partial<AccessPath> = {},
): AccessPath {
  const id = `${kind}:${principalLabel(principal)}->${targetLabel(target)}`;
  return { id, kind, principal, target, origin, ...extra };
}

function allowsAssume(st: Statement): boolean {
  if (st.Effect !== 'Allow' || st.Action === undefined) return false;
  return normaliseList(st.Action).some((a) => actionMatches(a, 'sts:AssumeRole'));
}

/** Values of a condition key under any operator (key names are case-insensitive). */
function conditionValues(st: Statement, key: string): string[] {
  const out: string[] = [];
  for (const block of Object.values(st.Condition ?? {})) {
    for (const [k, v] of Object.entries(block)) {
      if (k.toLowerCase() === key.toLowerCase())
        out.push(...normaliseList(v as string | string[]).map(String));
    }
  }
  return out;
}

/** The vendors (and whether they may come without an ExternalId) a role's trust spec names. */
function thirdParties(bp: Blueprint, account: string, roleName: string): Map<string, boolean> {
  const trust = bp.accounts[account]?.iam?.roles[roleName]?.trust;
  const entries = trust === undefined ? [] : Array.isArray(trust) ? trust : [trust];
  const out = new Map<string, boolean>();
  for (const e of entries) {
    if (e.thirdParty) out.set(e.thirdParty.account, e.thirdParty.allowWithoutExternalId === true);
  }
  return out;
}

function rolePaths(input: PathInput, r: DesiredResource & { kind: 'AWS::IAM::Role' }): AccessPath[] {
  const props: RoleProps = r.props;
  if (!concrete(r.accountId)) return [];
  const arn = `arn:${input.partition ?? 'aws'}:iam::${r.accountId}:role${props.path}${props.roleName}`;
  const target: TargetRef = { kind: 'role', arn, declared: r.key };
  const vendors = thirdParties(input.blueprint, r.account, props.roleName);
  const out: AccessPath[] = [];
  const doc = props.assumeRolePolicyDocument as PolicyDocument;
  for (const st of statementsOf(doc)) {
    if (!allowsAssume(st) || typeof st.Principal !== 'object') continue;
    const ssoPatterns = conditionValues(st, 'aws:PrincipalArn')
      .map((v) => SSO_ROLE_PATTERN.exec(v))
      .filter((m): m is RegExpExecArray => m !== null);
    if (ssoPatterns.length > 0) {
      for (const m of ssoPatterns) {
        out.push(
          make('sso-role', { kind: 'sso-role', permissionSet: m[2], accountId: m[1] }, target, r.origin),
        );
      }
      continue;
    }
    for (const p of normaliseList(st.Principal.AWS ?? [])) {
      if (!concrete(p)) continue;
      const root = ROOT.exec(p);
      if (root) {
        const account = root[1] ?? root[2];
        if (vendors.has(account)) {
          const externalId = conditionValues(st, 'sts:ExternalId')[0];
          out.push(
            make('third-party', { kind: 'vendor', account }, target, r.origin, {
              ...(externalId !== undefined ? { externalId } : {}),
              allowWithoutExternalId: vendors.get(account),
            }),
          );
        } else if (account === input.caller.account) {
          out.push(make('account', { kind: 'caller' }, target, r.origin));
        } else {
          out.push(make('account', { kind: 'account', account }, target, r.origin));
        }
      } else if (p === input.caller.arn) {
        out.push(make('caller', { kind: 'caller' }, target, r.origin));
      } else if (ROLE_ARN.test(p)) {
        out.push(make('specific-role', { kind: 'role', arn: p }, target, r.origin));
      } else if (/^arn:[\w-]+:iam::\d{12}:user\//.test(p)) {
        out.push(make('specific-role', { kind: 'user', arn: p }, target, r.origin));
      }
    }
  }
  return out;
}

/** Role ARNs a permission set's inline policy lets its sessions assume (concrete ARNs only). */
function grantedRoles(doc: unknown): string[] {
  if (!doc || typeof doc !== 'object') return [];
  const out: string[] = [];
  for (const st of statementsOf(doc as PolicyDocument)) {
    if (!allowsAssume(st) || st.Resource === undefined) continue;
    for (const r of normaliseList(st.Resource))
      if (concrete(r) && ROLE_ARN.test(r) && !r.includes('*')) out.push(r);
  }
  return out;
}

/** Every access path of the blueprint, deduplicated, in a stable order. */
export function accessPaths(input: PathInput): AccessPath[] {
  const out: AccessPath[] = [];
  const assigned = new Map<string, Set<string>>();
  for (const r of input.desired) {
    if (r.kind !== 'AWS::SSO::Assignment' || !concrete(r.props.targetId)) continue;
    const p = r.props;
    const accountId = p.targetId as string;
    out.push(
      make(
        'sso-assignment',
        { kind: 'idc', principalType: p.principalType, name: p.principalName },
        { kind: 'permission-set', permissionSet: p.permissionSetName, accountId },
        r.origin,
      ),
    );
    assigned.set(p.permissionSetName, (assigned.get(p.permissionSetName) ?? new Set()).add(accountId));
  }
  for (const r of input.desired) {
    if (r.kind === 'AWS::IAM::Role') out.push(...rolePaths(input, r));
    if (r.kind !== 'AWS::SSO::PermissionSet') continue;
    const accounts = [...(assigned.get(r.props.name) ?? [])].sort();
    for (const roleArn of grantedRoles(r.props.inlinePolicy)) {
      const own = roleArn.split(':')[4];
      for (const accountId of accounts.includes(own) ? [own] : accounts) {
        const principal: PrincipalRef = { kind: 'sso-role', permissionSet: r.props.name, accountId };
        out.push(make('sso-role', principal, { kind: 'role', arn: roleArn }, r.origin));
      }
    }
  }
  const mgmt = input.managementAccount;
  if (mgmt === undefined || mgmt === input.caller.account) {
    for (const key of Object.keys(input.blueprint.accounts)) {
      const created = input.desired.find(
        (r) => r.kind === 'AWS::Organizations::Account' && r.key === `account/${key}`,
      );
      const roleName =
        created?.kind === 'AWS::Organizations::Account' ? created.props.accessRoleName : undefined;
      const id = input.accountIds[key];
      if (!concrete(id) || id === input.caller.account) continue;
      const arn = `arn:${input.partition ?? 'aws'}:iam::${id}:role/${roleName ?? 'OrganizationAccountAccessRole'}`;
      out.push(make('access-role', { kind: 'caller' }, { kind: 'role', arn }, `accounts.${key}`));
    }
  }
  const seen = new Map<string, AccessPath>();
  for (const p of out) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()];
}
