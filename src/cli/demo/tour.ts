/**
 * The demo tour behind `npm start`: a fresh embedded sandbox (an organization with three member
 * accounts and IAM Identity Center), then every recipe — init with its examples, validate, apply,
 * and each promised access path proved with real calls — and a summary of what was created, what
 * each persona can do now, what stayed manual and what to try next. Each step is a small function
 * (state.ts) so a failing step names itself; the engine is injected (engine.ts): onramp's own by
 * default, the plain-SDK stand-in as a cross-check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../aws/index.js';
import { RECIPES } from '../../recipes/index.js';
import { startSandbox } from '../../sandbox/index.js';
import { readTargetFacts } from '../commands/init.js';
import type { EngineFactory } from './engine.js';
import { OnrampEngine } from './engine-onramp.js';
import { describeCreated, manualSteps, type TourState, type TourStep } from './state.js';
import { amplifySteps } from './steps-amplify.js';
import { fractalSteps } from './steps-fractal.js';
import { orchesteraSteps } from './steps-orchestera.js';
import { scienceSteps } from './steps-science.js';
import { workbenchSteps } from './steps-workbench.js';

export interface DemoStep {
  recipe: string;
  name: string;
  ok: boolean;
  detail: string;
  ms: number;
}

export interface DemoReport {
  ok: boolean;
  endpoint: string;
  engine: string;
  steps: DemoStep[];
  summary: string[];
  ms: number;
}

export interface DemoOptions {
  /** The engine the tour applies blueprints with (default: onramp's own, engine-onramp.ts). */
  engine?: EngineFactory;
  /** Replace or reorder the steps (tests). */
  steps?: TourStep[];
}

export const TOUR: readonly TourStep[] = [
  ...fractalSteps,
  ...workbenchSteps,
  ...amplifySteps,
  ...orchesteraSteps,
  ...scienceSteps,
];

export async function runDemo(
  progress: (line: string) => void,
  options: DemoOptions = {},
): Promise<DemoReport> {
  const started = Date.now();
  const steps = options.steps ?? TOUR;
  const sb = await startSandbox({ seed: 'org', accounts: 3, autoApprove: 'amplify-admin' });
  const admin = new AwsClients(
    { endpointUrl: sb.url, region: sb.region, credentials: sb.admin },
    { limiter: false, retry: { maxAttempts: 2, baseDelayMs: 10 } },
  );
  const tmp = mkdtempSync(join(tmpdir(), 'onramp-demo-'));
  const results: DemoStep[] = [];
  let state: TourState | undefined;
  try {
    progress(`sandbox at ${sb.url}: organization with 3 member accounts and IAM Identity Center`);
    const facts = await readTargetFacts(admin);
    state = {
      sb,
      admin,
      engine: (options.engine ?? ((c) => new OnrampEngine(c)))(admin),
      facts: { members: [...(facts.members ?? [])], startUrl: facts.startUrl ?? '' },
      applied: {},
      blueprints: {},
      params: {},
      personas: [],
      tmp,
    };
    for (const step of steps) {
      const t0 = Date.now();
      try {
        const detail = await step.run(state);
        results.push({ recipe: step.recipe, name: step.name, ok: true, detail, ms: Date.now() - t0 });
        progress(`ok   ${step.recipe}: ${step.name} — ${detail}`);
      } catch (e) {
        const detail = (e as Error).message;
        results.push({ recipe: step.recipe, name: step.name, ok: false, detail, ms: Date.now() - t0 });
        progress(`FAIL ${step.recipe}: ${step.name} — ${detail}`);
        break;
      }
    }
  } finally {
    await admin.destroy();
    await sb.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const ok = results.length === steps.length && results.every((r) => r.ok);
  const ms = Date.now() - started;
  return {
    ok,
    endpoint: sb.url,
    engine: state?.engine.label ?? '',
    steps: results,
    summary: summarize(ok, results, state, ms),
    ms,
  };
}

function summarize(ok: boolean, results: DemoStep[], found: TourState | undefined, ms: number): string[] {
  const state = found;
  const head = ok
    ? `Demo finished in ${(ms / 1000).toFixed(1)} s: ${results.length} steps passed, with the ${state?.engine.label}.`
    : `Demo stopped at a failing step: ${results.at(-1)?.recipe}: ${results.at(-1)?.name} — ${results.at(-1)?.detail}`;
  if (!state) return [head];
  const recipes = [...new Set(results.map((r) => r.recipe))];
  const created = Object.entries(state.applied)
    .filter(([name]) => name !== 'workbench-roles')
    .map(([name, a]) => `  ${name}: ${describeCreated(a)}`);
  const manual = recipes.flatMap((name) => manualSteps(state, name).map((m) => `  ${name}: ${m}`));
  return [
    head,
    '',
    'Created in the sandbox:',
    ...created,
    '',
    'What each persona can do now (each checked with real calls):',
    ...state.personas.map((p) => `  - ${p}`),
    '',
    'Next steps by hand (each recipe’s manual steps, filled in):',
    ...manual,
    '',
    'Try next:',
    `  npx onramp recipes                       # the ${RECIPES.length} recipes`,
    '  npx onramp sandbox --seed org > sandbox.env & sleep 1; . ./sandbox.env  # a sandbox for the AWS CLI and SDKs',
    '  npx onramp init --recipe orchestera --example --endpoint-url "$AWS_ENDPOINT_URL"',
    '  npx onramp assume arn:aws:iam::<account>:role/<role> --external-id <id> --endpoint-url "$AWS_ENDPOINT_URL"',
  ];
}
