/**
 * The model of onramp verify: the access paths a blueprint implies, what was checked on each
 * (configuration, offline evaluation, live probe), and the report.
 */
import type { Decision } from '../policy/types.js';
import type { Finding } from './catalog/types.js';

/** Who uses an access path. */
export type PrincipalRef =
  /** Whoever runs onramp (GetCallerIdentity). */
  | { kind: 'caller' }
  /** A third party's account: the vendor assumes the role from there. */
  | { kind: 'vendor'; account: string }
  /** A specific IAM role (its sessions). */
  | { kind: 'role'; arn: string }
  /** A specific IAM user other than the caller. */
  | { kind: 'user'; arn: string }
  /** Any principal of another account the trust names by its root. */
  | { kind: 'account'; account: string }
  /** Sessions of a permission set's AWSReservedSSO role in an account. */
  | { kind: 'sso-role'; permissionSet: string; accountId: string }
  /** An Identity Center user or group. */
  | { kind: 'idc'; principalType: 'USER' | 'GROUP'; name: string };

/** What an access path reaches. */
export type TargetRef =
  | { kind: 'role'; arn: string; declared?: string }
  | { kind: 'permission-set'; permissionSet: string; accountId: string };

export type PathKind =
  | 'sso-assignment'
  | 'sso-role'
  | 'third-party'
  | 'specific-role'
  | 'caller'
  | 'account'
  | 'access-role';

/** One access path the blueprint promises. */
export interface AccessPath {
  /** Stable id, e.g. `caller->arn:aws:iam::111111111111:role/x`. */
  id: string;
  kind: PathKind;
  principal: PrincipalRef;
  target: TargetRef;
  /** Third-party paths: the ExternalId the vendor sends (never printed). */
  externalId?: string;
  /** Third-party paths: the blueprint allows the vendor without an ExternalId. */
  allowWithoutExternalId?: boolean;
  /** Where in the blueprint it comes from. */
  origin: string;
}

/** Which ExternalId a request carried. */
export type ExternalIdCase = 'none' | 'declared' | 'wrong';

/** One offline evaluation of one request. */
export interface OfflineCheck {
  /** What was asked, e.g. "vendor 017059471480 with the declared ExternalId". */
  request: string;
  externalId?: ExternalIdCase;
  expected: 'Allow' | 'Deny';
  decision: Decision;
}

/** One live request and how it compares with the offline prediction for the same request. */
export interface LiveProbe {
  request: string;
  externalId?: ExternalIdCase;
  expected: 'Allow' | 'Deny';
  /** `Allow`, or the error name AWS answered (AccessDenied, ForbiddenException …). */
  answer: string;
  attempts: number;
  /** The offline decision for exactly this request, when one was made. */
  offline?: Decision['decision'];
  /** Offline and live agree (undefined when there was no offline decision to compare). */
  agrees?: boolean;
}

export type PathStatus = 'ok' | 'failed' | 'unknown';

/** The outcome of one access path. */
export interface PathResult {
  path: AccessPath;
  principal: string;
  target: string;
  status: PathStatus;
  /** Configuration facts that were read (role found, assignment present, provisioned …). */
  config: string[];
  offline: OfflineCheck[];
  live: LiveProbe[];
  /** Why something was not proven live, or what could not be read. */
  notes: string[];
  /** Codes of the findings that explain a failure. */
  codes: string[];
}

/** What `onramp verify` returns. */
export interface VerifyReport {
  blueprint: string;
  caller: { arn: string; account: string };
  region: string;
  paths: PathResult[];
  findings: Finding[];
  /** Environment notes (what was not visible, which token was used). */
  notes: string[];
  ok: boolean;
  summary: { paths: number; ok: number; failed: number; unknown: number; findings: number };
}
