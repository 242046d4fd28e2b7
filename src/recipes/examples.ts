/**
 * Example values for `onramp init --example`. Static ones apply anywhere; live ones (`from`) are
 * read from the target organization, because account ids and the access portal URL differ in every
 * organization (and in every sandbox). Pure: the CLI gathers {@link TargetFacts} with the SDK.
 */
import type { ExampleSource, ParamExample, Recipe } from './catalog.js';

/** What `onramp init` learned about the target (all optional: offline init has none). */
export interface TargetFacts {
  /** Member accounts of the organization other than the caller's, in a stable order. */
  members?: readonly { id: string; name: string }[];
  /** The access portal URL of the organization's IAM Identity Center instance. */
  startUrl?: string;
}

/** One example as `--var` text, and whether it came from the target or the offline fallback. */
export interface ResolvedExample {
  text: string;
  live: boolean;
}

/** Profile-name-safe version of an account name (letters, digits and _.@+-). */
export function safeAccountName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_.@+-]+/g, '-').replace(/^-+|-+$/g, '');
  return safe.slice(0, 50) || 'account';
}

function fromFacts(source: ExampleSource, fallback: string, facts: TargetFacts): string | undefined {
  const wanted = fallback.split(',').length;
  const members = facts.members ?? [];
  switch (source) {
    case 'member-account-ids':
      return members.length === 0
        ? undefined
        : members
            .slice(0, wanted)
            .map((m) => m.id)
            .join(',');
    case 'member-account-pairs':
      return members.length === 0
        ? undefined
        : members
            .slice(0, wanted)
            .map((m) => `${safeAccountName(m.name)}=${m.id}`)
            .join(',');
    case 'start-url':
      return facts.startUrl;
  }
}

/** The example of one param: live when the facts have it, else the static value. */
export function resolveExample(example: ParamExample, facts: TargetFacts = {}): ResolvedExample {
  const live = example.from ? fromFacts(example.from, example.value, facts) : undefined;
  return live === undefined ? { text: example.value, live: false } : { text: live, live: true };
}

/** Every example of the recipe, resolved against `facts`. */
export function resolveExamples(recipe: Recipe, facts: TargetFacts = {}): Record<string, ResolvedExample> {
  return Object.fromEntries(
    Object.entries(recipe.examples).map(([name, ex]) => [name, resolveExample(ex, facts)]),
  );
}

/** Whether any example of the recipe is read from the target. */
export function needsTargetFacts(recipe: Recipe): boolean {
  return Object.values(recipe.examples).some((e) => e.from !== undefined);
}
