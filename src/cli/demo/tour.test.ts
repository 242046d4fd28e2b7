/**
 * The demo behind `npm start`: every step passes, quickly, and nothing is left running — checked in
 * a child process that must exit by itself — and a broken access path makes it fail, naming the step.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Blueprint } from '../../blueprint/index.js';
import type { DemoEngine } from './engine.js';
import { OnrampEngine } from './engine-onramp.js';
import { StandInEngine } from './standin-apply.js';
import { orchesteraSteps } from './steps-orchestera.js';
import { runDemo, TOUR } from './tour.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe('onramp demo', () => {
  it('passes every step in a child process that then exits on its own, well under 20 s', async () => {
    const script = `
      const { runDemo } = await import('./src/cli/demo/tour.ts');
      const report = await runDemo(() => {});
      process.stdout.write(JSON.stringify(report));`;
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // No explicit exit in the script: the process ends only when no server, socket or timer is left.
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', (c) => {
        clearTimeout(kill);
        resolve(c);
      });
    });
    assert.equal(code, 0, `the demo process did not exit cleanly: ${stderr}`);
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
    const report = JSON.parse(stdout);
    assert.equal(report.ok, true, JSON.stringify(report.steps.at(-1)));
    assert.equal(report.steps.length, TOUR.length);
    assert.ok(report.steps.every((s: { ok: boolean }) => s.ok));
    assert.deepEqual(
      [...new Set(report.steps.map((s: { recipe: string }) => s.recipe))],
      ['fractal-cloud', 'workbench', 'amplify', 'orchestera', 'science-cloud'],
    );
    const summary = report.summary.join('\n');
    for (const heading of [
      'Created in the sandbox:',
      'What each persona can do now',
      'Next steps by hand',
      'Try next:',
    ]) {
      assert.ok(summary.includes(heading), heading);
    }
    assert.match(summary, /switchrole\?roleName=OrganizationAccountAccessRole&account=\d{12}/);
    assert.match(summary, /amplify-policy in \d{12} for 12 h/);
    assert.match(report.engine, /onramp engine/);
  });

  it('passes with the plain-SDK stand-in engine too (the access checks do not depend on who created)', async () => {
    const report = await runDemo(() => {}, { engine: (c) => new StandInEngine(c) });
    assert.equal(report.ok, true, JSON.stringify(report.steps.at(-1)));
    assert.equal(report.steps.length, TOUR.length);
    assert.match(report.engine, /stand-in/);
  });

  it('fails, naming the step, when the vendor role would open without an ExternalId', async () => {
    // An engine that drops the ExternalId condition, as the runbook's own role does.
    const careless = (clients: ConstructorParameters<typeof OnrampEngine>[0]): DemoEngine => {
      const inner = new OnrampEngine(clients);
      return {
        label: 'careless engine',
        apply: (bp: Blueprint) => {
          const role = bp.accounts.sparklith?.iam?.roles.OrchesteraAccessRole;
          const vendor = bp.values.vendorAccount;
          if (role && typeof vendor === 'string') role.trust = { account: vendor };
          return inner.apply(bp);
        },
        destroy: (applied, keys) => inner.destroy(applied, keys),
      };
    };
    const lines: string[] = [];
    const report = await runDemo((l) => lines.push(l), { engine: careless, steps: orchesteraSteps });
    assert.equal(report.ok, false);
    const last = report.steps.at(-1);
    assert.equal(last?.ok, false);
    assert.match(last?.name ?? '', /ExternalId/);
    assert.match(last?.detail ?? '', /must be refused/);
    assert.match(report.summary[0], /^Demo stopped at a failing step: orchestera/);
    assert.ok(lines.some((l) => l.startsWith('FAIL orchestera')));
  });
});
