/**
 * Tags on roles, users and customer-managed policies: at most 50 per resource, keys 1–128 and
 * values 0–256 characters of [\p{L}\p{Z}\p{N}_.:/=+\-@], keys case-insensitive, `aws:` reserved.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
 */
import type { Handler, SandboxRequest } from '../../service.js';
import { iamError, quotaExceeded } from './errors.js';
import type { Tag } from './model.js';
import { pageTail, paginate } from './paginate.js';
import { checks, list, required } from './validate.js';

const MAX_TAGS = 50;
const KEY_PATTERN = { re: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, text: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' };
const VALUE_PATTERN = { re: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, text: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' };

function render(tags: Tag[]): string {
  return `[${tags.map((t) => `Tag(key=${t.Key}, value=${t.Value})`).join(', ')}]`;
}

/** Reads and validates a `Tags` list parameter as AWS does. */
export function readTags(params: Record<string, unknown>, field = 'tags'): Tag[] {
  const raw = list<Record<string, unknown>>(params, 'Tags');
  const tags = raw.map((t) => ({ Key: String(t?.Key ?? ''), Value: String(t?.Value ?? '') }));
  const c = checks().count(field, render(tags), tags.length, MAX_TAGS);
  tags.forEach((t, i) => {
    c.string(`${field}.${i + 1}.member.key`, t.Key, 1, 128, KEY_PATTERN);
    c.string(`${field}.${i + 1}.member.value`, t.Value, 0, 256, VALUE_PATTERN);
  });
  c.done();
  const seen = new Set<string>();
  for (const t of tags) {
    const k = t.Key.toLowerCase();
    if (seen.has(k))
      throw iamError.invalidInput(
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    seen.add(k);
    if (k.startsWith('aws:'))
      throw iamError.invalidInput(`Tag keys starting with 'aws:' are reserved for AWS use: ${t.Key}`);
  }
  return tags;
}

/** Sets `incoming` over `existing` (keys compared case-insensitively); enforces the per-resource quota. */
export function mergeTags(existing: Tag[], incoming: Tag[], quota: string): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const t of incoming) {
    const i = out.findIndex((e) => e.Key.toLowerCase() === t.Key.toLowerCase());
    if (i >= 0) out[i] = { ...t };
    else out.push({ ...t });
  }
  if (out.length > MAX_TAGS) throw quotaExceeded(quota, MAX_TAGS);
  return out;
}

/** Removes the named keys; unknown keys are ignored, as AWS does. */
export function removeTags(existing: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !drop.has(t.Key.toLowerCase()));
}

/** How Tag/Untag/List*Tags reach one kind of taggable resource. */
export interface Taggable {
  /** The parameter naming the resource (RoleName, UserName, PolicyArn). */
  param: string;
  /** The quota AWS names when the merged set exceeds 50 (TagsPerRole, …). */
  quota: string;
  find(req: SandboxRequest, id: string): { Tags: Tag[]; ChangedAt?: number };
}

/** TagX, UntagX and ListXTags for one resource kind. */
export function tagHandlers(t: Taggable): { tag: Handler; untag: Handler; list: Handler } {
  return {
    tag: (req) => {
      const target = t.find(req, required(req.params, t.param));
      target.Tags = mergeTags(target.Tags, readTags(req.params), t.quota);
      if ('ChangedAt' in target) target.ChangedAt = req.ctx.clock.now();
      return undefined;
    },
    untag: (req) => {
      const target = t.find(req, required(req.params, t.param));
      const keys = list<string>(req.params, 'TagKeys');
      const c = checks().count('tagKeys', `[${keys.join(', ')}]`, keys.length, MAX_TAGS);
      for (const [i, k] of keys.entries()) c.string(`tagKeys.${i + 1}.member`, k, 1, 128, KEY_PATTERN);
      c.done();
      target.Tags = removeTags(target.Tags, keys);
      if ('ChangedAt' in target) target.ChangedAt = req.ctx.clock.now();
      return undefined;
    },
    list: (req) => {
      const target = t.find(req, required(req.params, t.param));
      const page = paginate(target.Tags, req.params, (tag) => tag.Key.toLowerCase());
      return { Tags: page.items.map((x) => ({ Key: x.Key, Value: x.Value })), ...pageTail(page) };
    },
  };
}
