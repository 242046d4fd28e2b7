/**
 * Versions of customer-managed policies: at most five, ids v1, v2, … never reused, one default.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
 */
import type { SandboxRequest } from '../../service.js';
import { touchUsersOf } from './entity-params.js';
import { iamError } from './errors.js';
import { checkManagedDocument, policyArnParam } from './managed-policies.js';
import type { IamManagedPolicy, IamPolicyVersion } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { versionWire } from './render.js';
import { iamOf, now, requireOwnPolicy, requirePolicy } from './state.js';
import { checks, DOCUMENT_PATTERN, optionalBool, required } from './validate.js';

export const VERSIONS_PER_POLICY = 5;
const VERSION_ID = { re: /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/, text: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' };

function versionIdParam(req: SandboxRequest): string {
  const id = required(req.params, 'VersionId');
  checks().string('versionId', id, 0, 2048, VERSION_ID).done();
  return id;
}

function requireVersion(arn: string, versions: IamPolicyVersion[], id: string): IamPolicyVersion {
  const v = versions.find((x) => x.VersionId === id);
  if (!v) throw iamError.noSuchEntity(`Policy ${arn} version ${id} does not exist or is not attachable.`);
  return v;
}

function makeDefault(policy: IamManagedPolicy, id: string): void {
  for (const v of policy.Versions) v.IsDefaultVersion = v.VersionId === id;
  policy.DefaultVersionId = id;
}

export function createPolicyVersion(req: SandboxRequest) {
  const arn = policyArnParam(req);
  const document = required(req.params, 'PolicyDocument');
  checks().string('policyDocument', document, 1, 131072, DOCUMENT_PATTERN).done();
  const setAsDefault = optionalBool(req.params, 'SetAsDefault') ?? false;
  const policy = requireOwnPolicy(req, arn);
  checkManagedDocument(document);
  if (policy.Versions.length >= VERSIONS_PER_POLICY) {
    throw iamError.limitExceeded(
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
  }
  const at = now(req).iso;
  const version: IamPolicyVersion = {
    VersionId: `v${policy.NextVersion}`,
    Document: document,
    IsDefaultVersion: false,
    CreateDate: at,
  };
  policy.NextVersion++;
  policy.Versions.push(version);
  if (setAsDefault) {
    makeDefault(policy, version.VersionId);
    touchUsersOf(req, iamOf(req), policy.Arn);
  }
  policy.UpdateDate = at;
  return { PolicyVersion: versionWire(version, false) };
}

export function getPolicyVersion(req: SandboxRequest) {
  const arn = policyArnParam(req);
  const id = versionIdParam(req);
  const policy = requirePolicy(req, arn);
  return { PolicyVersion: versionWire(requireVersion(arn, policy.Versions, id), true) };
}

export function listPolicyVersions(req: SandboxRequest) {
  const policy = requirePolicy(req, policyArnParam(req));
  // Newest first, as AWS lists them.
  const page = paginate(policy.Versions, req.params, (v) =>
    String(1e9 - Number(v.VersionId.slice(1))).padStart(10, '0'),
  );
  return { Versions: page.items.map((v) => versionWire(v, false)), ...pageTail(page) };
}

export function deletePolicyVersion(req: SandboxRequest) {
  const arn = policyArnParam(req);
  const id = versionIdParam(req);
  const policy = requireOwnPolicy(req, arn);
  const version = requireVersion(arn, policy.Versions, id);
  if (version.IsDefaultVersion)
    throw iamError.deleteConflict('Cannot delete the default version of a policy.');
  policy.Versions = policy.Versions.filter((v) => v !== version);
  return undefined;
}

export function setDefaultPolicyVersion(req: SandboxRequest) {
  const arn = policyArnParam(req);
  const id = versionIdParam(req);
  const policy = requireOwnPolicy(req, arn);
  requireVersion(arn, policy.Versions, id);
  makeDefault(policy, id);
  policy.UpdateDate = now(req).iso;
  touchUsersOf(req, iamOf(req), policy.Arn);
  return undefined;
}
