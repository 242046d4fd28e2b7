/**
 * Orchestera: a new member account, the admins' switch-role path into it, and the vendor role that
 * only opens with the right ExternalId. The sandbox has no Orchestera account (017059471480), so
 * the tour trusts a member account instead and acts as the vendor from there — through that
 * account's OrganizationAccountAccessRole, with real AssumeRole calls only.
 */
import { GetGroupCommand } from '@aws-sdk/client-iam';
import { OnrampError } from '../../core/errors.js';
import { assumeAs, refused, whoAmI } from './access.js';
import {
  applyRecipe,
  describeCreated,
  initAndValidate,
  manualSteps,
  type TourState,
  type TourStep,
} from './state.js';

const ACCESS_ROLE = 'OrganizationAccountAccessRole';

/** The member account that plays Orchestera's account in the tour. */
const vendorStandIn = (s: TourState) => s.facts.members[s.facts.members.length - 1].id;

const sparklith = (s: TourState) => s.applied.orchestera.values['accounts.sparklith.id'];

export const orchesteraSteps: TourStep[] = [
  {
    recipe: 'orchestera',
    name: 'init --example (vendorAccount: a member account stands in for 017059471480) and validate',
    run: (s) => initAndValidate(s, 'orchestera', [`vendorAccount=${vendorStandIn(s)}`]),
  },
  {
    recipe: 'orchestera',
    name: 'apply (creates the member account, then its policy and role)',
    run: async (s) => {
      const applied = await applyRecipe(s, 'orchestera');
      return `Orchestera Sparklith = ${sparklith(s)}; ${describeCreated(applied)}`;
    },
  },
  {
    recipe: 'orchestera',
    name: 'an admin of orchestera-admin-group switches into Orchestera Sparklith',
    run: async (s) => {
      const group = await s.admin.call('iam', 'GetGroup', (iam) =>
        iam.send(new GetGroupCommand({ GroupName: 'orchestera-admin-group' })),
      );
      const members = (group.Users ?? []).map((u) => u.UserName);
      if (!members.includes('onramp-admin')) throw new Error(`group members: ${members.join(', ')}`);
      const keys = await assumeAs(s.sb, s.sb.admin, `arn:aws:iam::${sparklith(s)}:role/${ACCESS_ROLE}`);
      const who = await whoAmI(s.sb, keys);
      const link = manualSteps(s, 'orchestera').find((m) => m.includes('switchrole')) ?? '';
      s.personas.push(
        `orchestera-admin-group (${members.join(', ')}): switch into ${sparklith(s)} as ${ACCESS_ROLE} — ${link.slice(link.indexOf('https://'))}`,
      );
      return `${who}; console link ${link.slice(link.indexOf('https://'))}`;
    },
  },
  {
    recipe: 'orchestera',
    name: 'the vendor assumes OrchesteraAccessRole with the ExternalId; without it, or with a wrong one, it is refused',
    run: async (s) => {
      const vendor = await assumeAs(s.sb, s.sb.admin, `arn:aws:iam::${vendorStandIn(s)}:role/${ACCESS_ROLE}`);
      const role = `arn:aws:iam::${sparklith(s)}:role/OrchesteraAccessRole`;
      const externalId = String(s.blueprints.orchestera.values.externalId);
      const ok = await whoAmI(
        s.sb,
        await assumeAs(s.sb, vendor, role, { externalId, sessionName: 'orchestera' }),
      );
      const none = await refused(() => assumeAs(s.sb, vendor, role), 'assuming without an ExternalId');
      const wrong = await refused(
        () => assumeAs(s.sb, vendor, role, { externalId: 'guessed-id' }),
        'a wrong ExternalId',
      );
      for (const e of [none, wrong])
        if (!(e instanceof OnrampError) || !/AccessDenied/.test(e.message)) throw e;
      if (!/--external-id/.test((none as OnrampError).hint ?? ''))
        throw new Error('the hint does not name --external-id');
      s.personas.push(
        `Orchestera Platform (${vendorStandIn(s)} here, 017059471480 for real): OrchesteraAccessRole in ${sparklith(s)}, only with the ExternalId`,
      );
      return `with ExternalId → ${ok}; without → AccessDenied (hint: pass --external-id); wrong → AccessDenied`;
    },
  },
];
