/**
 * What apply and destroy share: show the plan, confirm (a terminal prompt, or --yes; without a
 * terminal and without --yes nothing is changed and the command exits 2), run it with progress —
 * a status line on a terminal, one JSON line per event with --json — and report what failed.
 */
import { createInterface } from 'node:readline/promises';
import type { ExecutionResult } from '../apply/action.js';
import type { ExecutorEvent } from '../apply/events.js';
import {
  initialProgress,
  reduceProgress,
  renderFailures,
  renderJsonLine,
  renderTtyLine,
} from '../apply/progress.js';
import { ExitCode, OnrampError } from '../core/errors.js';
import type { ApplyOptions, BlueprintPlan } from '../engine/index.js';
import type { Output } from './output.js';
import { planJson, renderPlanFor } from './plan-output.js';
import { pollIntervalMs } from './target.js';

export interface RunFlags {
  yes?: boolean;
  verb: 'apply' | 'destroy';
}

async function confirm(verb: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`Do you want to ${verb} these changes? Only "yes" is accepted: `);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

export async function confirmAndRun(
  planned: BlueprintPlan,
  out: Output,
  flags: RunFlags,
  applyPlan: (p: BlueprintPlan, o: ApplyOptions) => Promise<ExecutionResult>,
): Promise<number> {
  const { plan } = planned;
  const json = out.options.json;
  if (json) out.line(JSON.stringify({ type: 'plan', ...planJson(plan) }));
  else out.result(undefined, renderPlanFor(plan, out));
  if (plan.problems.length > 0) return ExitCode.input;
  if (!plan.actions.some((a) => a.op !== 'noop')) {
    if (!json) out.log('No changes.');
    return ExitCode.ok;
  }
  if (!flags.yes) {
    if (!process.stdin.isTTY) {
      throw new OnrampError(
        'ONR-E162',
        `refusing to ${flags.verb} without --yes: there is no terminal to confirm on`,
        {
          source: { kind: 'flag', flag: '--yes' },
          hint: `Review the plan above, then run again with --yes to ${flags.verb} it.`,
        },
      );
    }
    if (!(await confirm(flags.verb))) {
      out.log(`Nothing was changed (${flags.verb} not confirmed).`);
      return ExitCode.input;
    }
  }
  const tty = !json && !!process.stderr.isTTY;
  let state = initialProgress();
  let last = 0;
  const on = (e: ExecutorEvent) => {
    if (json) {
      out.line(renderJsonLine(e));
      return;
    }
    state = reduceProgress(state, e);
    const now = Date.now();
    if (tty && (now - last > 100 || e.type === 'run-end')) {
      last = now;
      process.stderr.write(`\r\u001b[K${renderTtyLine(state, { width: process.stderr.columns })}`);
    }
  };
  // Ctrl-C stops starting new steps and cancels waits; what already ran stays, and the next apply
  // picks up from there (there is no state file to corrupt).
  const stop = new AbortController();
  const interrupt = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt);
  let result: ExecutionResult;
  try {
    result = await applyPlan(planned, {
      on,
      signal: stop.signal,
      waits: { pollIntervalMs: pollIntervalMs() },
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
  if (tty) process.stderr.write('\n');
  const failures = renderFailures(result);
  if (json) out.line(JSON.stringify({ type: 'result', ok: result.ok, counts: result.counts, failures }));
  else {
    for (const f of failures) out.log(out.paint('red', f));
    const c = result.counts;
    out.log(
      `${flags.verb === 'apply' ? 'Apply' : 'Destroy'} ${result.ok ? 'complete' : 'finished with failures'}: ${c.done} done, ${c.failed} failed, ${c.blocked} blocked, ${c.cancelled} cancelled.`,
    );
  }
  return result.ok ? ExitCode.ok : ExitCode.failure;
}
