/**
 * The large Identity Center of apply-large and plan-noop-large, generated as a blueprint object:
 * every user in one group (users split evenly), and each group given one permission set
 * (group g → set g mod sets) on a window of consecutive member accounts starting at a different
 * account per group, so every account and every permission set is used.
 */
import { requireValid } from '../../src/blueprint/load.js';
import type { Blueprint } from '../../src/blueprint/types.js';
import { validateBlueprint } from '../../src/blueprint/validate.js';

export interface IcShape {
  accounts: number;
  permissionSets: number;
  groups: number;
  users: number;
  /** Accounts each group's permission set is assigned on. */
  accountsPerGroup: number;
}

export const FULL_SHAPE: IcShape = {
  accounts: 300,
  permissionSets: 40,
  groups: 150,
  users: 3000,
  accountsPerGroup: 40,
};

export const QUICK_SHAPE: IcShape = {
  accounts: 30,
  permissionSets: 10,
  groups: 20,
  users: 300,
  accountsPerGroup: 30,
};

export const assignmentsOf = (s: IcShape): number => s.groups * s.accountsPerGroup;

const pad = (n: number, w = 4) => String(n).padStart(w, '0');

/** The blueprint for `shape` over the given member account ids (sorted). */
export function icBlueprint(shape: IcShape, memberIds: readonly string[]): Blueprint {
  if (memberIds.length < shape.accountsPerGroup) throw new Error('not enough member accounts');
  const users: Record<string, unknown> = {};
  for (let u = 0; u < shape.users; u++) {
    users[`user${pad(u)}`] = {
      displayName: `Bench User ${u}`,
      givenName: 'Bench',
      familyName: `User${u}`,
      email: `user${pad(u)}@example.com`,
    };
  }
  const groups: Record<string, { members: string[]; description: string }> = {};
  for (let g = 0; g < shape.groups; g++)
    groups[`team${pad(g, 3)}`] = { members: [], description: `team ${g}` };
  const groupKeys = Object.keys(groups);
  Object.keys(users).forEach((u, i) => {
    groups[groupKeys[i % shape.groups]].members.push(u);
  });
  const permissionSets: Record<string, unknown> = {};
  for (let p = 0; p < shape.permissionSets; p++) {
    permissionSets[`set${pad(p, 2)}`] = {
      description: `bench permission set ${p}`,
      sessionDuration: `PT${1 + (p % 8)}H`,
      managedPolicies: [p % 2 === 0 ? 'ReadOnlyAccess' : 'ViewOnlyAccess'],
    };
  }
  const setKeys = Object.keys(permissionSets);
  const assignments = groupKeys.map((g, i) => {
    const start = (i * 7) % memberIds.length;
    const accounts = Array.from(
      { length: shape.accountsPerGroup },
      (_, k) => memberIds[(start + k) % memberIds.length],
    );
    return { principal: { group: g }, permissionSet: setKeys[i % setKeys.length], accounts };
  });
  return requireValid(
    validateBlueprint(
      {
        object: {
          version: 1,
          name: 'bench-large',
          identityCenter: { users, groups, permissionSets, assignments },
        },
        file: 'bench-large',
      },
      {},
    ),
  );
}
