/**
 * The access graph of a blueprint: who reaches what, in columns the browser lays out left to right —
 * principals (Identity Center and IAM users, external accounts, services), groups, grants
 * (permission sets, IAM policies), roles, accounts. Built from the desired resources alone, so it
 * can be drawn before anything is applied; values known only after apply keep their template.
 */
import { formatDeferred, isDeferred } from '../blueprint/evaluate.js';
import type { DesiredResource } from '../blueprint/types.js';

export type NodeType =
  | 'idc-user'
  | 'iam-user'
  | 'external'
  | 'idc-group'
  | 'iam-group'
  | 'permission-set'
  | 'policy'
  | 'role'
  | 'account';

export interface GraphNode {
  id: string;
  type: NodeType;
  label: string;
  /** 0 principals, 1 groups, 2 grants, 3 roles, 4 accounts. */
  column: number;
  details: Record<string, string>;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

export interface AccessGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const COLUMN: Record<NodeType, number> = {
  'idc-user': 0,
  'iam-user': 0,
  external: 0,
  'idc-group': 1,
  'iam-group': 1,
  'permission-set': 2,
  policy: 2,
  role: 3,
  account: 4,
};

const str = (v: unknown): string =>
  isDeferred(v) ? formatDeferred(v) : typeof v === 'string' ? v : JSON.stringify(v);

type Statement = { Effect?: string; Action?: unknown; Principal?: unknown; Resource?: unknown };
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const statements = (doc: unknown): Statement[] =>
  list((doc as { Statement?: unknown } | undefined)?.Statement) as Statement[];
const allowsAssume = (s: Statement) =>
  s.Effect === 'Allow' &&
  list(s.Action).some((a) => typeof a === 'string' && /^sts:(AssumeRole|\*)/i.test(a));

/** Builds the graph; `accountName` labels account ids with their blueprint key. */
export function accessGraph(desired: readonly DesiredResource[]): AccessGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (type: NodeType, label: string, details: Record<string, string> = {}): string => {
    const id = `${type}:${label}`;
    const old = nodes.get(id);
    if (old) Object.assign(old.details, details);
    else nodes.set(id, { id, type, label, column: COLUMN[type], details: { ...details } });
    return id;
  };
  const edge = (from: string, to: string, label: string) => {
    if (from !== to) edges.set(`${from}>${to}`, { from, to, label });
  };
  // Account ids are often still templates (`${accounts.sparklith.id}`): name them by their key.
  const accountKey = (v: string): string => /^\$\{accounts\.([^.]+)\.id\}$/.exec(v)?.[1] ?? v;
  const account = (key: string, id?: unknown) =>
    node('account', key, id === undefined || isDeferred(id) ? {} : { id: str(id) });
  for (const r of desired) {
    if (r.kind === 'AWS::Organizations::Account') {
      const a = account(r.account, r.accountId);
      node('account', r.account, { name: r.props.accountName, email: r.props.email });
      const role = node('role', `${r.props.accessRoleName} in ${r.account}`, {
        createdBy: 'AWS Organizations',
      });
      edge(role, a, 'lives in');
    }
    if (r.kind !== 'AWS::IAM::Role') continue;
    const id = node('role', `${r.props.roleName} in ${r.account}`, { key: r.key, origin: r.origin });
    edge(id, account(r.account, r.accountId), 'lives in');
  }
  const roleFor = (resource: string): string | undefined => {
    const m = /:iam::([^:]*):role\/(?:.*\/)?([^/]+)$/.exec(resource);
    if (!m) return undefined;
    const key = accountKey(m[1]);
    const known = desired.find((d) => d.accountId !== undefined && str(d.accountId) === key)?.account;
    return node('role', `${m[2]} in ${known ?? (key || 'any account')}`, { arn: resource });
  };
  for (const r of desired) {
    switch (r.kind) {
      case 'AWS::IAM::Role': {
        const role = `role:${r.props.roleName} in ${r.account}`;
        for (const s of statements(r.props.assumeRolePolicyDocument).filter(allowsAssume)) {
          const p = s.Principal as Record<string, unknown> | string | undefined;
          const entries = typeof p === 'object' && p ? Object.entries(p) : [['AWS', p]];
          for (const [type, values] of entries) {
            for (const v of list(values)) {
              const root = /^arn:[^:]+:iam::(\d{12}):root$|^(\d{12})$/.exec(str(v));
              const label = root ? `account ${root[1] ?? root[2]}` : `${type} ${str(v)}`;
              edge(node('external', label, { trustedBy: r.key }), role, 'may assume');
            }
          }
        }
        break;
      }
      case 'AWS::IAM::ManagedPolicy': {
        const id = node('policy', `${r.props.policyName} in ${r.account}`, { key: r.key });
        for (const s of statements(r.props.policyDocument).filter(allowsAssume))
          for (const res of list(s.Resource)) {
            const role = roleFor(isDeferred(res) ? res.template : str(res));
            if (role) edge(id, role, 'allows sts:AssumeRole');
          }
        break;
      }
      case 'AWS::IAM::Group': {
        const g = node('iam-group', `${r.props.groupName} in ${r.account}`, { key: r.key });
        for (const arn of r.props.managedPolicyArns) {
          const name = str(arn).split('/').pop() ?? str(arn);
          const local = nodes.get(`policy:${name} in ${r.account}`);
          edge(g, local?.id ?? node('policy', name, { arn: str(arn) }), 'attached');
        }
        break;
      }
      case 'AWS::IAM::UserToGroupAddition':
        for (const u of r.props.users)
          edge(
            node('iam-user', `${u} in ${r.account}`),
            node('iam-group', `${r.props.groupName} in ${r.account}`),
            'member of',
          );
        break;
      case 'AWS::IdentityStore::User':
        node('idc-user', r.props.userName, { displayName: r.props.displayName });
        break;
      case 'AWS::IdentityStore::Group':
        node(
          'idc-group',
          r.props.displayName,
          r.props.description ? { description: r.props.description } : {},
        );
        break;
      case 'AWS::IdentityStore::GroupMembership':
        edge(node('idc-user', r.props.userName), node('idc-group', r.props.groupDisplayName), 'member of');
        break;
      case 'AWS::SSO::PermissionSet':
        node('permission-set', r.props.name, { sessionDuration: r.props.sessionDuration });
        break;
      case 'AWS::SSO::Assignment': {
        const who = node(r.props.principalType === 'USER' ? 'idc-user' : 'idc-group', r.props.principalName);
        const ps = node('permission-set', r.props.permissionSetName);
        edge(who, ps, 'assigned');
        const target = r.props.targetId;
        const key = accountKey(isDeferred(target) ? target.template : target);
        const named = desired.find((d) => d.accountId !== undefined && str(d.accountId) === key)?.account;
        edge(ps, named ? account(named, key) : account(key), 'in account');
        break;
      }
      default:
        break;
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
