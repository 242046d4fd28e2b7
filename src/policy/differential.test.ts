// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${like:this}.
/**
 * Differential test: our evaluator against @cloud-copilot/iam-simulate (AGPL; a devDependency used
 * here purely as an oracle, never imported by shipped code) over deterministic random policies.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { type Random, seededRandom } from '../core/clock.js';
import { evaluate } from './evaluate.js';
import type { ContextValue, Decision, PolicyDocument, PrincipalBlock, Statement } from './types.js';

const ACCOUNT = '111111111111';
const OTHER = '222222222222';
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** Valid (action, resource) pairs the requests are drawn from. */
const REQUESTS: Array<[string, string]> = [
  ['s3:GetObject', 'arn:aws:s3:::bucket-a/key1'],
  ['s3:GetObject', 'arn:aws:s3:::bucket-b/logs/x.txt'],
  ['s3:PutObject', 'arn:aws:s3:::bucket-a/home/alice/notes'],
  ['iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/alice`],
  ['iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/bob`],
  ['iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/app`],
  ['iam:DeleteRole', `arn:aws:iam::${ACCOUNT}:role/admin`],
  ['ec2:TerminateInstances', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123`],
  ['sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-1`],
];

const ACTION_PATTERNS = [
  's3:GetObject',
  'S3:getobject',
  's3:*',
  's3:Get*',
  's3:*Object',
  'iam:?etUser',
  'iam:Get*',
  'iam:*Role',
  'iam:*',
  'ec2:Terminate*',
  'sqs:SendMessage',
  '*',
  'kms:Decrypt',
];

const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::bucket-a/*',
  'arn:aws:s3:::bucket-?/*',
  'arn:aws:s3:::*logs*',
  'arn:aws:s3:::bucket-a/home/${aws:username}/*',
  'arn:aws:s3:::bucket-a/key1',
  `arn:aws:iam::${ACCOUNT}:user/*`,
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
  'arn:aws:iam::*:role/app',
  `arn:aws:iam::${ACCOUNT}:role/*`,
  `arn:aws:ec2:*:${ACCOUNT}:instance/*`,
  `arn:aws:ec2:us-west-2:${ACCOUNT}:instance/*`,
  `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-?`,
  `arn:aws:sqs:*:${OTHER}:*`,
];

type CondGen = (r: Random) => Record<string, Record<string, string | string[]>>;

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Random, p: number) => r() < p;

const CONDITIONS: CondGen[] = [
  (r) => ({
    [pick(r, ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'])]: {
      'aws:PrincipalTag/team': pick(r, ['red', 'blue', 'Red', ['red', 'green']]),
    },
  }),
  (r) => ({
    [pick(r, ['StringLike', 'StringNotLike', 'StringLikeIfExists', 'StringEqualsIfExists'])]: {
      'aws:PrincipalTag/team': pick(r, ['r*', 'b?ue', '*', 'red']),
    },
  }),
  (r) => ({ [pick(r, ['Bool', 'BoolIfExists'])]: { 'aws:SecureTransport': pick(r, ['true', 'false']) } }),
  (r) => ({
    [pick(r, [
      'NumericEquals',
      'NumericNotEquals',
      'NumericLessThan',
      'NumericLessThanEquals',
      'NumericGreaterThan',
      'NumericGreaterThanEqualsIfExists',
    ])]: { 'aws:MultiFactorAuthAge': pick(r, ['10', '100', ['5', '500']]) },
  }),
  (r) => ({
    [pick(r, ['ForAnyValue:StringEquals', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike'])]: {
      'aws:TagKeys': pick(r, [['env', 'team'], 'env', ['o*']]),
    },
  }),
  (r) => ({ StringEquals: { 'aws:username': pick(r, ['alice', '${aws:username}', 'bob']) } }),
];

function genStatement(r: Random): Statement {
  const s: Statement = { Effect: chance(r, 0.7) ? 'Allow' : 'Deny' };
  const actions = Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(r, ACTION_PATTERNS));
  if (chance(r, 0.2)) s.NotAction = actions;
  else s.Action = actions.length === 1 ? actions[0] : actions;
  const resources = Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(r, RESOURCE_PATTERNS));
  if (chance(r, 0.2)) s.NotResource = resources;
  else s.Resource = resources.length === 1 ? resources[0] : resources;
  const n = chance(r, 0.5) ? 0 : 1 + Math.floor(r() * 2);
  if (n) {
    s.Condition = {};
    for (let i = 0; i < n; i++) {
      for (const [op, block] of Object.entries(pick(r, CONDITIONS)(r))) {
        s.Condition[op] = { ...(s.Condition[op] ?? {}), ...block };
      }
    }
  }
  return s;
}

function genPolicy(r: Random): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: Array.from({ length: 1 + Math.floor(r() * 3) }, () => genStatement(r)),
  };
}

function genContext(r: Random): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = { 'aws:username': 'alice', 'aws:PrincipalArn': USER_ARN };
  if (chance(r, 0.6)) ctx['aws:PrincipalTag/team'] = pick(r, ['red', 'blue', 'RED', 'green']);
  if (chance(r, 0.7)) ctx['aws:SecureTransport'] = pick(r, ['true', 'false']);
  if (chance(r, 0.6)) ctx['aws:MultiFactorAuthAge'] = pick(r, ['5', '10', '50', '500']);
  if (chance(r, 0.5)) ctx['aws:TagKeys'] = pick(r, [['env'], ['env', 'team'], ['owner'], []]);
  return ctx;
}

const toOurs = (d: Decision) =>
  d.decision === 'Allow'
    ? 'Allowed'
    : d.decision === 'ExplicitDeny'
      ? 'ExplicitlyDenied'
      : 'ImplicitlyDenied';

interface Case {
  n: number;
  /** The caller; a user unless a resource-policy case picks a role session. */
  principal?: { arn: string; roleArn?: string };
  resourceAccount?: string;
  resourcePolicy?: PolicyDocument;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  identity: PolicyDocument[];
  boundary?: PolicyDocument;
  scps?: PolicyDocument[][];
}

/**
 * Excluded shape: a NotResource entry whose policy variable has no value in the request (here
 * ${aws:username} for a role session). AWS documents that such an entry "will not match any
 * resource", in Resource and NotResource alike, so the NotResource statement applies; iam-simulate
 * instead drops the whole statement when the entry's ARN prefix would otherwise match.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
 */
function unresolvedNotResource(c: Case): boolean {
  if (c.context['aws:username'] !== undefined) return false;
  const docs = [
    ...c.identity,
    ...(c.boundary ? [c.boundary] : []),
    ...(c.resourcePolicy ? [c.resourcePolicy] : []),
  ];
  return docs.some((d) =>
    (d.Statement as Statement[]).some((s) => [s.NotResource ?? []].flat().some((x) => x.includes('${'))),
  );
}

/**
 * Excluded shape: NotPrincipal naming a parent of the caller (its account, or the role of a role
 * session) rather than the caller itself. AWS's examples list the account (and the role) beside Bob
 * or the session cross-account-audit-app and state that every principal except that one is denied,
 * so naming a parent does not exempt its other users and sessions; iam-simulate exempts them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
function notPrincipalNamesParent(c: Case): boolean {
  const parents = new Set([ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`]);
  if (c.principal?.roleArn) parents.add(c.principal.roleArn);
  return (
    (c.resourcePolicy?.Statement as Statement[] | undefined)?.some((s) => {
      const np = s.NotPrincipal;
      return typeof np === 'object' && [np.AWS ?? []].flat().some((e) => parents.has(e));
    }) ?? false
  );
}

async function compare(c: Case): Promise<{ ours: string; oracle: string }> {
  const principal = c.principal ?? { arn: USER_ARN };
  const sim: Simulation = {
    request: {
      principal: principal.arn,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount ?? ACCOUNT },
      contextVariables: c.context,
    },
    identityPolicies: c.identity.map((policy, i) => ({ name: `p${i}`, policy })),
    serviceControlPolicies: (c.scps ?? []).map((level, i) => ({
      orgIdentifier: `ou-${i}`,
      policies: level.map((policy, j) => ({ name: `scp${i}-${j}`, policy })),
    })),
    resourceControlPolicies: [],
    permissionBoundaryPolicies: c.boundary ? [{ name: 'pb', policy: c.boundary }] : undefined,
    resourcePolicy: c.resourcePolicy,
  };
  // runUnsafeSimulation cannot load a resource policy (it reads the name of an unnamed policy), so
  // resource cases go through the validating entry point.
  let oracle: string;
  if (c.resourcePolicy) {
    const res = await runSimulation(sim, {});
    if (res.resultType === 'error')
      throw new Error(`oracle rejected case #${c.n}: ${JSON.stringify(res.errors)}`);
    oracle = res.overallResult;
  } else {
    oracle = runUnsafeSimulation(sim, {});
  }
  const ours = evaluate({
    principal: { ...principal, accountId: ACCOUNT },
    action: c.action,
    resource: c.resource,
    resourceAccount: c.resourceAccount,
    resourcePolicy: c.resourcePolicy ? { id: 'resource policy', document: c.resourcePolicy } : undefined,
    context: c.context as Record<string, ContextValue>,
    identityPolicies: c.identity.map((document, i) => ({ id: `p${i}`, document })),
    permissionsBoundary: c.boundary ? { id: 'pb', document: c.boundary } : undefined,
    scps: c.scps?.map((level, i) => level.map((document, j) => ({ id: `scp${i}-${j}`, document }))),
  });
  return { ours: toOurs(ours), oracle };
}

function run(
  name: string,
  seed: number,
  count: number,
  extra: (r: Random, c: Case) => void,
  requests: Array<[string, string]> = REQUESTS,
  expectAtLeastOne: string[] = [],
): void {
  test(name, async (t) => {
    const r = seededRandom(seed);
    const mismatches: string[] = [];
    const tally: Record<string, number> = {};
    let excluded = 0;
    for (let n = 0; n < count; n++) {
      const [action, resource] = pick(r, requests);
      const c: Case = {
        n,
        action,
        resource,
        context: genContext(r),
        identity: Array.from({ length: 1 + Math.floor(r() * 3) }, () => genPolicy(r)),
      };
      extra(r, c);
      if (unresolvedNotResource(c) || notPrincipalNamesParent(c)) {
        excluded++;
        continue;
      }
      const { ours, oracle } = await compare(c);
      tally[oracle] = (tally[oracle] ?? 0) + 1;
      if (oracle === 'Allowed' && c.identity.length === 0)
        tally.allowedByResourceAlone = (tally.allowedByResourceAlone ?? 0) + 1;
      if (oracle === 'Allowed' && c.resourceAccount)
        tally.allowedCrossAccount = (tally.allowedCrossAccount ?? 0) + 1;
      if (ours !== oracle)
        mismatches.push(`#${n} ours=${ours} oracle=${oracle}\n${JSON.stringify(c, null, 1)}`);
    }
    // The generator must exercise every outcome, or agreement would prove little.
    for (const outcome of ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']) {
      assert.ok((tally[outcome] ?? 0) > count / 20, `too few ${outcome} cases: ${JSON.stringify(tally)}`);
    }
    for (const key of expectAtLeastOne) assert.ok(tally[key], `no ${key} cases: ${JSON.stringify(tally)}`);
    t.diagnostic(`outcomes ${JSON.stringify({ ...tally, excluded })}`);
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length}/${count} disagree:\n${mismatches.slice(0, 3).join('\n')}`,
    );
  });
}

run('identity policies agree with iam-simulate (600 random requests)', 20260101, 600, () => {});

run(
  'identity + permissions boundary + SCP levels agree with iam-simulate (300 random requests)',
  7,
  300,
  (r, c) => {
    if (chance(r, 0.7)) c.boundary = genPolicy(r);
    if (chance(r, 0.6)) {
      const fullAccess: PolicyDocument = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      };
      c.scps = Array.from({ length: 1 + Math.floor(r() * 2) }, () => [
        chance(r, 0.6) ? fullAccess : genPolicy(r),
      ]);
    }
  },
);

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/app/s1`;
const PRINCIPALS: PrincipalBlock[] = [
  '*',
  { AWS: '*' },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: USER_ARN },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` },
  { AWS: ROLE_ARN },
  { AWS: SESSION_ARN },
  { AWS: [OTHER, USER_ARN] },
  { AWS: OTHER },
  { Service: 'sns.amazonaws.com' },
];

/** Resource policies are biased towards matching the request, so that grants are common. */
function genResourcePolicy(r: Random): PolicyDocument {
  const statements = Array.from({ length: 1 + Math.floor(r() * 2) }, (): Statement => {
    const p = pick(r, PRINCIPALS);
    const s: Statement = {
      Effect: chance(r, 0.75) ? 'Allow' : 'Deny',
      Principal: typeof p === 'string' ? p : { ...p },
      Action: pick(r, [
        's3:*',
        's3:*',
        's3:GetObject',
        's3:Put*',
        'sqs:*',
        'sqs:SendMessage',
        '*',
        '*',
        'iam:GetUser',
      ]),
      Resource: pick(r, [
        '*',
        '*',
        '*',
        'arn:aws:s3:::bucket-a/*',
        'arn:aws:s3:::bucket-b/*',
        'arn:aws:sqs:*:*:queue-1',
      ]),
    };
    if (chance(r, 0.25)) s.Condition = pick(r, CONDITIONS)(r);
    if (s.Effect === 'Deny' && typeof p !== 'string' && p.AWS && p.AWS !== '*' && chance(r, 0.4)) {
      s.NotPrincipal = s.Principal;
      delete s.Principal;
    }
    return s;
  });
  return { Version: '2012-10-17', Statement: statements };
}

const ALLOW_ALL: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

run(
  'resource policies, same- and cross-account, users and role sessions agree with iam-simulate (800 random requests)',
  99,
  800,
  (r, c) => {
    if (chance(r, 0.5)) {
      c.principal = { arn: SESSION_ARN, roleArn: ROLE_ARN };
      c.context['aws:PrincipalArn'] = ROLE_ARN;
      delete c.context['aws:username'];
    }
    if (chance(r, 0.4)) c.resourceAccount = OTHER;
    if (chance(r, 0.85)) c.resourcePolicy = genResourcePolicy(r);
    const id = r();
    c.identity = id < 0.4 ? [] : id < 0.65 ? [ALLOW_ALL] : c.identity;
    if (chance(r, 0.3))
      c.boundary = chance(r, 0.5)
        ? genPolicy(r)
        : { ...ALLOW_ALL, Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] };
  },
  REQUESTS.filter(([a]) => a.startsWith('s3:') || a.startsWith('sqs:')),
  ['allowedByResourceAlone', 'allowedCrossAccount'],
);

const TRUST_PRINCIPALS: Array<Record<string, string>> = [
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: USER_ARN },
  { AWS: ROLE_ARN },
  { AWS: SESSION_ARN },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` },
  { AWS: OTHER },
  { Service: 'ec2.amazonaws.com' },
];

function genTrustPolicy(r: Random): PolicyDocument {
  const statements = Array.from({ length: 1 + Math.floor(r() * 2) }, (): Statement => {
    const s: Statement = {
      Effect: chance(r, 0.85) ? 'Allow' : 'Deny',
      Principal: { ...pick(r, TRUST_PRINCIPALS) },
      Action: pick(r, ['sts:AssumeRole', 'sts:AssumeRole', 'sts:*', 'sts:TagSession']),
    };
    if (chance(r, 0.3)) s.Condition = { StringEquals: { 'sts:ExternalId': pick(r, ['ext-1', 'ext-2']) } };
    return s;
  });
  return { Version: '2012-10-17', Statement: statements };
}

const ASSUME_ROLE: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/target' }],
};

run(
  'sts:AssumeRole trust policies, same- and cross-account, agree with iam-simulate (500 random requests)',
  4242,
  500,
  (r, c) => {
    if (chance(r, 0.5)) {
      c.principal = { arn: SESSION_ARN, roleArn: ROLE_ARN };
      c.context['aws:PrincipalArn'] = ROLE_ARN;
      delete c.context['aws:username'];
    }
    if (chance(r, 0.5)) c.context['sts:ExternalId'] = pick(r, ['ext-1', 'ext-2']);
    if (chance(r, 0.4)) {
      c.resourceAccount = OTHER;
      c.resource = `arn:aws:iam::${OTHER}:role/target`;
    }
    c.resourcePolicy = genTrustPolicy(r);
    const id = r();
    c.identity = id < 0.4 ? [] : id < 0.8 ? [ASSUME_ROLE] : c.identity;
    if (chance(r, 0.2)) c.boundary = chance(r, 0.5) ? ASSUME_ROLE : genPolicy(r);
  },
  [['sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/target`]],
  ['allowedByResourceAlone', 'allowedCrossAccount'],
);
