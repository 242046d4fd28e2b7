/**
 * What the checks of one verify run share: the live world, the desired graph, probe settings,
 * tokens at hand, and where findings and path results are collected.
 */
import type { DesiredResource } from '../blueprint/types.js';
import type { Decision } from '../policy/types.js';
import type { Finding } from './catalog/types.js';
import type { LiveWorld } from './live.js';
import { principalLabel, targetLabel } from './paths.js';
import type { ProbeSettings } from './probe.js';
import type { TokenPool } from './tokens.js';
import type { AccessPath, ExternalIdCase, LiveProbe, OfflineCheck, PathResult } from './types.js';

export interface RunState {
  live: LiveWorld;
  desired: ReadonlyMap<string, DesiredResource>;
  probe: ProbeSettings;
  /** False with --offline: configuration and offline evaluation only. */
  liveProbes: boolean;
  tokens: TokenPool;
  findings: Finding[];
  /** Subjects already checked once per run (drift, session trusts). */
  done: Set<string>;
}

/** Adds a finding, merging it with an identical one found on another path. */
export function addFinding(state: RunState, f: Finding): void {
  const same = state.findings.find(
    (x) => x.code === f.code && x.subject === f.subject && x.message === f.message,
  );
  if (same) same.paths = [...new Set([...same.paths, ...f.paths])];
  else state.findings.push(f);
}

export function newResult(path: AccessPath, callerArn: string): PathResult {
  return {
    path,
    principal: principalLabel(path.principal, callerArn),
    target: targetLabel(path.target),
    status: 'ok',
    config: [],
    offline: [],
    live: [],
    notes: [],
    codes: [],
  };
}

/** Marks the path failed by this finding. */
export function fail(state: RunState, result: PathResult, f: Finding): void {
  addFinding(state, f);
  result.status = 'failed';
  if (!result.codes.includes(f.code)) result.codes.push(f.code);
}

export function offline(
  result: PathResult,
  request: string,
  expected: 'Allow' | 'Deny',
  decision: Decision,
  externalId?: ExternalIdCase,
): OfflineCheck {
  const check: OfflineCheck = { request, expected, decision, ...(externalId ? { externalId } : {}) };
  result.offline.push(check);
  return check;
}

export function liveProbe(result: PathResult, probe: Omit<LiveProbe, 'agrees'>): LiveProbe {
  const live = probe.answer === 'Allow' ? 'Allow' : 'Deny';
  const predicted = probe.offline === undefined ? undefined : probe.offline === 'Allow' ? 'Allow' : 'Deny';
  const out: LiveProbe = { ...probe, ...(predicted ? { agrees: predicted === live } : {}) };
  result.live.push(out);
  return out;
}
