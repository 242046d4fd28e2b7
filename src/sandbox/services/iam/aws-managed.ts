/**
 * AWS-managed policies as the sandbox serves them: arn:aws:iam::aws:policy{path}{name}, one default
 * version, attachable in every account. The catalog's data lives in aws-managed-catalog.ts and
 * aws-managed-services.ts.
 */
import { createHash } from 'node:crypto';
import { type CatalogEntry, JOB_FUNCTION_POLICIES } from './aws-managed-catalog.js';
import { SERVICE_POLICIES } from './aws-managed-services.js';

export interface AwsManagedPolicy {
  name: string;
  path: string;
  arn: string;
  description: string;
  /** The policy document as JSON text (not URL-encoded). */
  document: string;
  /** ANPA… id, stable across sandboxes (derived from the name). */
  policyId: string;
  versionId: string;
  /** ISO-8601. */
  createDate: string;
  updateDate: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** AWS's managed policies have fixed ids; ours are derived from the name so they never change. */
function stableId(name: string): string {
  const digest = createHash('sha256').update(`aws-managed:${name}`).digest();
  let out = 'ANPA';
  for (let i = 0; i < 17; i++) out += BASE32[digest[i] % 32];
  return out;
}

function toPolicy(e: CatalogEntry): AwsManagedPolicy {
  return {
    name: e.name,
    path: e.path,
    arn: `arn:aws:iam::aws:policy${e.path}${e.name}`,
    description: e.description,
    document: JSON.stringify({ Version: '2012-10-17', Statement: e.statements }, null, 4),
    policyId: stableId(e.name),
    versionId: e.versionId,
    createDate: e.createDate,
    updateDate: e.updateDate,
  };
}

export const AWS_MANAGED_POLICIES: AwsManagedPolicy[] = [...JOB_FUNCTION_POLICIES, ...SERVICE_POLICIES].map(
  toPolicy,
);

const BY_ARN = new Map(AWS_MANAGED_POLICIES.map((p) => [p.arn, p]));

export function findAwsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

/** True for ARNs in AWS's own policy namespace (arn:aws:iam::aws:policy/…), known or not. */
export function isAwsManagedArn(arn: string): boolean {
  return arn.startsWith('arn:aws:iam::aws:policy/');
}
