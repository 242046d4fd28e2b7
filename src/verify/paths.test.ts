/** The access paths of the seed blueprints (pure: no AWS). */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadBlueprint, makeEvaluator, requireValid, toDesired } from '../blueprint/index.js';
import { accessPaths } from './paths.js';
import type { AccessPath } from './types.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'blueprint', 'fixtures');
const CALLER = { arn: 'arn:aws:iam::999999999999:role/Admin', account: '999999999999' };

async function pathsOf(
  file: string,
  vars: string[] = [],
  extra: Record<string, string> = {},
): Promise<AccessPath[]> {
  const bp = requireValid(await loadBlueprint(join(FIXTURES, file), { varFlags: vars }));
  const resolved = { 'caller.arn': CALLER.arn, 'caller.account': CALLER.account, ...extra };
  const ev = makeEvaluator(bp, resolved);
  const accountIds: Record<string, string> = {};
  for (const key of Object.keys(bp.accounts)) {
    const id = ev.string(`\${accounts.${key}.id}`);
    if (typeof id === 'string') accountIds[key] = id;
  }
  return accessPaths({ blueprint: bp, desired: toDesired(bp, resolved), caller: CALLER, accountIds });
}

describe('accessPaths', () => {
  it('Workbench: the group in every account, and each account’s sessions to that account’s roles', async () => {
    const ids = (await pathsOf('workbench.yaml')).map((p) => p.id).sort();
    const accounts = ['111111111111', '222222222222', '333333333333'];
    const expected = [
      ...accounts.map((a) => `sso-assignment:group DataScientists->DataScientist@${a}`),
      ...accounts.flatMap((a) => [
        `sso-role:sso DataScientist@${a}->arn:aws:iam::${a}:role/Workbench-ExecutionRole`,
        `sso-role:sso DataScientist@${a}->arn:aws:iam::${a}:role/Workbench-ReadOnlyRole`,
      ]),
    ].sort();
    assert.deepEqual(ids, expected);
  });

  it('Orchestera: the vendor with its ExternalId, and the management account into the new member', async () => {
    const paths = await pathsOf('orchestera.yaml', ['externalId=ext-123', 'memberEmail=m@example.com'], {
      'accounts.sparklith.id': '444444444444',
    });
    const vendor = paths.find((p) => p.kind === 'third-party');
    assert.deepEqual(vendor?.principal, { kind: 'vendor', account: '017059471480' });
    assert.equal(vendor?.externalId, 'ext-123');
    assert.equal(vendor?.allowWithoutExternalId, false);
    assert.deepEqual(vendor?.target, {
      kind: 'role',
      arn: 'arn:aws:iam::444444444444:role/OrchesteraAccessRole',
      declared: 'iam/sparklith/role/OrchesteraAccessRole',
    });
    const access = paths.filter((p) => p.kind === 'access-role').map((p) => p.target);
    assert.deepEqual(access, [
      { kind: 'role', arn: 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole' },
    ]);
  });

  it('leaves out paths into a member whose id is not known yet', async () => {
    const paths = await pathsOf('orchestera.yaml', ['externalId=ext-123', 'memberEmail=m@example.com']);
    assert.deepEqual(paths, []);
  });

  it('Fractal: the caller into the initializer role, the user into the permission set', async () => {
    const paths = await pathsOf('fractal.yaml', ['adminEmail=a@example.com']);
    assert.deepEqual(
      paths.map((p) => [p.kind, p.principal, p.id]),
      [
        [
          'sso-assignment',
          { kind: 'idc', principalType: 'USER', name: 'fractal-admin' },
          'sso-assignment:user fractal-admin->AdministratorAccess@999999999999',
        ],
        [
          'caller',
          { kind: 'caller' },
          'caller:caller->arn:aws:iam::999999999999:role/fractal-cloud-initializer',
        ],
      ],
    );
  });

  it('graph: a role trusting a role, a role trusting a foreign account, and both members reached', async () => {
    const paths = await pathsOf('graph.yaml', [], { 'accounts.prod.id': '555555555555' });
    const byKind = (k: AccessPath['kind']) => paths.filter((p) => p.kind === k).map((p) => p.id);
    assert.deepEqual(byKind('specific-role'), [
      'specific-role:arn:aws:iam::111111111111:role/ci/deployer->arn:aws:iam::555555555555:role/deploy',
    ]);
    assert.deepEqual(byKind('account'), [
      'account:account 111111111111->arn:aws:iam::111111111111:role/ci/deployer',
    ]);
    assert.deepEqual(byKind('access-role'), [
      'access-role:caller->arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
      'access-role:caller->arn:aws:iam::555555555555:role/OrganizationAccountAccessRole',
    ]);
    assert.deepEqual(byKind('sso-assignment'), ['sso-assignment:group ops->reader@555555555555']);
  });
});
