/**
 * Workbench: the permission set's inline policy from one list of accounts, stand-in roles where the
 * vendor's stack is missing, and the runbook's own verification — a group member signs in and
 * assumes Workbench-ExecutionRole and Workbench-ReadOnlyRole — plus the account outside the list,
 * where the same call is refused.
 */
import {
  CreateGroupMembershipCommand,
  CreateUserCommand,
  GetGroupIdCommand,
} from '@aws-sdk/client-identitystore';
import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import { assumeAs, portalCredentials, refused, signIn, whoAmI } from './access.js';
import { applyRecipe, describeCreated, initAndValidate, type TourState, type TourStep } from './state.js';

const USER = 'alice';

/** The tour's Workbench accounts: the first two member accounts (the example), and one outside. */
function accounts(s: TourState) {
  const [inside1, inside2, outside] = s.facts.members.map((m) => m.id);
  return { inside: [inside1, inside2], outside };
}

const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

export const workbenchSteps: TourStep[] = [
  { recipe: 'workbench', name: 'init --example and validate', run: (s) => initAndValidate(s, 'workbench') },
  {
    recipe: 'workbench',
    name: 'apply',
    run: async (s) => describeCreated(await applyRecipe(s, 'workbench')),
  },
  {
    recipe: 'workbench',
    name: 'no Workbench stack in the sandbox: apply workbench-roles in every member account',
    run: async (s) => {
      const { inside, outside } = accounts(s);
      const done: string[] = [];
      for (const account of [...inside, outside]) {
        await initAndValidate(s, 'workbench-roles', [
          `account=${account}`,
          `ssoAccounts=${inside.join(',')}`,
        ]);
        const applied = await applyRecipe(s, 'workbench-roles');
        s.applied[`workbench-roles-${account}`] = applied;
        done.push(`${account}: ${describeCreated(applied)}`);
      }
      return done.join('; ');
    },
  },
  {
    recipe: 'workbench',
    name: `the directory adds ${USER} to DataScientists (your IdP or SCIM, not onramp)`,
    run: async (s) => {
      const instance = await s.admin.call('sso-admin', 'ListInstances', (c) =>
        c.send(new ListInstancesCommand({})),
      );
      const IdentityStoreId = instance.Instances?.[0]?.IdentityStoreId;
      const group = await s.admin.call('identitystore', 'GetGroupId', (c) =>
        c.send(
          new GetGroupIdCommand({
            IdentityStoreId,
            AlternateIdentifier: {
              UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'DataScientists' },
            },
          }),
        ),
      );
      const user = await s.admin.call('identitystore', 'CreateUser', (c) =>
        c.send(
          new CreateUserCommand({
            IdentityStoreId,
            UserName: USER,
            DisplayName: 'Alice Example',
            Name: { GivenName: 'Alice', FamilyName: 'Example' },
            Emails: [{ Value: 'alice@example.com', Type: 'work', Primary: true }],
          }),
        ),
      );
      await s.admin.call('identitystore', 'CreateGroupMembership', (c) =>
        c.send(
          new CreateGroupMembershipCommand({
            IdentityStoreId,
            GroupId: group.GroupId,
            MemberId: { UserId: user.UserId ?? '' },
          }),
        ),
      );
      return `user ${USER} (${user.UserId}) in group DataScientists (${group.GroupId})`;
    },
  },
  {
    recipe: 'workbench',
    name: `${USER} signs in, assumes both Workbench roles in the listed accounts (runbook verification)`,
    run: async (s) => {
      const { inside } = accounts(s);
      const token = await signIn(s.sb, s.facts.startUrl, USER);
      const { roles, keys } = await portalCredentials(s.sb, token, inside[0], 'DataScientist');
      const who = await whoAmI(s.sb, keys);
      if (!who.includes(':assumed-role/AWSReservedSSO_DataScientist_'))
        throw new Error(`portal session is ${who}`);
      const assumed: string[] = [];
      for (const account of inside) {
        for (const name of ['Workbench-ExecutionRole', 'Workbench-ReadOnlyRole']) {
          const got = await whoAmI(
            s.sb,
            await assumeAs(s.sb, keys, roleArn(account, name), { sessionName: 'TestSession' }),
          );
          assumed.push(got.split(':').slice(4).join(':'));
        }
      }
      s.personas.push(
        `${USER} (group DataScientists): signs in → DataScientist (${roles.join(', ')}) → Workbench-ExecutionRole / Workbench-ReadOnlyRole in ${inside.join(', ')}`,
      );
      return `${who.split('/').slice(1, 2)} → ${assumed.join(', ')}`;
    },
  },
  {
    recipe: 'workbench',
    name: 'an account outside workbenchAccounts is refused by the inline policy',
    run: async (s) => {
      const { inside, outside } = accounts(s);
      const token = await signIn(s.sb, s.facts.startUrl, USER);
      const { keys } = await portalCredentials(s.sb, token, inside[0], 'DataScientist');
      const e = await refused(
        () => assumeAs(s.sb, keys, roleArn(outside, 'Workbench-ExecutionRole')),
        `assuming Workbench-ExecutionRole in ${outside}`,
      );
      if (!/AccessDenied/.test(e.message)) throw e;
      return `${outside}: ${e.message.slice(e.message.indexOf('AccessDenied'), e.message.indexOf('AccessDenied') + 60)}…`;
    },
  },
];
