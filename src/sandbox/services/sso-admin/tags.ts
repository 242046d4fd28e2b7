/**
 * Tags on instances and permission sets. Tags are never copied to the provisioned roles
 * (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_Tag.html), so tagging does not
 * make a permission set "not provisioned".
 */
import type { SandboxRequest } from '../../service.js';
import type { Tag } from '../iam/model.js';
import { quotaExceeded, requireInstance, requirePermissionSet } from './lookup.js';
import { paginate } from './paginate.js';
import { Checker, PATTERNS } from './validate.js';

const MAX_TAGS = 75;

/** Reads a TagList member, reporting each bad key or value with its position. */
export function readTags(c: Checker, value: unknown, required: boolean): Tag[] {
  if (value === undefined || value === null) {
    if (required) c.problem('tags', undefined, 'Member must not be null');
    return [];
  }
  if (!Array.isArray(value)) {
    c.problem('tags', '[list]', 'Member must be a list');
    return [];
  }
  if (value.length > MAX_TAGS)
    c.problem('tags', '[list]', `Member must have length less than or equal to ${MAX_TAGS}`);
  const tags: Tag[] = [];
  value.forEach((raw, i) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    const key = c.checkString(
      `tags.${i + 1}.member.key`,
      t.Key,
      { pattern: PATTERNS.tagKey, min: 1, max: 128 },
      true,
    );
    const val = c.checkString(
      `tags.${i + 1}.member.value`,
      t.Value,
      { pattern: PATTERNS.tagValue, max: 256 },
      true,
    );
    if (key !== undefined && val !== undefined) tags.push({ Key: key, Value: val });
  });
  return tags;
}

function taggable(req: SandboxRequest, resourceArn: string): { Tags: Tag[] } {
  const ps = /^arn:[\w-]+:sso:::permissionSet\/((?:sso)?ins-[a-zA-Z0-9-.]{16})\/ps-/.exec(resourceArn);
  if (ps) return requirePermissionSet(req, `arn:aws:sso:::instance/${ps[1]}`, resourceArn);
  return requireInstance(req, resourceArn);
}

function readResource(req: SandboxRequest): { c: Checker; arn: string } {
  const c = new Checker(req.params);
  c.opt('InstanceArn', { pattern: PATTERNS.instanceArn, min: 10, max: 1224 });
  const arn = c.req('ResourceArn', { pattern: PATTERNS.taggableArn, min: 10, max: 2048 });
  return { c, arn };
}

export const tagOperations = {
  TagResource(req: SandboxRequest) {
    const { c, arn } = readResource(req);
    const tags = readTags(c, req.params.Tags, true);
    c.done();
    const resource = taggable(req, arn);
    const merged = new Map(resource.Tags.map((t) => [t.Key, t.Value]));
    for (const t of tags) merged.set(t.Key, t.Value);
    if (merged.size > MAX_TAGS) throw quotaExceeded(`A resource can have at most ${MAX_TAGS} tags.`);
    resource.Tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
    return {};
  },

  UntagResource(req: SandboxRequest) {
    const { c, arn } = readResource(req);
    const keys = c.list('TagKeys', true, { min: 1, max: MAX_TAGS }) ?? [];
    keys.forEach((k, i) => {
      c.checkString(`tagKeys.${i + 1}.member`, k, { pattern: PATTERNS.tagKey, min: 1, max: 128 }, true);
    });
    c.done();
    const resource = taggable(req, arn);
    resource.Tags = resource.Tags.filter((t) => !keys.includes(t.Key));
    return {};
  },

  ListTagsForResource(req: SandboxRequest) {
    const { c, arn } = readResource(req);
    const token = c.opt('NextToken', { pattern: PATTERNS.token, max: 2048 });
    c.done();
    const page = paginate(taggable(req, arn).Tags, `ListTagsForResource|${arn}`, token, undefined, 50);
    return { Tags: page.items, NextToken: page.nextToken };
  },
};
