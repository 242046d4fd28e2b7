/**
 * What the tour's steps share: the sandbox, the administrator's clients, the engine, what the
 * organization looks like, and what each recipe produced (for the summary).
 */

import type { AwsClients } from '../../aws/index.js';
import { type Blueprint, loadBlueprint, requireValid } from '../../blueprint/index.js';
import {
  findRecipe,
  initRecipe,
  type ProfilesRecipe,
  renderSteps,
  type TargetFacts,
} from '../../recipes/index.js';
import type { Sandbox } from '../../sandbox/index.js';
import type { AppliedBlueprint, DemoEngine } from './engine.js';

export interface TourState {
  sb: Sandbox;
  /** The seeded administrator of the management account (the person running onramp). */
  admin: AwsClients;
  engine: DemoEngine;
  facts: TargetFacts & { members: { id: string; name: string }[]; startUrl: string };
  /** Applied blueprints by recipe name. */
  applied: Record<string, AppliedBlueprint>;
  blueprints: Record<string, Blueprint>;
  /** Non-secret param values by recipe, as text (for the manual steps). */
  params: Record<string, Record<string, string>>;
  /** "who: what they can do now", one line each. */
  personas: string[];
  /** The Science Cloud profiles, once loaded. */
  profiles?: ProfilesRecipe;
  /** Scratch files (removed at the end). */
  tmp: string;
}

/** One step of the tour: a name, and a run that returns what it proved. */
export interface TourStep {
  recipe: string;
  name: string;
  run: (state: TourState) => Promise<string>;
}

/** `onramp init --recipe NAME --example [--var …]` in-process, then validation as `onramp validate` does. */
export async function initAndValidate(state: TourState, name: string, vars: string[] = []): Promise<string> {
  const recipe = findRecipe(name);
  const result = await initRecipe({ recipe, example: true, facts: state.facts, varFlags: vars });
  const blueprint = requireValid(await loadBlueprint({ text: result.text, file: `${name}.yaml` }));
  state.blueprints[name] = blueprint;
  state.params[name] = shownParams(result.values);
  const live = Object.entries(result.values)
    .filter(([, v]) => v.origin !== 'default')
    .map(([k, v]) => `${k}=${v.shown}`);
  return `valid blueprint ${blueprint.name}: ${live.join(' ')}`;
}

/** The non-secret values of an init result, as `params.<name>` placeholders. */
export function shownParams(values: Record<string, { shown: string }>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v.shown !== '(secret)')
      .map(([k, v]) => [`params.${k}`, v.shown]),
  );
}

/** Applies the recipe's validated blueprint with the tour's engine. */
export async function applyRecipe(state: TourState, name: string): Promise<AppliedBlueprint> {
  const bp = state.blueprints[name];
  if (!bp) throw new Error(`${name} was not initialized`);
  const applied = await state.engine.apply(bp);
  state.applied[name] = applied;
  return applied;
}

/** Short kind names for one-line summaries. */
const SHORT: Record<string, string> = {
  'AWS::Organizations::Account': 'account',
  'AWS::IAM::Role': 'role',
  'AWS::IAM::ManagedPolicy': 'policy',
  'AWS::IAM::Group': 'IAM group',
  'AWS::IdentityStore::User': 'user',
  'AWS::IdentityStore::Group': 'group',
  'AWS::IdentityStore::GroupMembership': 'membership',
  'AWS::SSO::PermissionSet': 'permission set',
  'AWS::SSO::Assignment': 'assignment',
};

/** "role fractal-cloud-initializer, user fractal-admin, …" for an applied blueprint. */
export function describeCreated(applied: AppliedBlueprint): string {
  return applied.created
    .map((c) =>
      c.kind === 'AWS::IAM::UserToGroupAddition'
        ? `members of ${c.key.split('/')[3]}`
        : `${SHORT[c.kind] ?? c.kind} ${c.key.slice(c.key.lastIndexOf('/') + 1)}`,
    )
    .join(', ');
}

/** The recipe's manual steps with everything the tour learned filled in. */
export function manualSteps(state: TourState, name: string): string[] {
  return renderSteps(findRecipe(name).manualSteps, {
    startUrl: state.facts.startUrl,
    ssoRegion: state.sb.region,
    ...(state.applied[name]?.values ?? {}),
    ...(state.params[name] ?? {}),
  });
}
