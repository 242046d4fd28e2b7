/**
 * toDesired: a validated blueprint → the list of resources it asks for, with dependencies taken from
 * the same entity graph validation checks for cycles, in a deterministic topological order (ties
 * broken by kind, then key).
 */

import { OnrampError } from '../core/errors.js';
import { heapBy } from '../core/heap.js';
import { E } from './codes.js';
import { accountDrafts, type Draft } from './desired-build.js';
import { identityCenterDrafts } from './desired-sso.js';
import { entityEdges } from './entities.js';
import { makeEvaluator } from './evaluate.js';
import type { Blueprint, DesiredResource, ResolvedValues, ResourceKind } from './types.js';

/** Creation order of kinds; deletion runs in reverse. The plan orders its actions by it too. */
export const KIND_ORDER: readonly ResourceKind[] = [
  'AWS::Organizations::Account',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Role',
  'AWS::IAM::Group',
  'AWS::IAM::UserToGroupAddition',
  'AWS::IdentityStore::User',
  'AWS::IdentityStore::Group',
  'AWS::IdentityStore::GroupMembership',
  'AWS::SSO::PermissionSet',
  'AWS::SSO::Assignment',
];

export interface ToDesiredOptions {
  partition?: string;
}

/**
 * The desired resources of `blueprint`. `resolved` supplies values known from outside (`caller.arn`,
 * `accounts.<k>.id`, `identityCenter.permissionSets.<k>.arn`, `organization.ous.<id>.accounts`);
 * anything else unknown is a Deferred.
 */
export function toDesired(
  blueprint: Blueprint,
  resolved: ResolvedValues = {},
  options: ToDesiredOptions = {},
): DesiredResource[] {
  const ctx = { bp: blueprint, ev: makeEvaluator(blueprint, resolved, options.partition), resolved };
  const drafts = dedupe([...accountDrafts(ctx), ...identityCenterDrafts(ctx)]);
  const byEntity = new Map<string, Draft[]>();
  const push = <V>(m: Map<string, V[]>, k: string, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const d of drafts) push(byEntity, d.entity, d);
  const edges = entityEdges(documentOf(blueprint));
  const edgesFrom = new Map<string, typeof edges>();
  const out = new Map<string, string[]>();
  for (const e of edges) {
    push(edgesFrom, e.from, e);
    push(out, e.from, e.to);
  }

  /** Resource keys an entity stands for; entities without resources (existing accounts) pass through. */
  const walk = (entity: string, seen: Set<string>): string[] => {
    const own = byEntity.get(entity)?.filter((d) => !d.extraDeps) ?? [];
    if (own.length > 0) return own.map((d) => d.key);
    if (seen.has(entity)) return [];
    seen.add(entity);
    return (out.get(entity) ?? []).flatMap((t) => walk(t, seen));
  };
  // Thousands of drafts share a few entities (every assignment of a group names the same accounts).
  const memo = new Map<string, string[]>();
  const resourcesOf = (entity: string): string[] => {
    let keys = memo.get(entity);
    if (!keys) {
      keys = walk(entity, new Set());
      memo.set(entity, keys);
    }
    return keys;
  };

  const resources: DesiredResource[] = drafts.map((d) => {
    // Memberships need only their group and user; a group does not wait for its members.
    const membership =
      d.kind === 'AWS::IAM::UserToGroupAddition' || d.kind === 'AWS::IdentityStore::GroupMembership';
    const fromEdges = membership
      ? []
      : (edgesFrom.get(d.entity) ?? [])
          .filter((e) => !(d.kind === 'AWS::IdentityStore::Group' && e.path.includes('members')))
          .flatMap((e) => resourcesOf(e.to));
    const deps = [...new Set([...fromEdges, ...(d.extraDeps ?? [])])].filter((k) => k !== d.key).sort();
    const head = { kind: d.kind, key: d.key, account: d.account };
    const accountId = d.accountId === undefined ? {} : { accountId: d.accountId };
    return { ...head, ...accountId, origin: d.origin, props: d.props, deps } as DesiredResource;
  });
  return topoSort(resources);
}

/** The plain document shape entityEdges reads. */
function documentOf(bp: Blueprint): unknown {
  return { accounts: bp.accounts, identityCenter: bp.identityCenter };
}

function dedupe(drafts: Draft[]): Draft[] {
  const seen = new Map<string, Draft>();
  for (const d of drafts) if (!seen.has(d.key)) seen.set(d.key, d);
  return [...seen.values()];
}

const RANK = new Map<string, number>(KIND_ORDER.map((k, i) => [k, i]));
const rank = (r: DesiredResource) => RANK.get(r.kind) ?? -1;
const before = (a: DesiredResource, b: DesiredResource) =>
  rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Kahn's algorithm, always taking the smallest ready resource. */
export function topoSort(resources: DesiredResource[]): DesiredResource[] {
  const byKey = new Map(resources.map((r) => [r.key, r]));
  const pending = new Map(resources.map((r) => [r.key, r.deps.filter((d) => byKey.has(d)).length]));
  const dependents = new Map<string, string[]>();
  for (const r of resources) {
    for (const d of r.deps) {
      const list = dependents.get(d);
      if (list) list.push(r.key);
      else dependents.set(d, [r.key]);
    }
  }
  const ready = heapBy(before);
  for (const r of resources) if (pending.get(r.key) === 0) ready.push(r);
  const order: DesiredResource[] = [];
  for (let next = ready.pop(); next; next = ready.pop()) {
    order.push(next);
    for (const k of dependents.get(next.key) ?? []) {
      const left = (pending.get(k) ?? 0) - 1;
      pending.set(k, left);
      if (left === 0) ready.push(byKey.get(k) as DesiredResource);
    }
  }
  if (order.length !== resources.length) {
    const placed = new Set(order);
    const stuck = resources.filter((r) => !placed.has(r)).map((r) => r.key);
    throw new OnrampError(E.referenceCycle, `dependency cycle among ${stuck.join(', ')}`);
  }
  return order;
}
