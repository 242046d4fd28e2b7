/**
 * AssumeRole's parameters, validated with the constraints of the STS API model
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html) and collected into one
 * ValidationError as STS answers.
 */
import { AwsError } from '../../aws-error.js';
import type { Tag } from '../iam/model.js';
import { Validation } from './validation.js';

const SESSION_NAME = { pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' };
const EXTERNAL_ID = { pattern: /^[\w+=,.@:/-]*$/, patternText: '[\\w+=,.@:\\/-]*' };
const TAG_KEY = { pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' };
const TAG_VALUE = {
  pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
};
/** The plaintext limit for session policies (inline document and managed ARNs together). */
const SESSION_POLICY_PLAINTEXT = 2048;
const MAX_POLICY_ARNS = 10;
const MAX_TAGS = 50;

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds?: number;
  externalId?: string;
  sourceIdentity?: string;
  tags: Tag[];
  transitiveTagKeys: string[];
  policy?: string;
  policyArns: string[];
}

function list(raw: unknown): unknown[] {
  if (raw === undefined || raw === null || raw === '') return [];
  return Array.isArray(raw) ? raw : [raw];
}

export function readAssumeRoleInput(params: Record<string, unknown>): AssumeRoleInput {
  const v = new Validation();
  const roleArn = v.string(params.RoleArn, 'roleArn', { required: true, min: 20, max: 2048 });
  const sessionName = v.string(params.RoleSessionName, 'roleSessionName', {
    required: true,
    min: 2,
    max: 64,
    ...SESSION_NAME,
  });
  const durationSeconds = v.integer(params.DurationSeconds, 'durationSeconds', { min: 900, max: 43200 });
  const externalId = v.string(params.ExternalId, 'externalId', { min: 2, max: 1224, ...EXTERNAL_ID });
  const sourceIdentity = v.string(params.SourceIdentity, 'sourceIdentity', {
    min: 2,
    max: 64,
    ...SESSION_NAME,
  });
  const policy = v.string(params.Policy, 'policy', { min: 1 });

  const rawTags = list(params.Tags);
  v.listLength(rawTags, 'tags', MAX_TAGS);
  const tags: Tag[] = rawTags.map((t, i) => {
    const tag = (t ?? {}) as Record<string, unknown>;
    const at = `tags.${i + 1}.member`;
    const Key = v.string(tag.Key, `${at}.key`, { required: true, min: 1, max: 128, ...TAG_KEY }) ?? '';
    const Value = v.string(tag.Value ?? '', `${at}.value`, { max: 256, ...TAG_VALUE }) ?? '';
    return { Key, Value };
  });
  const transitiveTagKeys = list(params.TransitiveTagKeys).map(String);
  v.listLength(transitiveTagKeys, 'transitiveTagKeys', MAX_TAGS);

  const rawArns = list(params.PolicyArns);
  const policyArns = rawArns.map(
    (p, i) =>
      v.string((p as Record<string, unknown>)?.arn, `policyArns.${i + 1}.member.arn`, {
        required: true,
        min: 20,
        max: 2048,
      }) ?? '',
  );
  v.check();

  if (policyArns.length > MAX_POLICY_ARNS) {
    throw new AwsError(
      'ValidationError',
      `You can pass at most ${MAX_POLICY_ARNS} managed session policy ARNs.`,
    );
  }
  const plaintext = (policy?.length ?? 0) + policyArns.reduce((n, a) => n + a.length, 0);
  if (plaintext > SESSION_POLICY_PLAINTEXT) {
    throw new AwsError(
      'ValidationError',
      `The session policies' plaintext is ${plaintext} characters; it can't exceed ${SESSION_POLICY_PLAINTEXT}.`,
    );
  }
  if (policy !== undefined) {
    try {
      JSON.parse(policy);
    } catch {
      throw new AwsError('MalformedPolicyDocument', 'The session policy is not valid JSON.');
    }
  }
  const seen = new Set<string>();
  for (const t of tags) {
    // Session tag keys are case-insensitive: Project and project are the same key.
    if (seen.has(t.Key.toLowerCase())) {
      throw new AwsError(
        'ValidationError',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    }
    seen.add(t.Key.toLowerCase());
  }
  const unknown = transitiveTagKeys.find((k) => !seen.has(k.toLowerCase()));
  if (unknown !== undefined) {
    throw new AwsError(
      'ValidationError',
      `Transitive tag key ${unknown} is not one of the session tags passed.`,
    );
  }
  return {
    roleArn: roleArn ?? '',
    sessionName: sessionName ?? '',
    durationSeconds,
    externalId,
    sourceIdentity,
    tags,
    transitiveTagKeys,
    policy,
    policyArns,
  };
}
