/**
 * Every numbered step of every seed runbook is mapped in its recipe's README table with one of the
 * three statuses. The seeds live beside the repository (../shared/seeds); in CI they must be there.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PACKAGE_ROOT, RECIPES, recipePath } from './catalog.js';
import { checkStepMapping, extractRunbookSteps, parseStepTable } from './runbook-steps.js';

const SEEDS = join(PACKAGE_ROOT, '..', 'shared', 'seeds');

describe('runbook steps are all mapped', () => {
  for (const recipe of RECIPES.filter((r) => r.runbook)) {
    it(`${recipe.name}: ${recipe.runbook}`, (t) => {
      const seed = join(SEEDS, recipe.runbook as string);
      if (!existsSync(seed)) {
        assert.notEqual(
          process.env.CI,
          'true',
          `${seed} is missing; CI clones shared/ beside the repository`,
        );
        t.skip(`${seed} not found (the seeds live in ../shared/seeds)`);
        return;
      }
      const steps = extractRunbookSteps(readFileSync(seed, 'utf8'));
      assert.ok(steps.length >= 3, `found only ${steps.length} numbered steps in ${seed}`);
      const rows = parseStepTable(readFileSync(recipePath(recipe.readme), 'utf8'));
      assert.ok(rows.length > 0, `${recipe.readme} has no | step | runbook | onramp | status | table`);
      assert.deepEqual(checkStepMapping(steps, rows), []);
    });
  }
});

const RUNBOOK = `Intro
1. Create the User
2. Create the Permission Set
Step 1 — Configure SSO credentials
Step 2 — Get your caller ARN
\`\`\`
1. not a step: inside a code fence
\`\`\`
### 1. Log in
`;

describe('extractRunbookSteps', () => {
  it('groups numbered lists by restarts and numbering styles, skipping code fences', () => {
    assert.deepEqual(
      extractRunbookSteps(RUNBOOK).map((s) => `${s.id} ${s.title}`),
      [
        '1.1 Create the User',
        '1.2 Create the Permission Set',
        '2.1 Configure SSO credentials',
        '2.2 Get your caller ARN',
        '3.1 Log in',
      ],
    );
  });
});

describe('checkStepMapping', () => {
  const steps = extractRunbookSteps('1. Create the User\n2. Create the Permission Set\n');
  const table = (rows: string) =>
    parseStepTable(`# x\n\n| step | runbook | onramp | status |\n| --- | --- | --- | --- |\n${rows}`);

  it('accepts a complete table, with extra word-named rows', () => {
    const rows = table(
      '| 1.1 | Create the User | identitystore CreateUser from the blueprint | automated |\n' +
        '| 1.2 | Create the Permission Set \\| predefined | sso-admin CreatePermissionSet and attach | automated |\n' +
        '| invite | accept the email | open the email and accept the invitation | manual |\n',
    );
    assert.deepEqual(checkStepMapping(steps, rows), []);
    assert.equal(rows[1].runbook, 'Create the Permission Set | predefined');
  });

  it('reports a missing step, a bad status, a shifted row, an unknown step and a thin onramp cell', () => {
    const rows = table(
      '| 1.1 | Create the Permission Set | identitystore CreateUser from the blueprint | done |\n' +
        '| 1.3 | Something | a b | manual |\n',
    );
    const problems = checkStepMapping(steps, rows);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems.join('\n'), /status "done"/);
    assert.match(problems.join('\n'), /the runbook has no step 1\.3/);
    assert.match(problems.join('\n'), /step 1\.2 "Create the Permission Set" is not mapped/);
    assert.match(problems.join('\n'), /should quote "Create the User"/);
    assert.match(problems.join('\n'), /precise onramp column/);
  });

  it('finds no table when the header differs', () => {
    assert.deepEqual(parseStepTable('| step | what | status |\n| - | - | - |\n| 1.1 | a | b |\n'), []);
  });
});
