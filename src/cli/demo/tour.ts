/**
 * The demo tour: each step is a small function against a fresh sandbox, so a failing step names
 * itself. It grows as onramp's features land (recipes replace the hand-written steps).
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type Sandbox, startSandbox } from '../../sandbox/index.js';

export interface DemoStep {
  name: string;
  ok: boolean;
  detail: string;
}

export interface DemoReport {
  ok: boolean;
  endpoint: string;
  steps: DemoStep[];
  summary: string[];
}

type Step = { name: string; run: (sb: Sandbox) => Promise<string> };

const steps: Step[] = [
  {
    name: 'sign in as the seeded administrator',
    run: async (sb) => {
      const id = await new STSClient(sb.clientConfig()).send(new GetCallerIdentityCommand({}));
      return `caller ${id.Arn}`;
    },
  },
];

export async function runDemo(progress: (line: string) => void): Promise<DemoReport> {
  const sb = await startSandbox({ seed: 'fresh' });
  const results: DemoStep[] = [];
  try {
    progress(`sandbox at ${sb.url}`);
    for (const step of steps) {
      try {
        const detail = await step.run(sb);
        results.push({ name: step.name, ok: true, detail });
        progress(`ok   ${step.name}: ${detail}`);
      } catch (e) {
        results.push({ name: step.name, ok: false, detail: (e as Error).message });
        progress(`FAIL ${step.name}: ${(e as Error).message}`);
        break;
      }
    }
  } finally {
    await sb.stop();
  }
  const ok = results.length === steps.length && results.every((r) => r.ok);
  const summary = [
    ok ? 'Demo finished: every step passed.' : 'Demo stopped at a failing step.',
    ...results.map((r) => `  ${r.ok ? '✓' : '✗'} ${r.name} — ${r.detail}`),
    '',
    'Next: `npx onramp sandbox` serves the same endpoint for the AWS CLI and SDKs (eval its output).',
  ];
  return { ok, endpoint: sb.url, steps: results, summary };
}
