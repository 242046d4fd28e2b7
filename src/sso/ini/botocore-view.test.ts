/**
 * botocore's reading rules, one case each (every expectation was checked against botocore 1.43's
 * configloader.load_config; interop-botocore.test.ts re-checks hundreds of generated files live).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { botocoreView, type ProblemCode, rawSections, stringValue } from './botocore-view.js';
import { IniDocument } from './document.js';

const view = (text: string) => botocoreView(IniDocument.parse(text));
const codes = (text: string): ProblemCode[] => view(text).problems.map((p) => p.code);

test('a later spelling of the same profile replaces the earlier one wholesale', () => {
  const v = view('[profile a]\nregion = r1\nfoo = 1\n[profile  a]\noutput = json\n');
  assert.deepEqual([...v.profiles.get('a')!.values.keys()], ['output']);
  assert.deepEqual(codes('[profile a]\nregion = r1\n[profile  a]\noutput = json\n'), ['shadowed-section']);
  assert.equal(view('[profile a]\n[profile  a]\n').fatal, false);
});

test('[default] and [profile default]: whichever comes later wins', () => {
  assert.equal(
    stringValue(
      view('[default]\nregion=r1\n[profile default]\nregion=r2\n').profiles.get('default'),
      'region',
    ),
    'r2',
  );
  assert.equal(
    stringValue(
      view('[profile default]\nregion=r2\n[default]\nregion=r1\n').profiles.get('default'),
      'region',
    ),
    'r1',
  );
});

test('what makes botocore reject the whole file', () => {
  for (const [text, code] of [
    ['[profile a]\nregion=x\n[profile a]\noutput=json\n', 'duplicate-section'],
    ['[default]\nregion=a\nregion=b\n', 'duplicate-key'],
    ['[default]\nregion\n', 'invalid-line'],
    ['\ufeff[default]\nregion=x\n', 'bom'],
    ['region=x\n[default]\n', 'orphan-line'],
    ['[default]\n= x\n', 'empty-key'],
    ['[default]\ns3 =\n  not a pair\n', 'nested-value'],
  ] as const) {
    const v = view(text);
    assert.ok(v.fatal, text);
    assert.ok(
      v.problems.some((p) => p.code === code && p.fatal),
      `${text}: ${JSON.stringify(v.problems)}`,
    );
  }
});

test('values: no inline comments, colon delimiter, lower-cased keys, nested maps', () => {
  const v = view(
    '[default]\nREGION: eu-west-1 # hi\nsso_start_url = https://x/start#\ns3 =\n  max_concurrent_requests = 10\n\n  addressing_style = path\n',
  );
  const p = v.profiles.get('default')!;
  assert.equal(stringValue(p, 'region'), 'eu-west-1 # hi');
  assert.equal(stringValue(p, 'sso_start_url'), 'https://x/start#');
  assert.deepEqual(p.values.get('s3')!.value, { max_concurrent_requests: '10', addressing_style: 'path' });
  assert.equal(p.values.get('s3')!.line, 4);
});

test('[DEFAULT] keys show up in every section that lacks them', () => {
  const v = view('[DEFAULT]\nregion = zz\n[profile a]\noutput = json\n[profile b]\nregion = b\n');
  assert.equal(stringValue(v.profiles.get('a'), 'region'), 'zz');
  assert.equal(stringValue(v.profiles.get('b'), 'region'), 'b');
  assert.ok(codes('[DEFAULT]\nregion = zz\n').includes('defaults-section'));
});

test('quoted names, sessions, services, ignored and other sections', () => {
  const v = view(
    '[profile "a b"]\nregion=x\n[sso-session s]\nsso_region=r\n[services local]\ns3 =\n  endpoint_url = http://x\n[profile two words]\nregion=1\n[plugins]\ncli_legacy_plugin_path = /p\n',
  );
  assert.deepEqual([...v.profiles.keys()], ['a b']);
  assert.equal(stringValue(v.ssoSessions.get('s'), 'sso_region'), 'r');
  assert.deepEqual(v.services.get('local')!.values.get('s3')!.value, { endpoint_url: 'http://x' });
  assert.deepEqual([...v.other.keys()], ['plugins']);
  assert.ok(v.problems.some((p) => p.code === 'ignored-section' && p.line === 8));
  assert.ok(
    v.problems.some((p) => p.code === 'js-sdk-name' && p.line === 1),
    'a b has a space',
  );
});

test('lone-CR files: fine for botocore, one line for the JS SDK', () => {
  const v = view('[default]\rregion=x\r');
  assert.equal(stringValue(v.profiles.get('default'), 'region'), 'x');
  assert.deepEqual(codes('[default]\rregion=x\r'), ['js-sdk-line-breaks']);
});

test('rawSections: credentials-file style, headers are names as written', () => {
  const raw = rawSections(
    IniDocument.parse('[default]\naws_access_key_id = A\n[profile x]\naws_access_key_id = B\n'),
  );
  assert.deepEqual([...raw.sections.keys()], ['default', 'profile x']);
  assert.equal(raw.sections.get('profile x')!.values.get('aws_access_key_id')!.line, 4);
});
