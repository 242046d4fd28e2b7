/**
 * Property: for 1,200 generated messy config files, a sync (add/update/prune owned profiles) leaves
 * every byte outside onramp's sections as it was, the result reads back (botocore's rules) as the
 * intended profiles, out-of-scope owned sections stay, and a second sync changes nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../core/clock.js';
import { isOnrampError } from '../../core/errors.js';
import { botocoreView, stringValue } from '../ini/botocore-view.js';
import { IniDocument } from '../ini/document.js';
import { joinLines, splitLines } from '../ini/lines.js';
import { generateConfig, IN_SCOPE, OUT_OF_SCOPE, OWNED_NAMES, pick } from '../test-config-gen.js';
import type { DesiredConfig, DesiredProfile } from './desired.js';
import { planConfigChanges } from './plan.js';

const RUNS = 1200;

/**
 * Removes owned blocks (marker line through the section's last key/continuation line) straight
 * from the line list, written independently of the planner: a block's own line breaks go with it,
 * and a block at the end of the file takes the break before it instead.
 */
function stripOwned(text: string): string {
  const doc = IniDocument.parse(text);
  const split = splitLines(text);
  const ranges: Array<[number, number]> = [];
  for (let h = 1; h < doc.lineCount; h++) {
    if (doc.info(h).kind !== 'header' || !/^\s*#\s*managed by onramp/.test(doc.text(h - 1))) continue;
    let last = h;
    for (let i = h + 1; i < doc.lineCount && doc.info(i).kind !== 'header'; i++) {
      if (['option', 'continuation', 'invalid'].includes(doc.info(i).kind)) last = i;
    }
    ranges.push([h - 1, last]);
  }
  for (const [start, last] of ranges.reverse()) {
    const lines = split.lines;
    if (last === lines.length - 1) {
      if (start === 0) split.lines = [{ text: '', eol: '' }];
      else {
        lines[start - 1] = { text: lines[start - 1].text, eol: '' };
        lines.splice(start, last - start + 1);
      }
    } else lines.splice(start, last - start + 1);
  }
  return joinLines(split);
}

function desiredFor(seed: number): DesiredConfig {
  const rng = seededRandom(seed * 7919);
  const names = OWNED_NAMES.filter(() => rng() < 0.5);
  if (rng() < 0.5) names.push(`alpha/new-${Math.floor(rng() * 3)}`);
  const profiles: DesiredProfile[] = names.map((name) => ({
    name,
    ssoSession: IN_SCOPE,
    accountId: pick(rng, ['111111111111', '333333333333']),
    roleName: pick(rng, ['Admin', 'PowerUser']),
    ...(rng() < 0.7 ? { region: pick(rng, ['eu-central-1', 'us-west-2']) } : {}),
  }));
  return {
    ssoSessions: [
      { name: IN_SCOPE, startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' },
    ],
    profiles,
  };
}

test(`sync preserves everything outside onramp's sections (${RUNS} generated files)`, () => {
  const stats = {
    ambiguous: 0,
    added: 0,
    updated: 0,
    removed: 0,
    crlf: 0,
    bom: 0,
    noFinalNewline: 0,
    fatalForBotocore: 0,
  };
  for (let seed = 1; seed <= RUNS; seed++) {
    const { text } = generateConfig(seededRandom(seed));
    const label = `seed ${seed}: ${JSON.stringify(text).slice(0, 300)}`;
    assert.equal(IniDocument.parse(text).toString(), text, `lossless round trip, ${label}`);
    const before = botocoreView(IniDocument.parse(text));
    if (text.includes('\r\n')) stats.crlf++;
    if (text.startsWith('\ufeff')) stats.bom++;
    if (!/[\r\n]$/.test(text)) stats.noFinalNewline++;
    if (before.fatal) stats.fatalForBotocore++;

    const desired = desiredFor(seed);
    let plan: ReturnType<typeof planConfigChanges>;
    try {
      plan = planConfigChanges(text, desired, { prune: true });
    } catch (e) {
      // An indented [header] under an onramp key: botocore and the JS SDK split the file differently.
      assert.ok(isOnrampError(e) && e.code === 'ONR-E309', `${String(e)}, ${label}`);
      const line = e.source?.kind === 'file' ? e.source.line! : 0;
      assert.match(IniDocument.parse(text).text(line - 1), /^\s+\[.*\]/, label);
      stats.ambiguous++;
      continue;
    }
    for (const c of plan.changes)
      stats[c.action === 'add' ? 'added' : c.action === 'remove' ? 'removed' : 'updated']++;

    assert.equal(stripOwned(plan.newText), stripOwned(text), `bytes outside owned sections, ${label}`);
    assert.equal(IniDocument.parse(plan.newText).toString(), plan.newText);
    if (stripOwned(text).replace(/^\ufeff/, '') !== '') {
      assert.equal(/[\r\n]$/.test(plan.newText), /[\r\n]$/.test(text), `final line break kept, ${label}`);
    }

    const after = botocoreView(IniDocument.parse(plan.newText));
    for (const p of desired.profiles) {
      const section = after.profiles.get(p.name);
      assert.ok(section, `profile ${p.name} present, ${label}`);
      assert.equal(stringValue(section, 'sso_session'), p.ssoSession, label);
      assert.equal(stringValue(section, 'sso_account_id'), p.accountId, label);
      assert.equal(stringValue(section, 'sso_role_name'), p.roleName, label);
      if (p.region) assert.equal(stringValue(section, 'region'), p.region, label);
    }
    const session = after.ssoSessions.get(IN_SCOPE);
    assert.equal(stringValue(session, 'sso_start_url'), 'https://d-1234567890.awsapps.com/start', label);
    assert.equal(stringValue(session, 'sso_region'), 'eu-west-1', label);
    for (const name of [...OWNED_NAMES, 'alpha/new-0', 'alpha/new-1', 'alpha/new-2']) {
      if (!desired.profiles.some((p) => p.name === name))
        assert.ok(!after.profiles.has(name), `${name} pruned, ${label}`);
    }
    for (const [name, section] of before.profiles) {
      if (!name.startsWith(`${OUT_OF_SCOPE}/`)) continue;
      const kept = after.profiles.get(name);
      assert.deepEqual(
        kept && [...kept.values].map(([k, v]) => [k, v.value]),
        [...section.values].map(([k, v]) => [k, v.value]),
        `out-of-scope ${name} untouched, ${label}`,
      );
    }

    const again = planConfigChanges(plan.newText, desired, { prune: true });
    assert.equal(again.newText, plan.newText, `second sync is a no-op, ${label}`);
    assert.deepEqual(again.changes, []);
    assert.equal(again.diff, '');
  }
  // The generator really produced the variety the property is about.
  assert.ok(stats.crlf > 200 && stats.bom > 20 && stats.noFinalNewline > 100, JSON.stringify(stats));
  assert.ok(stats.ambiguous < RUNS * 0.15, JSON.stringify(stats));
  assert.ok(stats.added > 500 && stats.updated > 300 && stats.removed > 300, JSON.stringify(stats));
});

test('a desired name that an unowned section already uses fails with ONR-E301 and a hint', () => {
  let collisions = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const { text } = generateConfig(seededRandom(seed));
    const view = botocoreView(IniDocument.parse(text));
    if (!view.profiles.has('dev')) continue;
    const desired = desiredFor(seed);
    const clash = {
      ...desired,
      profiles: [...desired.profiles, { name: 'dev', ssoSession: IN_SCOPE, accountId: '1', roleName: 'R' }],
    };
    assert.throws(
      () => planConfigChanges(text, clash, { prune: true, path: '/home/u/.aws/config' }),
      (e) =>
        isOnrampError(e) &&
        e.code === 'ONR-E301' &&
        /--adopt/.test(e.hint ?? '') &&
        e.source?.kind === 'file',
    );
    collisions++;
  }
  assert.ok(collisions > 20, `only ${collisions} files had a [profile dev]`);
});
