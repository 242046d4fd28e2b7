/**
 * The verify step: runs src/verify against the session's target and shapes its report as a
 * principal × target matrix whose cells carry the reasons (configuration read, offline decisions,
 * live answers, notes) and the catalog findings with their fixes. The verify room is loaded
 * lazily, so the wizard still works (and says so) where it is not available.
 */
import type { AwsClients } from '../aws/clients.js';
import type { Blueprint } from '../blueprint/types.js';
import type { VerifyReport } from '../verify/types.js';

export interface MatrixCell {
  principal: string;
  target: string;
  status: 'ok' | 'failed' | 'unknown';
  kind: string;
  reasons: string[];
  codes: string[];
}

export interface VerifyView {
  available: boolean;
  /** Why verify could not run, when it could not. */
  message?: string;
  ok?: boolean;
  principals: string[];
  targets: string[];
  cells: MatrixCell[];
  findings: { code: string; title: string; severity: string; message: string; fix: string[] }[];
  notes: string[];
  summary?: VerifyReport['summary'];
}

type VerifyFn = (
  bp: Blueprint,
  opts: { clients: AwsClients; live?: boolean; userSide?: boolean; probeTimeoutMs?: number },
) => Promise<VerifyReport>;

async function loadVerify(): Promise<VerifyFn | undefined> {
  try {
    const mod = (await import('../verify/index.js')) as { verifyBlueprint?: VerifyFn };
    return typeof mod.verifyBlueprint === 'function' ? mod.verifyBlueprint : undefined;
  } catch {
    return undefined;
  }
}

/** The report as a matrix (pure). */
export function matrixOf(report: VerifyReport): VerifyView {
  const principals = [...new Set(report.paths.map((p) => p.principal))];
  const targets = [...new Set(report.paths.map((p) => p.target))];
  const cells = report.paths.map((p) => ({
    principal: p.principal,
    target: p.target,
    status: p.status,
    kind: p.path.kind,
    reasons: [
      ...p.config,
      ...p.offline.map(
        (o) =>
          `offline: ${o.request} → ${o.decision.decision} (expected ${o.expected})${(o.decision.decision === 'Allow') === (o.expected === 'Allow') ? '' : `: ${o.decision.reason}`}`,
      ),
      ...p.live.map(
        (l) =>
          `live: ${l.request} → ${l.answer} (expected ${l.expected}${l.attempts > 1 ? `, ${l.attempts} attempts` : ''})`,
      ),
      ...p.notes,
    ],
    codes: p.codes,
  }));
  return {
    available: true,
    ok: report.ok,
    principals,
    targets,
    cells,
    findings: report.findings.map((f) => ({
      code: f.code,
      title: f.title,
      severity: f.severity,
      message: f.message,
      fix: [
        f.fix.summary,
        ...(f.fix.onramp ? [f.fix.onramp] : []),
        ...(f.fix.commands ?? []),
        ...(f.fix.console ?? []),
      ],
    })),
    notes: report.notes,
    summary: report.summary,
  };
}

/** Runs verify (live probes on, the person's ~/.aws left alone) and shapes the answer. */
export async function runVerify(
  blueprint: Blueprint,
  clients: AwsClients,
  options: { probeTimeoutMs?: number } = {},
): Promise<VerifyView> {
  const verify = await loadVerify();
  const empty = { principals: [], targets: [], cells: [], findings: [], notes: [] };
  if (!verify) return { available: false, message: 'verify not available in this build', ...empty };
  const report = await verify(blueprint, {
    clients,
    live: true,
    userSide: false,
    probeTimeoutMs: options.probeTimeoutMs ?? 15_000,
  });
  return matrixOf(report);
}
