/** Builders and a table runner for the evaluator's documented-example suites (tests only). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './evaluate.js';
import type {
  Decision,
  DecisionStage,
  EvaluationRequest,
  LabelledPolicy,
  MatchedStatement,
  PolicyDocument,
  RequestPrincipal,
  Statement,
} from './types.js';

export const ACCT = '111122223333';
export const OTHER = '444455556666';

export function user(name: string, accountId = ACCT, userId?: string): RequestPrincipal {
  return { arn: `arn:aws:iam::${accountId}:user/${name}`, accountId, userId };
}

export function roleSession(
  role: string,
  session: string,
  accountId = ACCT,
  roleId?: string,
): RequestPrincipal {
  return {
    arn: `arn:aws:sts::${accountId}:assumed-role/${role}/${session}`,
    accountId,
    roleArn: `arn:aws:iam::${accountId}:role/${role}`,
    userId: roleId,
  };
}

export function doc(...statements: Statement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

export function policy(id: string, ...statements: Statement[]): LabelledPolicy {
  return { id, document: doc(...statements) };
}

export const allowAll = (id = 'AllowAll'): LabelledPolicy =>
  policy(id, { Sid: id, Effect: 'Allow', Action: '*', Resource: '*' });

export interface DocCase {
  name: string;
  req: Partial<EvaluationRequest> & Pick<EvaluationRequest, 'principal' | 'action' | 'resource'>;
  expect: Decision['decision'];
  stage?: DecisionStage;
  /** Statements that must be among the deciding ones. */
  decidedBy?: Array<Partial<MatchedStatement>>;
  reason?: RegExp;
}

/** Registers one node:test per case. */
export function runCases(group: string, cases: DocCase[]): void {
  for (const c of cases) {
    test(`${group}: ${c.name}`, () => {
      const d = evaluate({ identityPolicies: [], ...c.req });
      const detail = `${d.decision} (${d.reason})`;
      assert.equal(d.decision, c.expect, detail);
      if (c.stage) assert.equal(d.stage, c.stage, detail);
      if (c.expect === 'Allow') assert.equal(d.stage, undefined);
      for (const want of c.decidedBy ?? []) {
        const found = d.statements.some((s) =>
          Object.entries(want).every(([k, v]) => s[k as keyof MatchedStatement] === v),
        );
        assert.ok(
          found,
          `expected a deciding statement ${JSON.stringify(want)} in ${JSON.stringify(d.statements)}`,
        );
      }
      if (c.reason) assert.match(d.reason, c.reason);
    });
  }
}

/** Counts cases so suites can assert their own size. */
export function countCases(...groups: DocCase[][]): number {
  return groups.reduce((n, g) => n + g.length, 0);
}
