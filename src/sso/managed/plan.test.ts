import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOnrampError } from '../../core/errors.js';
import { botocoreView, stringValue } from '../ini/botocore-view.js';
import { IniDocument } from '../ini/document.js';
import type { DesiredConfig } from './desired.js';
import { markerLine, parseMarker } from './marker.js';
import { planConfigChanges } from './plan.js';

const session = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1' };
const prod = {
  name: 'prod/Admin',
  ssoSession: 'acme',
  accountId: '111122223333',
  roleName: 'Admin',
  region: 'eu-west-1',
};
const dev = { name: 'dev/Admin', ssoSession: 'acme', accountId: '444455556666', roleName: 'Admin' };
const want = (...profiles: DesiredConfig['profiles']): DesiredConfig => ({
  ssoSessions: [session],
  profiles,
});
const M = markerLine('acme');

describe('adding', () => {
  test('into an empty file: the session, then the profiles, each under its marker', () => {
    const plan = planConfigChanges('', want(prod));
    assert.equal(
      plan.newText,
      [
        M,
        '[sso-session acme]',
        'sso_start_url = https://d-1234567890.awsapps.com/start',
        'sso_region = us-east-1',
        M,
        '[profile prod/Admin]',
        'sso_session = acme',
        'sso_account_id = 111122223333',
        'sso_role_name = Admin',
        'region = eu-west-1',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      plan.changes.map((c) => [c.action, c.section]),
      [
        ['add', '[sso-session acme]'],
        ['add', '[profile prod/Admin]'],
      ],
    );
  });

  test('the marker names the session and is plain ASCII', () => {
    assert.equal(parseMarker(M), 'acme');
    assert.match(M, /^[\x20-\x7e]+$/);
    assert.equal(parseMarker('# managed by someone else'), undefined);
  });

  test('a CRLF file gets CRLF lines; a profile named default is [default]', () => {
    const plan = planConfigChanges('[plugins]\r\nx = 1\r\n', want({ ...dev, name: 'default' }));
    assert.ok(plan.newText.startsWith('[plugins]\r\nx = 1\r\n# managed'));
    assert.ok(!/[^\r]\n/.test(plan.newText), 'only CRLF');
    assert.ok(plan.newText.includes('\r\n[default]\r\n'));
  });
});

describe('ownership', () => {
  const userFile =
    '[default]\nregion = us-west-2\n\n[profile prod/Admin]\nrole_arn = arn:aws:iam::1:role/x\n';

  test('a name used by an unowned section is an error with a hint and a file:line source', () => {
    assert.throws(
      () => planConfigChanges(userFile, want(prod), { path: '/h/.aws/config' }),
      (e) =>
        isOnrampError(e) &&
        e.code === 'ONR-E301' &&
        /\[profile prod\/Admin\] at line 4/.test(e.message) &&
        e.source?.kind === 'file' &&
        e.source.line === 4 &&
        /--adopt/.test(e.hint ?? ''),
    );
    // Other spellings of the same profile collide too.
    assert.throws(
      () => planConfigChanges('[profile "prod/Admin"]\nx=1\n', want(prod)),
      /ONR-E301|not managed/,
    );
    assert.throws(() => planConfigChanges('[default]\nx=1\n', want({ ...prod, name: 'default' })));
  });

  test('adopt takes the section over: marker added, user keys kept, managed keys set', () => {
    const plan = planConfigChanges(userFile, want(prod), { adopt: true });
    assert.equal(
      plan.newText,
      `[default]\nregion = us-west-2\n\n${markerLine('acme')}\n[profile prod/Admin]\nsso_session = acme\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = eu-west-1\nrole_arn = arn:aws:iam::1:role/x\n${M}\n[sso-session acme]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n`,
    );
    assert.ok(plan.changes.some((c) => c.action === 'adopt' && c.section === '[profile prod/Admin]'));
  });

  test('user keys inside an owned section survive; only changed lines change', () => {
    const first = planConfigChanges('', want(prod)).newText;
    const edited = first.replace('region = eu-west-1\n', 'region = eu-west-1\ncli_pager = less\n');
    const plan = planConfigChanges(edited, want({ ...prod, roleName: 'PowerUser' }));
    assert.equal(plan.newText, edited.replace('sso_role_name = Admin', 'sso_role_name = PowerUser'));
    assert.deepEqual(plan.changes, [
      {
        action: 'update',
        section: '[profile prod/Admin]',
        kind: 'profile',
        name: 'prod/Admin',
        keys: ['sso_role_name'],
      },
    ]);
    assert.match(plan.diff, /^-sso_role_name = Admin\n\+sso_role_name = PowerUser$/m);
  });

  test('re-applying the same desired state is a no-op', () => {
    const first = planConfigChanges('# hi\n', want(prod, dev)).newText;
    const again = planConfigChanges(first, want(prod, dev), { prune: true });
    assert.equal(again.newText, first);
    assert.deepEqual(again.changes, []);
    assert.equal(again.diff, '');
  });

  test('a different session in an owned marker is rewritten', () => {
    const first = planConfigChanges('', want(prod)).newText;
    const plan = planConfigChanges(first, { ssoSessions: [], profiles: [{ ...prod, ssoSession: 'other' }] });
    assert.ok(plan.newText.includes(`${markerLine('other')}\n[profile prod/Admin]\nsso_session = other\n`));
  });

  test('owned duplicates collapse to the last one; repeated managed keys to one line', () => {
    const block = `${M}\n[profile prod/Admin]\nsso_session = acme\nregion = a\nREGION = b\n`;
    const plan = planConfigChanges(`${block}[default]\nx = 1\n${block}`, want(prod));
    const v = botocoreView(IniDocument.parse(plan.newText));
    assert.equal(v.fatal, false, JSON.stringify(v.problems));
    assert.equal(stringValue(v.profiles.get('prod/Admin'), 'region'), 'eu-west-1');
    assert.equal(plan.newText.split('[profile prod/Admin]').length, 2);
  });
});

describe('pruning', () => {
  const both = planConfigChanges('[default]\nregion = x\n', want(prod, dev)).newText;

  test('removes owned profiles that are no longer wanted, and only those', () => {
    const plan = planConfigChanges(both, want(prod), { prune: true });
    assert.equal(plan.newText, planConfigChanges('[default]\nregion = x\n', want(prod)).newText);
    assert.deepEqual(
      plan.changes.map((c) => [c.action, c.name]),
      [['remove', 'dev/Admin']],
    );
  });

  test('without prune nothing is removed', () => {
    assert.equal(planConfigChanges(both, want(prod)).newText, both);
  });

  test("another session's owned sections are out of scope unless named", () => {
    const other = planConfigChanges(both, {
      ssoSessions: [{ ...session, name: 'other' }],
      profiles: [],
    }).newText;
    const plan = planConfigChanges(
      other,
      { ssoSessions: [{ ...session, name: 'other' }], profiles: [] },
      { prune: true },
    );
    assert.ok(plan.newText.includes('[profile dev/Admin]'));
    const gone = planConfigChanges(
      other,
      { ssoSessions: [], profiles: [] },
      { prune: true, pruneSessions: ['acme'] },
    );
    assert.ok(!gone.newText.includes('acme'));
    assert.ok(gone.newText.includes('[sso-session other]'));
  });

  test('an indented header under an owned key stops the sync (ONR-E309) instead of guessing', () => {
    const text = `${both}  [profile user]\n`;
    assert.throws(
      () => planConfigChanges(text, want(prod), { prune: true }),
      (e) =>
        isOnrampError(e) &&
        e.code === 'ONR-E309' &&
        e.source?.kind === 'file' &&
        e.source.line === text.split('\n').length - 1,
    );
  });
});

describe('validation', () => {
  test('unsafe values and names are refused (ONR-E302)', () => {
    for (const bad of [
      { ...prod, region: 'eu-west-1 # x' },
      { ...prod, region: '' },
      { ...prod, region: ' eu' },
      { ...prod, roleName: 'a\nb' },
      { ...prod, name: 'has space' },
      { ...prod, name: '__proto__' },
      { ...prod, extra: { 'Bad Key': 'v' } },
    ]) {
      assert.throws(
        () => planConfigChanges('', want(bad)),
        (e) => isOnrampError(e) && e.code === 'ONR-E302',
        JSON.stringify(bad),
      );
    }
  });

  test('the same profile wanted twice with different settings is an error (ONR-E307)', () => {
    assert.throws(
      () => planConfigChanges('', want(prod, { ...prod, accountId: '999999999999' })),
      (e) => isOnrampError(e) && e.code === 'ONR-E307',
    );
    assert.doesNotThrow(() => planConfigChanges('', want(prod, prod)));
  });

  test('extra keys are managed in order after the standard ones', () => {
    const plan = planConfigChanges('', want({ ...prod, output: 'json', extra: { cli_pager: 'less' } }));
    assert.match(plan.newText, /region = eu-west-1\noutput = json\ncli_pager = less\n$/);
  });
});
