import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadBlueprint } from '../blueprint/index.js';
import { OnrampError } from '../core/errors.js';
import { findRecipe, RECIPES, recipePath, renderSteps } from './catalog.js';
import { resolveExample, resolveExamples, safeAccountName } from './examples.js';
import { initRecipe } from './init.js';
import { readParamSpecs } from './template.js';

describe('the recipe catalog', () => {
  it('has the five seed platforms, each with its files on disk', () => {
    const withRunbook = RECIPES.filter((r) => r.runbook).map((r) => r.name);
    assert.deepEqual(withRunbook, ['fractal-cloud', 'workbench', 'amplify', 'orchestera', 'science-cloud']);
    for (const r of RECIPES) {
      assert.ok(existsSync(recipePath(r.file)), r.file);
      assert.ok(existsSync(recipePath(r.readme)), r.readme);
    }
  });

  for (const recipe of RECIPES) {
    it(`${recipe.name}: every param has a description and an example, and every example a param`, () => {
      const specs = readParamSpecs(readFileSync(recipePath(recipe.file), 'utf8'));
      assert.ok(Object.keys(specs).length > 0);
      for (const [name, spec] of Object.entries(specs)) {
        assert.ok(spec.description && spec.description.length > 10, `${name} needs a description`);
        assert.ok(recipe.examples[name], `${name} needs an example in src/recipes/catalog.ts`);
      }
      assert.deepEqual(Object.keys(recipe.examples).sort(), Object.keys(specs).sort());
    });

    it(`${recipe.name}: --example gives a valid recipe offline and against an organization`, async () => {
      const offline = await initRecipe({ recipe, example: true });
      assert.ok(Object.values(offline.values).every((v) => v.origin === 'example'));
      const facts = {
        members: [
          { id: '210987654321', name: 'member-001' },
          { id: '310987654321', name: 'member 002' },
        ],
        startUrl: 'https://d-9067abcdef.awsapps.com/start',
      };
      const live = await initRecipe({ recipe, example: true, facts });
      assert.deepEqual(live.offlineExamples, []);
      if (recipe.kind === 'blueprint') {
        const report = await loadBlueprint({ text: live.text, file: 'x.yaml' });
        assert.ok(report.ok, report.errors.map((e) => e.message).join('\n'));
        assert.equal(report.blueprint?.unsetParams.length, 0);
      }
    });
  }

  it('suggests a close name for an unknown recipe', () => {
    assert.throws(
      () => findRecipe('fractal'),
      (e: unknown) =>
        e instanceof OnrampError &&
        e.code === 'ONR-E150' &&
        e.exitCode === 2 &&
        /fractal-cloud/.test(e.hint ?? ''),
    );
    assert.equal(findRecipe('amplify').name, 'amplify');
  });

  it('renders manual steps with what is known and leaves the rest visible', () => {
    const steps = renderSteps(['switch to {accounts.sparklith.id} as {params.user}'], {
      'accounts.sparklith.id': '123456789012',
    });
    assert.deepEqual(steps, ['switch to 123456789012 as <params.user>']);
  });
});

describe('live examples', () => {
  const members = [
    { id: '111111111111', name: 'member-001' },
    { id: '222222222222', name: 'Data Lake (prod)' },
    { id: '333333333333', name: 'member-003' },
  ];

  it('takes as many member accounts as the offline value lists', () => {
    assert.deepEqual(resolveExample({ value: '1,2', from: 'member-account-ids' }, { members }), {
      text: '111111111111,222222222222',
      live: true,
    });
    assert.equal(
      resolveExample({ value: 'x=1', from: 'member-account-pairs' }, { members: members.slice(1) }).text,
      'Data-Lake-prod=222222222222',
    );
  });

  it('falls back to the offline value without facts', () => {
    assert.deepEqual(resolveExample({ value: '1,2', from: 'member-account-ids' }, {}), {
      text: '1,2',
      live: false,
    });
    const all = resolveExamples(findRecipe('science-cloud'));
    assert.equal(all.startUrl.live, false);
    assert.equal(safeAccountName('  '), 'account');
  });
});
