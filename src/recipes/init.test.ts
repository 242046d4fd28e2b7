import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadBlueprint } from '../blueprint/index.js';
import { OnrampError } from '../core/errors.js';
import { findRecipe } from './catalog.js';
import { type Asker, initRecipe, type ParamQuestion } from './init.js';
import { loadProfiles } from './profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'onramp-init-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const code = (c: string) => (e: unknown) => e instanceof OnrampError && e.code === c;

describe('onramp init (library)', () => {
  it('writes a ready blueprint: --var values become defaults, comments survive, it loads without vars', async () => {
    const out = join(dir, 'amplify.yaml');
    const r = await initRecipe({ recipe: findRecipe('amplify'), out, varFlags: ['email=dev@example.com'] });
    assert.equal(r.path, out);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /^# AWS Amplify local development/m);
    assert.match(text, /default: dev@example\.com/);
    const report = await loadBlueprint(out);
    assert.ok(report.ok);
    assert.equal(report.blueprint?.values.email, 'dev@example.com');
    assert.deepEqual(r.values.email, { shown: 'dev@example.com', origin: 'var' });
    assert.deepEqual(r.values.userName, { shown: 'amplify-admin', origin: 'default' });
    assert.equal(statSync(out).mode & 0o777, 0o644);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('without a terminal, names every missing param and writes nothing (ONR-E151)', async () => {
    const out = join(dir, 'orchestera.yaml');
    await assert.rejects(initRecipe({ recipe: findRecipe('orchestera'), out }), (e: unknown) => {
      assert.ok(e instanceof OnrampError);
      assert.equal(e.code, 'ONR-E151');
      assert.equal(e.exitCode, 2);
      assert.deepEqual(e.details?.missing, ['memberEmail', 'externalId']);
      assert.match(e.message, /memberEmail, externalId/);
      return true;
    });
    assert.equal(existsSync(out), false);
  });

  it('refuses to overwrite without --force (ONR-E152) and replaces with it', async () => {
    const out = join(dir, 'taken.yaml');
    writeFileSync(out, 'mine\n');
    const recipe = findRecipe('fractal-cloud');
    await assert.rejects(initRecipe({ recipe, out, example: true }), code('ONR-E152'));
    assert.equal(readFileSync(out, 'utf8'), 'mine\n');
    await initRecipe({ recipe, out, example: true, force: true });
    assert.match(readFileSync(out, 'utf8'), /fractal-cloud-initializer/);
  });

  it('asks for missing params on a terminal and asks again after an invalid answer', async () => {
    const questions: ParamQuestion[] = [];
    const answers = ['not-an-email', 'ops@example.com', 'x', 'ext-id-123'];
    const ask: Asker = async (q) => {
      questions.push(q);
      return answers.shift() ?? '';
    };
    const out = join(dir, 'asked.yaml');
    const r = await initRecipe({ recipe: findRecipe('orchestera'), out, ask });
    assert.deepEqual(
      questions.map((q) => [q.name, q.error !== undefined]),
      [
        ['memberEmail', false],
        ['memberEmail', true],
        ['externalId', false],
        ['externalId', true],
      ],
    );
    assert.match(questions[1].error ?? '', /does not match/);
    assert.equal(questions[0].spec.pattern, '[^@\\s]+@[^@\\s]+\\.[^@\\s]+');
    assert.deepEqual(r.values.externalId, { shown: '(secret)', origin: 'answer' });
    // The ExternalId is in the file, so only its owner may read it.
    assert.equal(statSync(out).mode & 0o777, 0o600);
    const report = await loadBlueprint(out);
    assert.ok(report.ok);
    assert.deepEqual(report.blueprint?.secrets, ['ext-id-123']);
  });

  it('reports a --var that breaks the param pattern, or names an unknown param, with the blueprint codes', async () => {
    const recipe = findRecipe('workbench');
    await assert.rejects(
      initRecipe({ recipe, varFlags: ['workbenchAccounts=12345'] }),
      (e: unknown) => e instanceof OnrampError && e.code === 'ONR-E131' && /12345/.test(e.message),
    );
    await assert.rejects(
      initRecipe({ recipe, varFlags: ['workbenchAcounts=111111111111'] }),
      (e: unknown) =>
        e instanceof OnrampError && e.code === 'ONR-E132' && /workbenchAccounts/.test(e.hint ?? ''),
    );
  });

  it('--var wins over --example, and lists expand into the policy', async () => {
    const r = await initRecipe({
      recipe: findRecipe('workbench'),
      example: true,
      varFlags: ['workbenchAccounts=123456789012,210987654321,310987654321'],
    });
    assert.equal(r.values.workbenchAccounts.origin, 'var');
    assert.equal(r.values.permissionSetName.origin, 'example');
    assert.match(r.text, /default: \["123456789012", "210987654321", "310987654321"\]/);
    const report = await loadBlueprint({ text: r.text });
    const inline = report.blueprint?.identityCenter.permissionSets.workbench.inlinePolicy as {
      Statement: { Resource: string[] }[];
    };
    assert.equal(inline.Statement[0].Resource.length, 6);
  });

  it('fills and validates a profiles recipe', async () => {
    const r = await initRecipe({
      recipe: findRecipe('science-cloud'),
      varFlags: [
        'startUrl=https://d-1234567890.awsapps.com/start',
        'accounts=dev=111122223333,prod=444455556666',
        'roles=ReadOnlyAccess,PowerUser',
      ],
    });
    const loaded = loadProfiles(r.text);
    assert.ok(loaded.ok, loaded.errors.map((e) => e.message).join('\n'));
    assert.deepEqual(
      loaded.value?.profiles.map((p) => p.name),
      ['dev-ReadOnlyAccess', 'dev-PowerUser', 'prod-ReadOnlyAccess', 'prod-PowerUser'],
    );
    assert.match(r.nextSteps.join('\n'), /aws sso login --sso-session my-sciencecloud-sso/);
  });
});
