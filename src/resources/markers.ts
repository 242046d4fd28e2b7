/**
 * Ownership where AWS has no tags (docs/architecture.md "Ownership"): an Identity Store group
 * carries ` [onramp:<blueprint>]` at the end of its Description, an Identity Store user
 * `UserType: onramp:<blueprint>`, an IAM group an inline policy `onramp-owner` whose one statement
 * denies an action no service has, so it grants and removes nothing, and GetAccountAuthorizationDetails
 * returns it with the group for free.
 */
import { createHash } from 'node:crypto';
import { OWNER_TAG } from '../blueprint/desired-build.js';
import { isKnownAfterApply } from '../blueprint/evaluate.js';
import type { PermissionSetProps } from '../blueprint/types.js';
import { canonicalPolicy } from '../policy/canonical.js';

export { OWNER_TAG };

/** The inline policy on an IAM group that says which blueprint owns it. */
export const GROUP_OWNER_POLICY = 'onramp-owner';

export function groupOwnerDocument(blueprint: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OnrampOwnershipMarker',
        Effect: 'Deny',
        Action: 'onramp:owner',
        Resource: '*',
        Condition: { StringEquals: { [`aws:ResourceTag/${OWNER_TAG}`]: blueprint } },
      },
    ],
  };
}

/** The owner named by an `onramp-owner` document, if it is one. */
export function groupOwnerOf(doc: unknown): string | undefined {
  const statements = (doc as { Statement?: unknown })?.Statement;
  const first = (Array.isArray(statements) ? statements[0] : statements) as
    | { Condition?: { StringEquals?: Record<string, unknown> } }
    | undefined;
  const v = first?.Condition?.StringEquals?.[`aws:ResourceTag/${OWNER_TAG}`];
  return typeof v === 'string' ? v : undefined;
}

const MARK = /\s*\[onramp:([a-z0-9-]+)\]$/;

/** An Identity Store group's Description with the ownership marker appended. */
export function markDescription(description: string | undefined, blueprint: string): string {
  return `${description ? `${description} ` : ''}[onramp:${blueprint}]`;
}

/** Splits a stored Description into the author's text and the owner. */
export function readDescription(stored: string | undefined): { description?: string; owner?: string } {
  const m = MARK.exec(stored ?? '');
  if (!m) return stored ? { description: stored } : {};
  const rest = (stored ?? '').slice(0, m.index);
  return { ...(rest ? { description: rest } : {}), owner: m[1] };
}

/**
 * The UserType that marks an Identity Store user as owned: `onramp:<blueprint>`, followed by
 * ` +direct` once onramp has assigned the user a permission set directly (not through a group).
 * Only such users can hold a direct assignment onramp made, so a fast plan reads the assignments
 * of just those (and of the users the blueprint assigns), not of every user it owns.
 */
export function userTypeMarker(blueprint: string, direct = false): string {
  return `onramp:${blueprint}${direct ? DIRECT : ''}`;
}

const DIRECT = ' +direct';

export function readUserType(userType: string | undefined): { owner?: string; direct: boolean } {
  if (!userType?.startsWith('onramp:')) return { direct: false };
  const direct = userType.endsWith(DIRECT);
  return { owner: userType.slice(7, direct ? -DIRECT.length : undefined), direct };
}

/**
 * A permission set's fingerprint: a digest of everything onramp sets on it except tags (which are
 * read anyway), written as the tag `onramp:fingerprint` once an apply has finished the set —
 * policies attached and re-provisioned — and removed before an update starts. A plan that finds the
 * tag equal to the desired set's fingerprint trusts it and skips the four per-set reads of its
 * description, policies and provisioning state (docs/architecture.md "Fingerprints"). The cost:
 * an edit made by hand in the console is not seen until `--refresh full`.
 */
export const FINGERPRINT_TAG = 'onramp:fingerprint';

/** The fingerprint of desired permission-set props; undefined while a value is known only after apply. */
export function permissionSetFingerprint(p: PermissionSetProps): string | undefined {
  if (isKnownAfterApply(p.inlinePolicy)) return undefined;
  const canonical = JSON.stringify([
    'v1',
    p.name,
    p.description ?? '',
    p.sessionDuration,
    p.relayState ?? '',
    [...p.managedPolicyArns].sort(),
    p.customerManagedPolicies.map((c) => `${c.path}${c.name}`).sort(),
    p.inlinePolicy === undefined ? null : canonicalPolicy(p.inlinePolicy),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
