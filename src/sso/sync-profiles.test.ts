/**
 * The pure sync planner at the size of a large organization (700 accounts × 4 roles): names that
 * never take someone else's section, and adding, updating and pruning thousands of profiles in
 * linear time (the planner used to re-parse the file after every edit: 19 s to add 2,800 profiles,
 * 42 s to change their region).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { botocoreView } from './ini/botocore-view.js';
import { IniDocument } from './ini/document.js';
import { type AccountRoles, planSync, type SyncPlanInput } from './sync-profiles.js';

const session: SyncPlanInput['session'] = {
  name: 'corp',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'us-east-1',
  scopes: ['sso:account:access'],
  source: { kind: 'file', file: 'config' },
};
const org = (accounts: number, roles = ['Admin', 'Billing', 'Developer', 'ReadOnly']): AccountRoles[] =>
  Array.from({ length: accounts }, (_, i) => ({
    account: { accountId: String(100000000000 + i), accountName: `acct-${String(i).padStart(3, '0')}` },
    roles,
  }));
const timed = <T>(fn: () => T): [T, number] => {
  const t = Date.now();
  const v = fn();
  return [v, Date.now() - t];
};

describe('sync planner', () => {
  it('names profiles {account}/{role}, and never takes a name another section has', () => {
    const mine = '# managed by onramp (session: corp) - edits inside this section may be replaced\n';
    const text =
      '[profile acct-000/Admin]\nregion = eu-west-1\n' +
      `${mine}[profile acct-001/Admin]\nsso_session = other\n`.replace('session: corp', 'session: other');
    const plan = planSync(text, { session, entitlements: org(3, ['Admin']) });
    const names = plan.profiles.map((p) => p.name);
    assert.equal(names[2], 'acct-002/Admin');
    assert.match(names[0], /^acct-000\/Admin-[0-9a-f]{6}$/, 'a hand-written profile keeps its name');
    assert.match(names[1], /^acct-001\/Admin-[0-9a-f]{6}$/, "another session's profile keeps its name");
    assert.ok(plan.newText.startsWith(text), 'nothing of theirs changes');
  });

  it('adds, re-plans, updates and prunes 2,800 profiles in linear time', () => {
    const big = org(700);
    const [added, addMs] = timed(() => planSync('', { session, entitlements: big }));
    assert.equal(added.changes.length, 2800);
    assert.equal(botocoreView(IniDocument.parse(added.newText)).profiles.size, 2800);
    const [same, sameMs] = timed(() => planSync(added.newText, { session, entitlements: big }));
    assert.equal(same.changes.length, 0);
    assert.equal(same.newText, added.newText);
    const [moved, moveMs] = timed(() =>
      planSync(added.newText, { session, entitlements: big, region: 'eu-west-1' }),
    );
    assert.equal(moved.changes.length, 2800);
    assert.ok(moved.changes.every((c) => c.action === 'update' && c.keys?.join() === 'region'));
    assert.equal(moved.newText, added.newText.replaceAll('region = us-east-1', 'region = eu-west-1'));
    const [pruned, pruneMs] = timed(() =>
      planSync(moved.newText, { session, entitlements: big.slice(0, 350), region: 'eu-west-1', prune: true }),
    );
    assert.equal(pruned.changes.filter((c) => c.action === 'remove').length, 1400);
    assert.equal(botocoreView(IniDocument.parse(pruned.newText)).profiles.size, 1400);
    console.log(
      `plan 2,800 profiles: add ${addMs} ms, re-plan ${sameMs} ms, update ${moveMs} ms, prune half ${pruneMs} ms`,
    );
    for (const ms of [addMs, sameMs, moveMs, pruneMs]) assert.ok(ms < 5000, `${ms} ms`);
  });
});
