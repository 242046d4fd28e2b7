import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../core/clock.js';
import { isOnrampError } from '../core/errors.js';
import { PORTABLE_NAME } from './ini/section-name.js';
import {
  profileNames,
  profileSuffix,
  renderTemplate,
  sanitizeProfileName,
  validateTemplate,
} from './profile-names.js';

const entry = (
  accountName: string,
  roleName = 'AdministratorAccess',
  session = 'acme',
  accountId = '111122223333',
) => ({
  session,
  accountName,
  accountId,
  roleName,
});

test('the default template is {account}/{role}', () => {
  assert.deepEqual(profileNames([entry('prod')]), ['prod/AdministratorAccess']);
});

test('templates render every placeholder and reject unknown ones (ONR-E306)', () => {
  assert.equal(
    renderTemplate('{session}-{account}-{accountId}-{role}', entry('prod')),
    'acme-prod-111122223333-AdministratorAccess',
  );
  assert.equal(renderTemplate('{account}', entry('')), '111122223333', 'no account name: the id');
  for (const bad of ['{acount}/{role}', '{account}/{role', '{role}', 'static']) {
    assert.throws(
      () => validateTemplate(bad),
      (e) => isOnrampError(e) && e.code === 'ONR-E306',
      bad,
    );
  }
});

test('sanitising: accents folded, forbidden characters collapsed, edges trimmed', () => {
  assert.equal(sanitizeProfileName('Produção (EU) / Admin'), 'Producao-EU/Admin');
  assert.equal(sanitizeProfileName('  [weird]#name;=x  '), 'weird-name-x');
  assert.equal(sanitizeProfileName('a//b--c..d'), 'a/b-c..d');
  assert.equal(sanitizeProfileName('漢字'), 'profile');
  assert.equal(sanitizeProfileName('__proto__'), 'profile');
  assert.equal(sanitizeProfileName('dev.team@x+y_1'), 'dev.team@x+y_1');
});

test('every sanitised name is portable (random input)', () => {
  const rng = seededRandom(3);
  const alphabet = 'aZ09 _-./@+%:#;=[]"\'\\\tüé漢🚀()\u00a0\u200b';
  for (let i = 0; i < 2000; i++) {
    const raw = Array.from(
      { length: Math.floor(rng() * 16) },
      () => alphabet[Math.floor(rng() * alphabet.length)],
    ).join('');
    const name = sanitizeProfileName(raw);
    assert.match(name, PORTABLE_NAME, JSON.stringify(raw));
    assert.equal(sanitizeProfileName(name), name, 'idempotent');
  }
});

test('clashing names all get a suffix that depends only on session, account id and role', () => {
  const a = entry('prod', 'Admin', 'acme', '111111111111');
  const b = entry('prod', 'Admin', 'globex', '222222222222');
  const c = entry('dev', 'Admin', 'acme', '333333333333');
  const names = profileNames([a, b, c]);
  assert.deepEqual(names, [`prod/Admin-${profileSuffix(a)}`, `prod/Admin-${profileSuffix(b)}`, 'dev/Admin']);
  assert.deepEqual(profileNames([c, b, a]), [names[2], names[1], names[0]], 'order does not matter');
  assert.match(names[0], /^prod\/Admin-[0-9a-f]{6}$/);
});

test('the same account/role twice is one profile, not a clash', () => {
  assert.deepEqual(profileNames([entry('prod'), entry('prod')]), [
    'prod/AdministratorAccess',
    'prod/AdministratorAccess',
  ]);
});

test('names reserved by unowned sections are avoided', () => {
  const [name] = profileNames([entry('prod')], { reserved: ['prod/AdministratorAccess'] });
  assert.equal(name, `prod/AdministratorAccess-${profileSuffix(entry('prod'))}`);
});

test('names stay unique across many sessions (property)', () => {
  const rng = seededRandom(11);
  const inputs = Array.from({ length: 500 }, () =>
    entry(
      ['prod', 'Prod', 'dev', 'prod '][Math.floor(rng() * 4)],
      ['Admin', 'ReadOnly'][Math.floor(rng() * 2)],
      ['acme', 'globex', 'initech'][Math.floor(rng() * 3)],
      String(100000000000 + Math.floor(rng() * 40)),
    ),
  );
  const names = profileNames(inputs, { template: '{account}/{role}' });
  const byKey = new Map<string, string>();
  inputs.forEach((input, i) => {
    const key = `${input.session}|${input.accountId}|${input.roleName}`;
    if (byKey.has(key)) assert.equal(byKey.get(key), names[i]);
    byKey.set(key, names[i]);
    assert.match(names[i], PORTABLE_NAME);
  });
  assert.equal(new Set(byKey.values()).size, byKey.size, 'one name per account/role/session');
});
