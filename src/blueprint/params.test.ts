import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OnrampError } from '../core/errors.js';
import { coerceParamValue, matchesPattern, parseVarFlag, resolveParams, type VarInput } from './params.js';

const flag = (name: string, value: string): VarInput => ({
  name,
  value,
  source: { kind: 'flag', flag: `--var ${name}` },
});
const file = (name: string, value: unknown): VarInput => ({
  name,
  value,
  source: { kind: 'file', file: 'vars.yaml', line: 1, column: 1 },
});

describe('--var parsing and coercion', () => {
  test('parseVarFlag splits at the first =', () => {
    assert.deepEqual(parseVarFlag('url=https://x/?a=b'), {
      name: 'url',
      value: 'https://x/?a=b',
      source: { kind: 'flag', flag: '--var url=…' },
    });
    const bad = parseVarFlag('=x');
    assert.ok(bad instanceof OnrampError);
    assert.equal(bad.code, 'ONR-E133');
  });

  test('text is coerced per type, with clear expectations on failure', () => {
    assert.deepEqual(coerceParamValue('number', '42', true), { value: 42 });
    assert.deepEqual(coerceParamValue('number', '4x', true), { expected: 'a number' });
    assert.deepEqual(coerceParamValue('boolean', 'YES', true), { value: true });
    assert.deepEqual(coerceParamValue('boolean', 'off', true), { expected: 'true or false' });
    assert.deepEqual(coerceParamValue('list', 'a, b,c', true), { value: ['a', 'b', 'c'] });
    assert.deepEqual(coerceParamValue('list', '["a","b"]', true), { value: ['a', 'b'] });
    assert.deepEqual(coerceParamValue('list', '', true), { value: [] });
    assert.deepEqual(coerceParamValue('string', '007', true), { value: '007' });
  });

  test('file values must already have the type; numbers for strings get a quoting hint', () => {
    assert.deepEqual(coerceParamValue('list', ['1', '2'], false), { value: ['1', '2'] });
    const r = coerceParamValue('string', 17059471480, false);
    assert.ok('expected' in r);
    assert.match(r.hint ?? '', /quote it/);
    assert.ok('expected' in coerceParamValue('list', [1, 2], false));
  });

  test('patterns match whole values and every list item', () => {
    assert.equal(matchesPattern('\\d{12}', '123456789012'), true);
    assert.equal(matchesPattern('\\d{12}', 'x123456789012'), false);
    assert.equal(matchesPattern('\\d{12}', ['123456789012', '1']), false);
  });
});

describe('resolveParams', () => {
  const specs = {
    region: { type: 'string' as const, default: 'us-east-1', pattern: '[a-z]{2}-[a-z]+-\\d' },
    hours: { type: 'number' as const },
    optional: { required: false },
    token: { secret: true },
  };

  test('later inputs win; defaults fill the rest; optional params may stay unset', () => {
    const r = resolveParams(specs, [flag('hours', '2'), file('hours', 4), flag('token', 's3cr3t')]);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.values, { hours: 4, region: 'us-east-1', token: 's3cr3t' });
    assert.deepEqual(r.unset, ['optional']);
  });

  test('every problem is collected, each with the source of the bad value', () => {
    const r = resolveParams(
      specs,
      [flag('hours', 'two'), flag('regoin', 'eu-west-1'), flag('region', 'mars')],
      {
        sourceOf: (n) => ({ kind: 'file', file: 'bp.yaml', line: 3, column: 3, path: `params.${n}` }),
      },
    );
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.source]),
      [
        ['ONR-E132', { kind: 'flag', flag: '--var regoin' }],
        ['ONR-E129', { kind: 'flag', flag: '--var hours' }],
        ['ONR-E131', { kind: 'flag', flag: '--var region' }],
        ['ONR-E130', { kind: 'file', file: 'bp.yaml', line: 3, column: 3, path: 'params.token' }],
      ],
    );
    assert.equal(r.errors[0].hint, 'did you mean `region`?');
  });

  test('secret values never appear in messages', () => {
    const r = resolveParams({ token: { type: 'number', secret: true } }, [flag('token', 'hunter2-pass')]);
    assert.equal(r.errors.length, 1);
    assert.doesNotMatch(r.errors[0].message, /hunter2/);
  });

  test('lenient mode turns missing required params into warnings', () => {
    const r = resolveParams({ hours: { type: 'number' } }, [], { lenient: true });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.warnings.map((w) => w.code),
      ['ONR-W104'],
    );
    assert.deepEqual(r.unset, ['hours']);
  });
});
