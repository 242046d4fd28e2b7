import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyLines } from './classify.js';
import { IniDocument } from './document.js';
import { dominantEol, splitLines } from './lines.js';
import { identifySection, jsSdkSeesHeader, shlexSplit } from './section-name.js';

const kinds = (text: string) => classifyLines(splitLines(text).lines).map((i) => i.kind);

describe('lossless model', () => {
  const samples = [
    '',
    '\n',
    '\ufeff[default]\nregion=x\n',
    '[default]\r\nregion = x\r\n',
    '[default]\rregion = x\r',
    '[default]\nregion = x',
    '# only a comment',
    '[profile  "a b"]\n  key:value  \n\n\t\n;c\n',
    '[profile ünï]\nk = ☕ # not a comment\r\nmixed = yes\n',
    'orphan\n[default]\nnovalue\n',
  ];
  for (const text of samples) {
    test(`round-trips ${JSON.stringify(text)}`, () => {
      assert.equal(IniDocument.parse(text).toString(), text);
    });
  }

  test('splits lines like Python universal newlines and keeps each break', () => {
    assert.deepEqual(
      splitLines('a\r\nb\rc\nd').lines.map((l) => [l.text, l.eol]),
      [
        ['a', '\r\n'],
        ['b', '\r'],
        ['c', '\n'],
        ['d', ''],
      ],
    );
    assert.equal(dominantEol(splitLines('a\r\nb\r\nc\nd').lines), '\r\n');
    assert.equal(dominantEol(splitLines('no breaks').lines), '\n');
  });
});

describe('classification follows configparser', () => {
  test('comments, blanks, headers, options, continuations', () => {
    assert.deepEqual(kinds('# c\n[default]\n  ; indented comment\nregion = x\n\n  more\n[p]\n'), [
      'comment',
      'header',
      'comment',
      'option',
      'blank',
      'continuation',
      'header',
      'blank',
    ]);
  });

  test('an indented header under a key continues the key; after a header it is a header', () => {
    assert.deepEqual(kinds('[a]\nk = v\n  [b]\n'), ['header', 'option', 'continuation', 'blank']);
    assert.deepEqual(kinds('[a]\n  [b]\n'), ['header', 'header', 'blank']);
    // Continuation is relative to the option's own indentation.
    assert.deepEqual(kinds('[a]\n  k = v\n  j = w\n    deeper\n'), [
      'header',
      'option',
      'option',
      'continuation',
      'blank',
    ]);
  });

  test('orphans before the first header, invalid lines inside sections', () => {
    assert.deepEqual(kinds('junk\n[a]\nnovalue\n'), ['orphan', 'header', 'invalid', 'blank']);
  });

  test('option names are lower-cased and split at the first = or :', () => {
    assert.deepEqual(classifyLines(splitLines('[a]\n  SSO_Start_URL : https://x/start#a=b\n').lines)[1], {
      kind: 'option',
      key: 'sso_start_url',
      value: 'https://x/start#a=b',
    });
  });

  test('header names: greedy to the last ], anything after is ignored', () => {
    assert.equal(classifyLines(splitLines('[profile x] ; c').lines)[0].header, 'profile x');
    assert.equal(classifyLines(splitLines('[a] x ]').lines)[0].header, 'a] x ');
  });
});

describe('section identity (botocore build_profile_map)', () => {
  test('shlex split like Python', () => {
    assert.deepEqual(shlexSplit(`profile "a b"`), ['profile', 'a b']);
    assert.deepEqual(shlexSplit(`profile 'x'`), ['profile', 'x']);
    assert.deepEqual(shlexSplit('profile a\\ b'), ['profile', 'a b']);
    assert.deepEqual(shlexSplit(`profile "a\\"b\\x"`), ['profile', 'a"b\\x']);
    assert.deepEqual(shlexSplit(`profile ''`), ['profile', '']);
    assert.equal(shlexSplit(`profile "open`), undefined);
  });

  test('profiles, sessions, services, defaults and the odd ones', () => {
    assert.deepEqual(identifySection('profile  dev'), { kind: 'profile', name: 'dev' });
    assert.deepEqual(identifySection('default'), { kind: 'profile', name: 'default' });
    assert.deepEqual(identifySection('profiles x'), { kind: 'profile', name: 'x' });
    assert.deepEqual(identifySection('sso-session acme'), { kind: 'sso-session', name: 'acme' });
    assert.deepEqual(identifySection('services s3local'), { kind: 'services', name: 's3local' });
    assert.deepEqual(identifySection('profile a b'), { kind: 'ignored', name: 'profile a b' });
    assert.deepEqual(identifySection('DEFAULT'), { kind: 'defaults', name: 'DEFAULT' });
    assert.deepEqual(identifySection('plugins'), { kind: 'other', name: 'plugins' });
  });

  test('where the JS SDK starts a section', () => {
    assert.ok(jsSdkSeesHeader('  [profile x]  '));
    assert.ok(jsSdkSeesHeader('[profile x] # c'));
    assert.ok(!jsSdkSeesHeader('[profile x] junk'));
    assert.ok(!jsSdkSeesHeader('#[profile x]'));
  });
});

describe('edits touch only what they name', () => {
  const base =
    '# top\r\n[default]\r\nregion   =  us-east-1  \r\n# keep me\r\n[profile a]\r\nREGION: x\r\ns3 =\r\n  max = 1\r\n';

  test('setValue rewrites only the value, keeping spacing and the line break', () => {
    const doc = IniDocument.parse(base);
    assert.ok(doc.setValue(doc.sections()[0], 'region', 'eu-west-1'));
    assert.equal(doc.toString(), base.replace('us-east-1', 'eu-west-1'));
    assert.ok(!doc.setValue(doc.sections()[0], 'region', 'eu-west-1'), 'same value: no change');
  });

  test('a key the JS SDK cannot read (upper case, colon) is rewritten canonically', () => {
    const doc = IniDocument.parse(base);
    doc.setValue(doc.sections()[1], 'region', 'x');
    assert.equal(doc.toString(), base.replace('REGION: x', 'region = x'));
  });

  test('setting a multi-line key replaces its continuation lines', () => {
    const doc = IniDocument.parse(base);
    doc.setValue(doc.sections()[1], 's3', 'flat');
    assert.equal(doc.toString(), base.replace('s3 =\r\n  max = 1\r\n', 's3 = flat\r\n'));
  });

  test('a new key goes after the content, before trailing comments, with the file break', () => {
    const doc = IniDocument.parse(base);
    doc.setValue(doc.sections()[0], 'output', 'json');
    assert.equal(doc.toString(), base.replace('  \r\n# keep me', '  \r\noutput = json\r\n# keep me'));
  });

  test('a new key after an anchor key, or right below the header', () => {
    const doc = IniDocument.parse('[p]\nsso_session = s\nuser = 1\n');
    doc.setValue(doc.sections()[0], 'sso_account_id', '1', ['sso_session']);
    doc.setValue(doc.sections()[0], 'first', 'y', []);
    assert.equal(doc.toString(), '[p]\nfirst = y\nsso_session = s\nsso_account_id = 1\nuser = 1\n');
  });

  test('a new key follows the `key=value` style of the section', () => {
    const doc = IniDocument.parse('[p]\na=1\n');
    doc.setValue(doc.sections()[0], 'b', '2');
    assert.equal(doc.toString(), '[p]\na=1\nb=2\n');
  });

  test('a new key is indented like the next line, so an indented header stays a header', () => {
    const doc = IniDocument.parse('[a]\n  [b]\nk = v\n');
    doc.setValue(doc.sections()[0], 'x', '1');
    assert.equal(doc.toString(), '[a]\n  x = 1\n  [b]\nk = v\n');
    assert.deepEqual(
      doc.sections().map((s) => s.name),
      ['a', 'b'],
    );
  });

  test('append keeps the final-newline convention and removeRange undoes it exactly', () => {
    for (const text of ['', 'a=1', 'a=1\n', '[x]\r\na=1\r\n\r\n', '\n\n', '\ufeff']) {
      const doc = IniDocument.parse(text);
      const before = doc.lineCount;
      doc.append(['# m', '[profile p]', 'k = v']);
      const added = doc.toString();
      if (text.endsWith('\n')) assert.ok(added.endsWith('\n'), JSON.stringify(added));
      if (text === 'a=1') assert.equal(added, 'a=1\n# m\n[profile p]\nk = v');
      const start = doc.sections().at(-1)!.header - 1;
      doc.removeRange(start, start + 2);
      assert.equal(doc.toString(), text);
      assert.equal(doc.lineCount, before);
    }
  });

  test('addSection and removeSection are inverses; trailing comments stay', () => {
    const text = '[default]\r\nregion = x\r\n# about the next one\r\n[profile b]\r\nk = v';
    const doc = IniDocument.parse(text);
    doc.addSection('profile new', [['a', '1']], ['# hello']);
    assert.equal(doc.toString(), `${text}\r\n# hello\r\n[profile new]\r\na = 1`);
    doc.removeSection(doc.sections()[2], 1);
    assert.equal(doc.toString(), text);
    doc.removeSection(doc.sections()[0]);
    assert.equal(doc.toString(), '# about the next one\r\n[profile b]\r\nk = v');
  });

  test('removeKey removes every occurrence with its continuation lines', () => {
    const doc = IniDocument.parse('[p]\na = 1\ns3 =\n  x = 1\na = 2\nb = 3\n');
    assert.ok(doc.removeKey(doc.sections()[0], 'a'));
    doc.removeKey(doc.sections()[0], 's3');
    assert.equal(doc.toString(), '[p]\nb = 3\n');
    assert.ok(!doc.removeKey(doc.sections()[0], 'zzz'));
  });
});

describe('values as botocore returns them', () => {
  test('multi-line values join with newlines; blank lines inside count', () => {
    const doc = IniDocument.parse('[p]\nk = a\n  b\n\n  c\n\nnext = 1\n');
    assert.deepEqual(
      doc.sections()[0].options.map((o) => [o.key, o.value, o.line, o.last]),
      [
        ['k', 'a\nb\n\nc', 1, 4],
        ['next', '1', 6, 6],
      ],
    );
  });
});
