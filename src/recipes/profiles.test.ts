import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseVarFlag, type VarInput } from '../blueprint/index.js';
import { findRecipe, recipePath } from './catalog.js';
import { loadProfiles } from './profiles.js';

const text = readFileSync(recipePath(findRecipe('science-cloud').file), 'utf8');
const vars = (...flags: string[]) => flags.map((f) => parseVarFlag(f) as VarInput);

describe('profiles recipes', () => {
  it('expands accounts × roles into profiles of one sso-session', () => {
    const r = loadProfiles(text, {
      vars: vars(
        'startUrl=https://d-1234567890.awsapps.com/start',
        'accounts=ScienceCloudProject-devAccount=111122223333',
        'roles=ReadOnlyAccess,PowerUser',
      ),
    });
    assert.ok(r.ok, r.errors.map((e) => e.message).join('\n'));
    assert.deepEqual(r.value?.ssoSession, {
      name: 'my-sciencecloud-sso',
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'us-east-1',
      registrationScopes: ['sso:account:access'],
    });
    assert.deepEqual(r.value?.profiles[1], {
      name: 'ScienceCloudProject-devAccount-PowerUser',
      ssoSession: 'my-sciencecloud-sso',
      accountId: '111122223333',
      accountName: 'ScienceCloudProject-devAccount',
      roleName: 'PowerUser',
      region: 'us-east-1',
      output: 'json',
    });
    assert.equal(r.value?.checkStaticKeys, true);
  });

  it('reports missing params with the blueprint codes', () => {
    const r = loadProfiles(text);
    assert.equal(r.ok, false);
    assert.deepEqual(r.errors.map((e) => e.code).sort(), ['ONR-E130', 'ONR-E130']);
  });

  it('refuses a start URL that is not an access portal and duplicate profile names', () => {
    const bad = loadProfiles(text, {
      vars: vars('startUrl=http://example.com/start', 'accounts=a=111122223333'),
    });
    assert.equal(bad.errors[0]?.code, 'ONR-E131');
    const dup = loadProfiles(text, {
      vars: vars('startUrl=https://d-1234567890.awsapps.com/start', 'accounts=a=111122223333,a=222233334444'),
    });
    assert.equal(dup.ok, false);
    assert.match(dup.errors[0]?.message ?? '', /two profiles would be named a-ReadOnlyAccess/);
  });

  it('refuses a malformed file with ONR-E159 naming the field', () => {
    const r = loadProfiles('version: 1\nkind: sso-profiles\nname: x\nssoSession: {name: s}\n');
    assert.equal(r.ok, false);
    assert.ok(r.errors.every((e) => e.code === 'ONR-E159'));
    assert.match(r.errors.map((e) => e.message).join('\n'), /ssoSession\.startUrl/);
  });
});
