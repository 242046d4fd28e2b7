/** Tags on accounts, OUs and roots (TagResource, UntagResource, ListTagsForResource). */
import type { SandboxRequest } from '../../service.js';
import type { Tag } from '../iam/model.js';
import { invalidValue, orgErrors, requireString } from './errors.js';
import { managementCall } from './guard.js';
import type { OrgState } from './model.js';
import { paginate } from './paging.js';

const MAX_TAGS = 50;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Validates a Tags member as the API model constrains it; undefined means no tags. */
export function parseTags(raw: unknown): Tag[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw orgErrors.invalidInput('INVALID_LIST_MEMBER', 'Tags must be a list.');
  const seen = new Set<string>();
  const tags: Tag[] = [];
  for (const t of raw as Array<Record<string, unknown>>) {
    const key = typeof t?.Key === 'string' ? t.Key : '';
    const value = typeof t?.Value === 'string' ? t.Value : undefined;
    if (value === undefined)
      throw orgErrors.invalidInput('INPUT_REQUIRED', 'You must specify a value for Tag Value.');
    const bad =
      invalidValue('Tag Key', key, { min: 1, max: 128, pattern: TAG_TEXT }) ??
      invalidValue('Tag Value', value, { max: 256, pattern: TAG_TEXT });
    if (bad) throw bad;
    if (key.toLowerCase().startsWith('aws:')) {
      throw orgErrors.invalidInput(
        'INVALID_SYSTEM_TAGS_PARAMETER',
        'Tag keys beginning with aws: are reserved.',
      );
    }
    if (seen.has(key))
      throw orgErrors.invalidInput('DUPLICATE_TAG_KEY', 'You specified the same tag key twice.');
    seen.add(key);
    tags.push({ Key: key, Value: value });
  }
  return tags;
}

/** Merges tags over existing ones (same key: new value), enforcing the per-resource limit. */
export function mergeTags(state: OrgState, resourceId: string, tags: Tag[]): void {
  const current = new Map((state.tags[resourceId] ?? []).map((t) => [t.Key, t.Value]));
  for (const t of tags) current.set(t.Key, t.Value);
  if (current.size > MAX_TAGS) {
    throw orgErrors.constraint(
      'MAX_TAG_LIMIT_EXCEEDED',
      'You have exceeded the number of tags allowed on this resource.',
    );
  }
  state.tags[resourceId] = [...current].map(([Key, Value]) => ({ Key, Value }));
}

function taggable(state: OrgState, resourceId: string): string {
  if (state.roots[resourceId] || state.ous[resourceId] || state.accounts[resourceId]) return resourceId;
  throw orgErrors.targetNotFound();
}

export function tagResource(req: SandboxRequest) {
  const { state } = managementCall(req);
  const id = taggable(state, requireString(req.params, 'ResourceId'));
  mergeTags(state, id, parseTags(req.params.Tags));
  return {};
}

export function untagResource(req: SandboxRequest) {
  const { state } = managementCall(req);
  const id = taggable(state, requireString(req.params, 'ResourceId'));
  const keys = Array.isArray(req.params.TagKeys) ? (req.params.TagKeys as unknown[]).map(String) : [];
  state.tags[id] = (state.tags[id] ?? []).filter((t) => !keys.includes(t.Key));
  return {};
}

export function listTagsForResource(req: SandboxRequest) {
  const { state } = managementCall(req);
  const id = taggable(state, requireString(req.params, 'ResourceId'));
  const { page, NextToken } = paginate('ListTagsForResource', req.params, state.tags[id] ?? []);
  return { Tags: page.map((t) => ({ ...t })), NextToken };
}
