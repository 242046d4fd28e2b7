/**
 * The lifecycle of the kinds moto implements, against moto 5.2.1 (an independent implementation of
 * AWS): IAM roles, managed policies and groups, Identity Store users and groups. moto enforces no
 * AssumeRole trust and auto-creates an Identity Center instance; neither matters to these kinds.
 * Skipped locally when moto is missing; required in CI.
 */
import { after, before, describe, it } from 'node:test';
import { type Moto, motoMissing, peerUnavailable, startMoto } from '../sandbox/conformance/test-moto.js';
import { createIamUsers, iamGroupCase, idGroupCase, policyCase, roleCase, userCase } from './test-cases.js';
import { type LifecycleCase, lifecycle, type Rig } from './test-lifecycle.js';

const missing = motoMissing();
let moto: Moto | undefined;
const rig = (): Rig => ({
  config: () => ({
    endpoint: moto?.url ?? '',
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  }),
});

// moto 5.2.1 has no identitystore UpdateUser / UpdateGroup (it answers 500): Identity Store updates,
// and adoption (which writes onramp's ownership marker), run against the sandbox only.
const noUpdate = (what: string) => ({
  update: `moto 5.2.1 does not implement identitystore Update${what}`,
  adopt: `moto 5.2.1 does not implement identitystore Update${what} (adopting writes the ownership marker)`,
});
const cases: [string, LifecycleCase][] = [
  ['AWS::IAM::Role', roleCase],
  ['AWS::IAM::ManagedPolicy', policyCase],
  ['AWS::IAM::Group', iamGroupCase],
  ['AWS::IdentityStore::User', { ...userCase, unsupported: noUpdate('User') }],
  ['AWS::IdentityStore::Group', { ...idGroupCase, unsupported: noUpdate('Group') }],
];

if (missing) {
  it('runs the lifecycles against moto', (t) => {
    t.skip(peerUnavailable('moto', missing));
  });
} else {
  before(async () => {
    moto = await startMoto();
  });
  after(() => moto?.stop());
  for (const [kind, c] of cases) {
    describe(`${kind} (moto)`, () => {
      before(async () => {
        await moto?.reset();
        await createIamUsers(rig(), ['alice', 'bob']);
      });
      lifecycle(rig, c);
    });
  }
}
