/**
 * What AWS considers "the same resource", one rule per kind, used for both sides: the plan computes
 * it from a desired resource's props, the readers from what AWS returned. IAM names are unique per
 * account regardless of case, Identity Store user and group names per store regardless of case,
 * an Organizations account by its email, a permission set by its name in the instance, an
 * assignment by (permission set, principal, account).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
 */
import { isDeferred } from '../blueprint/evaluate.js';
import type { ResourceKind, ResourcePropsByKind, Str } from '../blueprint/types.js';

type Identify<K extends ResourceKind> = (props: ResourcePropsByKind[K], accountId: string) => string;

const lower = (s: Str): string => (typeof s === 'string' ? s.toLowerCase() : '?');

const RULES: { [K in ResourceKind]: Identify<K> } = {
  'AWS::Organizations::Account': (p) => `account:${p.email.toLowerCase()}`,
  'AWS::IAM::Role': (p, a) => `${a}:role:${lower(p.roleName)}`,
  'AWS::IAM::ManagedPolicy': (p, a) => `${a}:policy:${lower(p.policyName)}`,
  'AWS::IAM::Group': (p, a) => `${a}:group:${lower(p.groupName)}`,
  'AWS::IAM::UserToGroupAddition': (p, a) => `${a}:group-users:${lower(p.groupName)}`,
  'AWS::IdentityStore::User': (p) => `idstore:user:${lower(p.userName)}`,
  'AWS::IdentityStore::Group': (p) => `idstore:group:${lower(p.displayName)}`,
  'AWS::IdentityStore::GroupMembership': (p) =>
    `idstore:membership:${lower(p.groupDisplayName)}:${lower(p.userName)}`,
  'AWS::SSO::PermissionSet': (p) => `sso:permission-set:${p.name}`,
  'AWS::SSO::Assignment': (p) =>
    `sso:assignment:${p.permissionSetName}:${p.principalType}:${lower(p.principalName)}:${
      typeof p.targetId === 'string' ? p.targetId : '?'
    }`,
};

/**
 * The identity of a resource of `kind` with `props` in account `accountId` (a Deferred account id,
 * for an account not created yet, gives an identity nothing observed can have).
 */
export function identityOf<K extends ResourceKind>(
  kind: K,
  props: ResourcePropsByKind[K],
  accountId?: Str,
): string {
  const account = accountId === undefined ? '' : isDeferred(accountId) ? '?new' : accountId;
  return (RULES[kind] as Identify<K>)(props, account);
}
