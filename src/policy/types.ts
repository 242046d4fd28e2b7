/**
 * The policy model shared by the sandbox (which enforces it) and onramp verify (which predicts it).
 * Documents are AWS's JSON grammar; decisions carry the statements that decided them.
 */
export type StringOrArray = string | string[];

export type PrincipalBlock = '*' | Record<string, StringOrArray>;

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: StringOrArray;
  NotAction?: StringOrArray;
  Resource?: StringOrArray;
  NotResource?: StringOrArray;
  Principal?: PrincipalBlock;
  NotPrincipal?: PrincipalBlock;
  Condition?: Record<
    string,
    Record<string, StringOrArray | boolean | number | Array<string | boolean | number>>
  >;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Statement | Statement[];
}

/** A policy with a label saying where it came from, so explanations can name it. */
export interface LabelledPolicy {
  /** e.g. "arn:aws:iam::aws:policy/AdministratorAccess" or "role/app inline policy p1" or "trust policy". */
  id: string;
  document: PolicyDocument;
}

/** A context value: AWS context keys are strings, lists, booleans, numbers or dates (as strings). */
export type ContextValue = string | string[] | boolean | number;

export interface RequestPrincipal {
  /** The ARN the request is made as (a session ARN for assumed roles). */
  arn: string;
  accountId: string;
  /** For assumed roles, the role's ARN (what aws:PrincipalArn holds and role-ARN principals match). */
  roleArn?: string;
  /** The IAM user/role unique id, matched by principals given as ids. */
  userId?: string;
  /** AWS service principal such as sso.amazonaws.com, when a service is the caller. */
  service?: string;
  /** Federated principal (saml-provider ARN, cognito) when applicable. */
  federated?: string;
  /** True for the account's root user. */
  isRoot?: boolean;
}

export interface EvaluationRequest {
  principal: RequestPrincipal;
  action: string;
  resource: string;
  /** Account that owns the resource; cross-account when it differs from the principal's. */
  resourceAccount?: string;
  /** Context keys; aws:PrincipalArn, aws:PrincipalAccount and aws:username are derived when absent. */
  context?: Record<string, ContextValue>;
  identityPolicies: LabelledPolicy[];
  /** A resource-based policy, e.g. a role's trust policy for sts:AssumeRole. */
  resourcePolicy?: LabelledPolicy;
  permissionsBoundary?: LabelledPolicy;
  /** Service control policies on the principal's account path; each level must allow. */
  scps?: LabelledPolicy[][];
  sessionPolicies?: LabelledPolicy[];
}

export interface MatchedStatement {
  policyId: string;
  /** Index in the policy's Statement list. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Which part of the evaluation the policy took part in. */
  role: 'identity' | 'resource' | 'boundary' | 'scp' | 'session';
}

export interface Decision {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** Statements that decided it: the denying ones, or the allowing ones in each required part. */
  statements: MatchedStatement[];
  /** A sentence for people, e.g. "no statement in the trust policy allows arn:… to sts:AssumeRole". */
  reason: string;
  /**
   * For denials, the part of the evaluation that decided: an explicit deny anywhere, or the first
   * required part that had no applicable Allow. Absent for Allow.
   */
  stage?: DecisionStage;
}

/** Which part of the evaluation decided a denial (see Decision.stage). */
export type DecisionStage = 'explicit-deny' | 'scp' | 'resource' | 'identity' | 'boundary' | 'session';
