/**
 * Science Cloud: no AWS resources, only client configuration. The profiles recipe is filled from the
 * organization, turned into the sso-session and profiles the user-side writer plans, written into a
 * scratch HOME, and `onramp doctor`'s checks run over it: first with the runbook's leftover static
 * keys in [default] (reported), then without them (clean).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRecipe, initRecipe, loadProfiles } from '../../recipes/index.js';
import { runDoctor } from '../../sso/doctor.js';
import { planConfigChanges } from '../../sso/managed/plan.js';
import { shownParams, type TourState, type TourStep } from './state.js';

function doctorOn(home: string) {
  return runDoctor({ env: { HOME: home }, home });
}

export const scienceSteps: TourStep[] = [
  {
    recipe: 'science-cloud',
    name: 'init --example and validate the profiles file',
    run: async (s: TourState) => {
      const result = await initRecipe({ recipe: findRecipe('science-cloud'), example: true, facts: s.facts });
      const loaded = loadProfiles(result.text, { file: 'science-cloud.yaml' });
      if (!loaded.ok || !loaded.value) throw new Error(loaded.errors.map((e) => e.message).join('; '));
      const profiles = loaded.value;
      s.profiles = profiles;
      s.params['science-cloud'] = shownParams(result.values);
      return `sso-session ${profiles.ssoSession.name} (${profiles.ssoSession.startUrl}); profiles ${profiles.profiles.map((p) => p.name).join(', ')}`;
    },
  },
  {
    recipe: 'science-cloud',
    name: 'write the sso-session and profiles into a scratch ~/.aws/config (user-side writer)',
    run: async (s) => {
      const profiles = s.profiles;
      if (!profiles) throw new Error('the profiles file was not loaded');
      const plan = planConfigChanges('', { ssoSessions: [profiles.ssoSession], profiles: profiles.profiles });
      mkdirSync(join(s.tmp, '.aws'), { recursive: true });
      writeFileSync(join(s.tmp, '.aws', 'config'), plan.newText, { mode: 0o600 });
      s.personas.push(
        `a Science Cloud user: aws sso login --sso-session ${profiles.ssoSession.name} once, then --profile ${profiles.profiles.map((p) => p.name).join(' / ')}`,
      );
      return plan.changes.map((c) => `${c.action} ${c.section}`).join(', ');
    },
  },
  {
    recipe: 'science-cloud',
    name: 'onramp doctor flags static keys in [default] that would shadow the profiles, then passes',
    run: async (s) => {
      const credentials = join(s.tmp, '.aws', 'credentials');
      writeFileSync(
        credentials,
        '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n',
        {
          mode: 0o600,
        },
      );
      const before = doctorOn(s.tmp).findings.filter((f) => f.code === 'ONR-D322');
      if (before.length !== 1)
        throw new Error(`doctor found ${before.length} static-key problems, expected 1`);
      writeFileSync(credentials, '[default]\n# aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n', { mode: 0o600 });
      const after = doctorOn(s.tmp).findings.filter((f) => f.code === 'ONR-D321' || f.code === 'ONR-D322');
      if (after.length !== 0)
        throw new Error(`doctor still reports: ${after.map((f) => f.message).join('; ')}`);
      return `before: ${before[0].code} ${before[0].message.slice(0, 70)}…; after commenting them out: clean`;
    },
  },
];
