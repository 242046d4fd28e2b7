/** The pure parts of the wizard: side-by-side diff rows, error-to-field mapping, the access graph. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toDesired } from '../blueprint/desired.js';
import { OnrampError } from '../core/errors.js';
import { blueprintOf } from '../engine/test-engine.js';
import { accessGraph } from './graph.js';
import { sideBySide } from './plan-view.js';
import { fieldOf } from './recipe-form.js';

describe('sideBySide', () => {
  it('pairs removed and added lines, keeps the common ones on both sides', () => {
    assert.deepEqual(sideBySide(['{', '  "a": 1', '}'], ['{', '  "a": 2', '  "b": 3', '}']), [
      { op: ' ', left: '{', right: '{' },
      { op: '~', left: '  "a": 1', right: '  "a": 2' },
      { op: '+', right: '  "b": 3' },
      { op: ' ', left: '}', right: '}' },
    ]);
    assert.deepEqual(sideBySide(['x'], []), [{ op: '-', left: 'x' }]);
  });
});

describe('fieldOf', () => {
  const names = ['externalId', 'accounts'];
  it('maps an error to the flag or the param it names, and nothing else', () => {
    const flag = new OnrampError('ONR-E112', 'param `externalId` value (secret) does not match /x/', {
      source: { kind: 'flag', flag: '--var externalId=…' },
    });
    assert.equal(fieldOf(flag, names), 'externalId');
    const missing = new OnrampError('ONR-E110', 'param `accounts` is required and has no value', {
      source: { kind: 'file', file: 'b.yaml', path: 'params.accounts' },
    });
    assert.equal(fieldOf(missing, names), 'accounts');
    assert.equal(fieldOf(new OnrampError('ONR-E100', 'bad YAML'), names), undefined);
    assert.equal(fieldOf(new OnrampError('ONR-E100', 'param `other` is odd'), names), undefined);
  });
});

describe('accessGraph', () => {
  it('draws Identity Center users → groups → permission sets → accounts', () => {
    const bp = blueprintOf(`
version: 1
name: g
accounts:
  main:
    id: "111111111111"
    iam:
      policies:
        Reader:
          document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
identityCenter:
  users:
    ada: {userName: ada, displayName: Ada L, email: ada@example.com, givenName: Ada, familyName: L}
  groups:
    devs: {displayName: Devs, members: [ada]}
  permissionSets:
    dev: {name: Dev, managedPolicies: [ReadOnlyAccess]}
  assignments:
    - {permissionSet: dev, principal: {group: devs}, accounts: [main]}
`);
    const g = accessGraph(toDesired(bp, { 'caller.account': '111111111111' }));
    const edges = g.edges.map((e) => `${e.from} > ${e.to}`);
    assert.deepEqual(edges.filter((e) => /idc|permission-set/.test(e)).sort(), [
      'idc-group:Devs > permission-set:Dev',
      'idc-user:ada > idc-group:Devs',
      'permission-set:Dev > account:main',
    ]);
    assert.deepEqual(
      g.nodes.filter((n) => n.type === 'permission-set').map((n) => n.column),
      [2],
    );
    assert.equal(g.nodes.find((n) => n.id === 'account:main')?.details.id, '111111111111');
  });
});
