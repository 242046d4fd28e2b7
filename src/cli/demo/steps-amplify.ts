/**
 * Amplify: amplify-admin with amplify-policy (AmplifyBackendDeployFullAccess, 12 hours) in the
 * management account; the start URL and SSO region printed as the runbook's CloudShell does; the
 * user signs in and gets a 12-hour session; the sso-session and profile the runbook's
 * `aws configure sso` writes, planned by the user-side writer (src/sso) without touching ~/.aws.
 */
import { planConfigChanges } from '../../sso/managed/plan.js';
import { portalCredentials, signIn, whoAmI } from './access.js';
import { applyRecipe, describeCreated, initAndValidate, type TourStep } from './state.js';

const USER = 'amplify-admin';
const ROLE = 'amplify-policy';

export const amplifySteps: TourStep[] = [
  { recipe: 'amplify', name: 'init --example and validate', run: (s) => initAndValidate(s, 'amplify') },
  {
    recipe: 'amplify',
    name: 'apply; print the start URL and SSO region (runbook CloudShell printf)',
    run: async (s) => {
      const applied = await applyRecipe(s, 'amplify');
      return `${describeCreated(applied)}; Start session url: ${s.facts.startUrl}, Region: ${s.sb.region}, Username: ${USER}`;
    },
  },
  {
    recipe: 'amplify',
    name: `${USER} signs in (device code, auto-approved) and gets a 12-hour ${ROLE} session`,
    run: async (s) => {
      const account = s.applied.amplify.values['caller.account'];
      const token = await signIn(s.sb, s.facts.startUrl, USER);
      const { roles, keys } = await portalCredentials(s.sb, token, account, ROLE);
      const who = await whoAmI(s.sb, keys);
      if (!who.includes(`:assumed-role/AWSReservedSSO_${ROLE}_`)) throw new Error(`portal session is ${who}`);
      const hours = ((keys.expiration?.getTime() ?? 0) - Date.now()) / 3_600_000;
      if (hours < 11.9 || hours > 12.1)
        throw new Error(`session lasts ${hours.toFixed(2)} h, expected 12 h (PT12H)`);
      s.personas.push(
        `${USER}: signs in at ${s.facts.startUrl} (SSO region ${s.sb.region}) → ${roles.join(', ')} in ${account} for 12 h; npx ampx sandbox can deploy`,
      );
      return `${who} (roles offered: ${roles.join(', ')}; expires in ${hours.toFixed(1)} h)`;
    },
  },
  {
    recipe: 'amplify',
    name: 'the sso-session and profile for ~/.aws/config (user-side writer, dry run)',
    run: async (s) => {
      const account = s.applied.amplify.values['caller.account'];
      const plan = planConfigChanges('', {
        ssoSessions: [
          {
            name: USER,
            startUrl: s.facts.startUrl,
            region: s.sb.region,
            registrationScopes: ['sso:account:access'],
          },
        ],
        profiles: [
          { name: 'default', ssoSession: USER, accountId: account, roleName: ROLE, region: s.sb.region },
        ],
      });
      if (!/^\[default\]$/m.test(plan.newText) || !plan.newText.includes(`sso_role_name = ${ROLE}`)) {
        throw new Error(`unexpected config:\n${plan.newText}`);
      }
      return plan.changes.map((c) => `${c.action} ${c.section}`).join(', ');
    },
  },
];
