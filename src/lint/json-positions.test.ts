import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonWithPositions } from './json-positions.js';
import { formatJsonPath, parseJsonPath } from './paths.js';

function ok(text: string) {
  const r = parseJsonWithPositions(text);
  assert.ok(r.ok, `parses: ${r.ok ? '' : r.message}`);
  return r;
}

function err(text: string) {
  const r = parseJsonWithPositions(text);
  assert.ok(!r.ok, 'fails');
  return r;
}

describe('parseJsonWithPositions', () => {
  it('gives the same value as JSON.parse for every kind of value', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n\\"q\\""], "b": {}, "c": [], "d": 0}';
    assert.deepEqual(ok(text).value, JSON.parse(text));
  });

  it('locates values and keys by path, 1-based, with an exclusive end column', () => {
    const text = '{\n  "Statement": [\n    {"Action": ["s3:GetObject", "s3:PutObject"]}\n  ]\n}';
    const r = ok(text);
    assert.deepEqual(r.locate(['Statement', 0, 'Action', 1]), {
      startLine: 3,
      startColumn: 33,
      endLine: 3,
      endColumn: 47,
    });
    assert.deepEqual(r.locate(['Statement', 0, 'Action'], 'key'), {
      startLine: 3,
      startColumn: 6,
      endLine: 3,
      endColumn: 14,
    });
    assert.equal(r.locate(['Statement']).startLine, 2);
    assert.equal(r.locate(['Statement']).endLine, 4);
  });

  it('falls back to the nearest ancestor for a path that is not in the document', () => {
    const r = ok('{\n  "Statement": {"Effect": "Allow"}\n}');
    assert.deepEqual(r.locate(['Statement', 'Resource']), r.locate(['Statement']));
    assert.equal(r.locate(['Statement', 'Resource']).startColumn, 16);
  });

  it('reports duplicate keys with both positions', () => {
    const r = ok('{\n "a": 1,\n "a": 2\n}');
    assert.deepEqual(r.value, { a: 2 });
    assert.equal(r.duplicates.length, 1);
    assert.deepEqual(r.duplicates[0].path, ['a']);
    assert.equal(r.duplicates[0].first.startLine, 2);
    assert.equal(r.duplicates[0].second.startLine, 3);
  });

  it('keeps "__proto__" as a plain key instead of changing the prototype', () => {
    const v = ok('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.deepEqual(Object.keys(v), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('ignores a byte-order mark in columns', () => {
    assert.deepEqual(ok('\ufeff{"a": 1}').locate(['a']).startColumn, 7);
  });

  it('points syntax errors at the offending character', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{"a": 1,}', 1, 9, /trailing comma/],
      ['[1, 2,]', 1, 7, /trailing comma/],
      ['{"a" 1}', 1, 6, /expected ':'/],
      ['{\n  "a": tru\n}', 2, 8, /expected a JSON value/],
      ['{"a": 01}', 1, 8, /expected ',' or '}'/],
      ['{"a": "x\n"}', 1, 7, /unterminated string/],
      ['{"a": "\\x"}', 1, 8, /invalid escape/],
      ['{"a": 1} x', 1, 10, /after the JSON value/],
      ['', 1, 1, /end of input/],
      ['{"a": [1, 2}', 1, 12, /expected ',' or ']'/],
      ["{'a': 1}", 1, 2, /expected a "key"/],
    ];
    for (const [text, line, column, message] of cases) {
      const r = err(text);
      assert.equal(r.region.startLine, line, text);
      assert.equal(r.region.startColumn, column, text);
      assert.match(r.message, message, text);
    }
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    assert.match(err(`${'['.repeat(5000)}${']'.repeat(5000)}`).message, /nesting deeper/);
  });
});

describe('JSON paths', () => {
  it('round-trips the paths src/policy reports', () => {
    for (const p of [
      '$.Statement[1].Effect',
      '$.Statement.Action[2]',
      '$.Statement[0].Condition.ForAnyValue:StringLike["aws:TagKeys"]',
      '$.Statement[0].Principal.AWS[3]',
      '$',
    ]) {
      assert.equal(formatJsonPath(parseJsonPath(p)), p);
    }
    assert.deepEqual(parseJsonPath('$.Statement[0].Condition.StringEquals["aws:PrincipalTag/team"]'), [
      'Statement',
      0,
      'Condition',
      'StringEquals',
      'aws:PrincipalTag/team',
    ]);
  });
});
