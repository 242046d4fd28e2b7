/**
 * Messages, hints and the edges of individual rules, on small inline policies.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText, shouldFail } from './lint.js';
import { detectKind } from './sources.js';
import type { Finding, LintOptions } from './types.js';

const policy = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement }, null, 2);

async function findings(text: string, options: LintOptions = {}, file = 'p.json'): Promise<Finding[]> {
  return (await lintText(file, text, options)).findings;
}

const only = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);

describe('rule messages and hints', () => {
  it('suggests the nearest service prefix, action and condition key', async () => {
    const fs = await findings(
      policy({
        Sid: 'A',
        Effect: 'Allow',
        Action: ['iamm:PassRole', 'iam:PassRoles'],
        Resource: 'arn:aws:iam::111122223333:role/app',
        Condition: { StringEquals: { 'iam:PassedToServices': 'ec2.amazonaws.com' } },
      }),
    );
    assert.match(only(fs, 'ONR-L010')[0].hint, /Did you mean iam:PassRole\?/);
    assert.match(only(fs, 'ONR-L011')[0].message, /"iam:PassRoles" is not an action of the iam service/);
    assert.match(only(fs, 'ONR-L011')[0].hint, /^Did you mean iam:PassRole[ ?]/);
    assert.match(only(fs, 'ONR-L012')[0].hint, /iam:PassedToService/);
  });

  it('names the statement by Sid, by index, or as the statement', async () => {
    const one = await findings(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      }),
    );
    assert.match(only(one, 'ONR-L020')[0].message, /^the statement allows "iam:\*"/);
    const two = await findings(
      policy(
        { Sid: 'Keep', Effect: 'Allow', Action: 'sts:*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      ),
    );
    assert.deepEqual(
      only(two, 'ONR-L020').map((f) => f.message.split(' allows')[0]),
      ['statement "Keep"', 'Statement[1]'],
    );
  });

  it('explains the Orchestera escalation and duplicates with the actions involved', async () => {
    const { readFile } = await import('node:fs/promises');
    const file = new URL('./fixtures/seed-003-orchestera-access-policy.json', import.meta.url);
    const fs = await findings(await readFile(file, 'utf8'));
    const esc = only(fs, 'ONR-L022')[0];
    assert.match(esc.message, /iam:PassRole on any role together with ec2:RunInstances \(via "ec2:\*"\)/);
    assert.match(esc.message, /cloudformation:CreateStack \(via "cloudformation:\*"\)/);
    assert.match(esc.message, /iam:AttachRolePolicy/);
    assert.deepEqual(
      only(fs, 'ONR-L032').map((f) => f.message.match(/"([^"]+)"/)?.[1]),
      [
        'iam:CreateInstanceProfile',
        'iam:GetInstanceProfile',
        'iam:DeleteInstanceProfile',
        'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:CreatePolicy',
        'iam:GetPolicy',
        'iam:TagPolicy',
      ],
    );
    assert.match(only(fs, 'ONR-L032')[0].message, /first on line 18/);
    assert.match(
      only(fs, 'ONR-L021')[0].message,
      /28 permissions-management and \d+ write actions on Resource "\*"/,
    );
  });

  it('does not count escalation that an unconditional Deny removes', async () => {
    const allow = { Sid: 'Versions', Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' };
    assert.equal(only(await findings(policy(allow)), 'ONR-L022').length, 1);
    const deny = { Sid: 'Never', Effect: 'Deny', Action: 'iam:*PolicyVersion', Resource: '*' };
    assert.equal(only(await findings(policy(allow, deny)), 'ONR-L022').length, 0);
  });

  it('does not count actions granted only on resources of another service', async () => {
    const fs = await findings(
      policy({ Sid: 'S3Only', Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b/*' }),
    );
    assert.deepEqual(
      fs.map((f) => f.ruleId),
      ['ONR-L030'],
    );
  });

  it('reads an empty Condition object as no condition (what the console writes)', async () => {
    const trust = policy({
      Sid: 'Vendor',
      Effect: 'Allow',
      Principal: { AWS: '017059471480' },
      Action: 'sts:AssumeRole',
      Condition: {},
    });
    const fs = await findings(trust);
    assert.deepEqual(
      fs.map((f) => f.ruleId),
      ['ONR-L023', 'ONR-L025'],
    );
    assert.match(
      fs[0].message,
      /lets account 017059471480 assume the role without an sts:ExternalId condition/,
    );
  });

  it('skips policy variables in condition values and accepts web-identity provider keys', async () => {
    const fs = await findings(
      policy({
        Sid: 'Vars',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
        Condition: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable
          NumericLessThan: { 'aws:MultiFactorAuthAge': '${aws:EpochTime}' },
          StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:x:y' },
        },
      }),
    );
    assert.deepEqual(fs, []);
  });
});

describe('files and kinds', () => {
  it('guesses identity, trust and resource policies', () => {
    assert.equal(detectKind({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }), 'identity');
    assert.equal(
      detectKind({
        Statement: [
          { Effect: 'Allow', Principal: { AWS: '1' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
        ],
      }),
      'trust',
    );
    assert.equal(
      detectKind({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] }),
      'resource',
    );
  });

  it('lints a JSON blueprint as a blueprint', async () => {
    const bp = JSON.stringify({
      version: 1,
      name: 'json-blueprint',
      accounts: {
        a: {
          id: '111111111111',
          iam: {
            policies: {
              P: {
                document: {
                  Version: '2012-10-17',
                  Statement: [{ Sid: 'X', Effect: 'Allow', Action: '*', Resource: '*' }],
                },
              },
            },
          },
        },
      },
    });
    const fs = await findings(bp, {}, 'bp.json');
    assert.deepEqual(
      fs.map((f) => [f.ruleId, f.policy]),
      [['ONR-L020', 'accounts.a.iam.policies.P']],
    );
  });

  it('treats a YAML file that is not a blueprint as a blueprint error, not a crash', async () => {
    const fs = await findings('just: a mapping\n', {}, 'x.yaml');
    assert.ok(fs.length > 0 && fs.every((f) => f.ruleId === 'ONR-L003'));
  });
});

describe('--fail-on', () => {
  const f = (severity: Finding['severity']): Finding => ({
    ruleId: 'ONR-L041',
    severity,
    message: 'm',
    hint: 'h',
    file: 'f',
    region: { startLine: 1, startColumn: 1 },
  });
  it('fails at or above the level', () => {
    assert.equal(shouldFail([f('security')], 'error'), false);
    assert.equal(shouldFail([f('error')], 'error'), true);
    assert.equal(shouldFail([f('security')], 'security'), true);
    assert.equal(shouldFail([f('suggestion')], 'warning'), false);
    assert.equal(shouldFail([f('warning')], 'warning'), true);
    assert.equal(shouldFail([f('suggestion')], 'suggestion'), true);
    assert.equal(shouldFail([], 'suggestion'), false);
  });
});

describe('text rendering', () => {
  it('renders file:line:col severity rule message, the policy, a hint line, and paints when asked', async () => {
    const { renderFinding, renderSummary } = await import('./render-text.js');
    const f: Finding = {
      ruleId: 'ONR-L020',
      severity: 'security',
      message: 'statement "X" allows "*"',
      hint: 'List only the actions needed.',
      file: 'bp.yaml',
      region: { startLine: 3, startColumn: 7 },
      policy: 'accounts.a.iam.policies.P',
    };
    assert.equal(
      renderFinding(f),
      'bp.yaml:3:7 security ONR-L020 statement "X" allows "*" (in accounts.a.iam.policies.P)\n  hint: List only the actions needed.',
    );
    const painted = renderFinding(f, (code, text) => `<${code}>${text}</${code}>`);
    assert.match(painted, /<red>security<\/red> <bold>ONR-L020<\/bold>/);
    assert.match(painted, /<dim>hint: /);
    assert.equal(
      renderSummary([f, { ...f, severity: 'warning' }], 1),
      '2 findings in 1 file: 0 error, 1 security, 1 warning, 0 suggestion',
    );
  });
});
