/**
 * Fractal Cloud: the initializer role trusts the caller's stable ARN, `onramp assume` trades for its
 * credentials, the web-UI user gets AdministratorAccess through the portal, and destroying the
 * initializer takes the access away again.
 */
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { OnrampError } from '../../core/errors.js';
import { assumeAs, portalCredentials, refused, signIn, whoAmI } from './access.js';
import { applyRecipe, describeCreated, initAndValidate, type TourState, type TourStep } from './state.js';

const ROLE = 'fractal-cloud-initializer';
const ROLE_KEY = `iam/main/role/${ROLE}`;

const initializerArn = (s: TourState) =>
  `arn:aws:iam::${s.applied['fractal-cloud'].values['accounts.main.id']}:role/${ROLE}`;

export const fractalSteps: TourStep[] = [
  {
    recipe: 'fractal-cloud',
    name: 'init --example and validate',
    run: (s) => initAndValidate(s, 'fractal-cloud'),
  },
  {
    recipe: 'fractal-cloud',
    name: 'apply',
    run: async (s) => describeCreated(await applyRecipe(s, 'fractal-cloud')),
  },
  {
    recipe: 'fractal-cloud',
    name: 'the trust policy names the caller’s stable ARN',
    run: async (s) => {
      const role = await s.admin.call('iam', 'GetRole', (iam) =>
        iam.send(new GetRoleCommand({ RoleName: ROLE })),
      );
      const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '{}'));
      const principal = trust.Statement?.[0]?.Principal?.AWS;
      if (principal !== s.sb.admin.arn)
        throw new Error(`trust names ${principal}, expected ${s.sb.admin.arn}`);
      if (String(principal).includes(':assumed-role/')) throw new Error('trust names a session ARN');
      return `Principal ${principal}`;
    },
  },
  {
    recipe: 'fractal-cloud',
    name: 'onramp assume the initializer (runbook SDK step 5)',
    run: async (s) => {
      const arn = initializerArn(s);
      const keys = await assumeAs(s.sb, s.sb.admin, arn, { sessionName: 'fractal-init' });
      const who = await whoAmI(s.sb, keys);
      if (!who.endsWith(`:assumed-role/${ROLE}/fractal-init`)) throw new Error(`credentials act as ${who}`);
      s.personas.push(
        `you (${s.sb.admin.arn.split(':').pop()}): onramp assume ${ROLE} → temporary AdministratorAccess credentials for Fractal's initialization`,
      );
      return `AccessKeyId ${keys.accessKeyId.slice(0, 8)}…, SessionToken, expires ${keys.expiration?.toISOString()}; acts as ${who}`;
    },
  },
  {
    recipe: 'fractal-cloud',
    name: 'web UI path: fractal-admin signs in and gets AdministratorAccess',
    run: async (s) => {
      const account = s.applied['fractal-cloud'].values['caller.account'];
      const token = await signIn(s.sb, s.facts.startUrl, 'fractal-admin');
      const { keys } = await portalCredentials(s.sb, token, account, 'AdministratorAccess');
      const who = await whoAmI(s.sb, keys);
      if (!/:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]+\/fractal-admin$/.test(who)) {
        throw new Error(`portal credentials act as ${who}`);
      }
      s.personas.push(
        `fractal-admin: signs in at ${s.facts.startUrl} → AdministratorAccess in ${account} (Fractal's web UI lists this user)`,
      );
      return who;
    },
  },
  {
    recipe: 'fractal-cloud',
    name: 'destroy the initializer; assuming it is refused afterwards',
    run: async (s) => {
      const applied = s.applied['fractal-cloud'];
      const arn = initializerArn(s);
      const removed = await s.engine.destroy(applied, [ROLE_KEY]);
      const e = await refused(() => assumeAs(s.sb, s.sb.admin, arn), 'assuming the destroyed initializer');
      if (!(e instanceof OnrampError) || e.exitCode !== 1) throw e;
      return `removed ${removed.join(', ')}; onramp assume now fails: ${e.code} ${e.message.slice(0, 80)}…`;
    },
  },
];
