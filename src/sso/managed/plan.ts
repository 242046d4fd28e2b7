/**
 * Plans onramp's edits to ~/.aws/config: add, update and prune the profiles and sso-sessions it
 * owns (marker.ts) and nothing else. Pure: text in, text + diff + change list out.
 *
 * Rules: a section onramp does not own is never modified (a name collision is an error, unless the
 * caller asks to adopt it); keys inside an owned section that onramp does not manage survive;
 * pruning removes only owned sections of the sessions in scope; every byte outside owned sections
 * stays as it was.
 */
import { OnrampError } from '../../core/errors.js';
import { SsoFileError } from '../errors.js';
import { botocoreView, type ViewSection } from '../ini/botocore-view.js';
import { IniDocument, type IniSection } from '../ini/document.js';
import { formatHeader, jsSdkSeesHeader, type SectionIdentity, sameIdentity } from '../ini/section-name.js';
import { type DesiredConfig, type RenderedSection, renderDesired } from './desired.js';
import { markerLine, ownedBlock, ownedBlocks } from './marker.js';
import { unifiedDiff } from './unified-diff.js';

export interface PlanOptions {
  /** Remove owned profiles/sso-sessions of the sessions in scope that are no longer desired. */
  prune?: boolean;
  /** Sessions whose owned sections pruning may remove (default: every session in `desired`). */
  pruneSessions?: readonly string[];
  /** Take over same-named sections onramp does not own (adds the marker) instead of failing. */
  adopt?: boolean;
  /** The file's path, for the diff header and error messages. */
  path?: string;
}

export type ConfigChangeAction = 'add' | 'update' | 'remove' | 'adopt';

export interface ConfigChange {
  action: ConfigChangeAction;
  /** The header as written, e.g. `[profile prod/Admin]`. */
  section: string;
  kind: 'profile' | 'sso-session';
  name: string;
  /** Keys set (add/update). */
  keys?: string[];
}

export interface ConfigPlan {
  newText: string;
  /** Unified diff from the old to the new text ('' when nothing changes). */
  diff: string;
  changes: ConfigChange[];
}

const identityOf = (s: RenderedSection): SectionIdentity => ({ kind: s.kind, name: s.name });
const identityKeyOf = (i: SectionIdentity): string => `${i.kind}\0${i.name}`;

/**
 * Plans a sync of onramp's sections in `docText` (a whole ~/.aws/config) towards `desired`.
 * Throws ONR-E301 (name taken by an unowned section), E302/E307 (bad desired values), E308/E309
 * (the edit would change or is ambiguous for sections onramp does not own).
 */
export function planConfigChanges(
  docText: string,
  desired: DesiredConfig,
  options: PlanOptions = {},
): ConfigPlan {
  const wanted = renderDesired(desired);
  const doc = IniDocument.parse(docText);
  const changes: ConfigChange[] = [];
  checkCollisions(doc, wanted, options);
  const scope = new Set(options.pruneSessions ?? wanted.map((w) => w.session));
  const wantedIds = new Set(wanted.map((w) => identityKeyOf(identityOf(w))));
  const byIdentity = new Map<string, IniSection[]>();
  // Checked on the untouched file, so the error points at the user's line numbers.
  for (const section of doc.sections()) {
    const id = identityKeyOf(section.identity);
    byIdentity.set(id, [...(byIdentity.get(id) ?? []), section]);
    const owned = ownedBlock(doc, section);
    const pruned = options.prune && owned && scope.has(owned.session);
    if ((wantedIds.has(id) && (owned || options.adopt)) || pruned) assertUnambiguous(doc, section, options);
  }
  const edits: SectionEdit[] = [];
  const adds: RenderedSection[] = [];
  for (const want of wanted)
    planWanted(
      doc,
      want,
      byIdentity.get(identityKeyOf(identityOf(want))) ?? [],
      options,
      changes,
      edits,
      adds,
    );
  // Each edit touches only its own section's lines: bottom-up, the sections above keep their line
  // numbers, so the file is parsed once instead of after every edit (quadratic for thousands).
  edits.sort((a, b) => b.section.header - a.section.header);
  for (const edit of edits) applyEdit(doc, edit);
  for (const want of adds) {
    doc.addSection(formatHeader(want.kind, want.name).slice(1, -1), want.entries, [markerLine(want.session)]);
  }
  if (options.prune) prune(doc, wanted, scope, changes);
  const newText = doc.toString();
  assertOthersUnchanged(docText, newText, options);
  const real = changes.filter((c) => c.action !== 'update' || c.keys?.length);
  return { newText, diff: unifiedDiff(docText, newText, { path: options.path }), changes: order(real) };
}

/** One existing section to change: drop it (an owned duplicate) or bring it to `want`. */
type SectionEdit =
  | { kind: 'remove'; section: IniSection; adopted: boolean }
  | { kind: 'update'; section: IniSection; adopted: boolean; want: RenderedSection; record: ConfigChange };

/**
 * Decides what `want` does to the file: adopt unowned same-named sections (with --adopt), keep the
 * last one (the one botocore reads) and drop earlier duplicates, or add a new section. Records the
 * changes in the order they are decided; an update's keys are filled in when it is applied.
 */
function planWanted(
  doc: IniDocument,
  want: RenderedSection,
  matches: readonly IniSection[],
  options: PlanOptions,
  changes: ConfigChange[],
  edits: SectionEdit[],
  adds: RenderedSection[],
): void {
  const change = (action: ConfigChangeAction, section: string, keys?: string[]) =>
    changes.push({ action, section, kind: want.kind, name: want.name, ...(keys ? { keys } : {}) });
  const adopted = (s: IniSection) => !ownedBlock(doc, s);
  if (options.adopt) {
    for (const section of matches.filter(adopted).reverse()) change('adopt', `[${section.name}]`);
  }
  if (!matches.length) {
    adds.push(want);
    change(
      'add',
      formatHeader(want.kind, want.name),
      want.entries.map(([k]) => k),
    );
    return;
  }
  for (const extra of matches.slice(0, -1).reverse()) {
    edits.push({ kind: 'remove', section: extra, adopted: adopted(extra) });
    change('remove', `[${extra.name}]`);
  }
  const kept = matches.at(-1)!;
  const record: ConfigChange = {
    action: 'update',
    section: `[${kept.name}]`,
    kind: want.kind,
    name: want.name,
    keys: [],
  };
  changes.push(record);
  edits.push({ kind: 'update', section: kept, adopted: adopted(kept), want, record });
}

/** Applies one edit to lines of the original parse (valid because edits run bottom-up). */
function applyEdit(doc: IniDocument, edit: SectionEdit): void {
  const { section } = edit;
  // An owned section's block starts at its marker; an adopted one gets its marker now.
  const start = edit.adopted ? section.header : section.header - 1;
  if (edit.kind === 'remove') {
    doc.removeRange(start, section.lastContent);
    return;
  }
  doc.editRange(start, section.end, (part) => {
    let header = section.header - start;
    if (edit.adopted) {
      part.insertAfter(header - 1, [markerLine(edit.want.session)]);
      header++;
    }
    edit.record.keys = updateSection(part, header, edit.want);
  });
}

/** Removes owned profiles/sso-sessions of the sessions in scope that nobody wants any more. */
function prune(
  doc: IniDocument,
  wanted: readonly RenderedSection[],
  scope: ReadonlySet<string>,
  changes: ConfigChange[],
): void {
  const blocks = ownedBlocks(doc).filter(({ section, session }) => {
    const { kind } = section.identity;
    if (kind !== 'profile' && kind !== 'sso-session') return false;
    return scope.has(session) && !wanted.some((w) => sameIdentity(identityOf(w), section.identity));
  });
  for (const block of blocks.reverse()) {
    doc.removeRange(block.start, block.last);
    const { kind, name } = block.section.identity as { kind: 'profile' | 'sso-session'; name: string };
    changes.push({ action: 'remove', section: `[${block.section.name}]`, kind, name });
  }
}

/** Sections botocore would file under the same profile/sso-session name as `want`. */
function matching(doc: IniDocument, want: RenderedSection): IniSection[] {
  return doc.sections().filter((s) => sameIdentity(s.identity, identityOf(want)));
}

/**
 * Refuses to edit an owned section whose lines botocore and the JS SDK split differently (an
 * indented `[profile x]` under one of its keys): whatever onramp changed there, one of the two
 * would read another section than intended.
 */
function assertUnambiguous(doc: IniDocument, section: IniSection, options: PlanOptions): void {
  for (let i = section.header + 1; i < section.end; i++) {
    if (!jsSdkSeesHeader(doc.text(i))) continue;
    throw new OnrampError(
      SsoFileError.ambiguousSection,
      `editing [${section.name}]: line ${i + 1} (${doc.text(i).trim()}) is part of its last value for the AWS CLI but a new section for the JavaScript SDK`,
      {
        hint: `remove the indentation before ${doc.text(i).trim()} (or delete the line) so every tool reads the file the same way, then run again`,
        source: { kind: 'file', file: options.path ?? 'config', line: i + 1 },
      },
    );
  }
}

function checkCollisions(doc: IniDocument, wanted: readonly RenderedSection[], options: PlanOptions): void {
  if (options.adopt) return;
  const clashes = wanted.flatMap((want) =>
    matching(doc, want)
      .filter((s) => !ownedBlock(doc, s))
      .map((s) => ({
        wanted: formatHeader(want.kind, want.name),
        existing: `[${s.name}]`,
        line: s.header + 1,
      })),
  );
  if (!clashes.length) return;
  const first = clashes[0];
  const more = clashes.length > 1 ? ` (and ${clashes.length - 1} more)` : '';
  throw new OnrampError(
    SsoFileError.nameCollision,
    `writing ${first.wanted}: ${first.existing} at line ${first.line} exists and is not managed by onramp${more}`,
    {
      hint: 'choose other names (--profile-template, e.g. "{session}/{account}/{role}"), rename or remove the existing section, or let onramp take it over with --adopt',
      source: { kind: 'file', file: options.path ?? 'config', line: first.line },
      details: { collisions: clashes },
    },
  );
}

/** Brings one owned section to the wanted keys; returns the keys whose line changed. */
function updateSection(doc: IniDocument, header: number, want: RenderedSection): string[] {
  const section = () => doc.sections().find((s) => s.header === header)!;
  const changed: string[] = [];
  const block = ownedBlock(doc, section())!;
  if (block.session !== want.session) {
    doc.replaceLine(block.start, markerLine(want.session));
    changed.push('(marker)');
  }
  want.entries.forEach(([key, value], i) => {
    // A repeated key makes botocore reject the file: keep only the last.
    const repeats = section().options.filter((o) => o.key === key);
    for (const dup of repeats.slice(0, -1).reverse()) doc.removeRange(dup.line, dup.last);
    const before = want.entries.slice(0, i).map(([k]) => k);
    if (doc.setValue(section(), key, value, before) || repeats.length > 1) changed.push(key);
  });
  return changed;
}

/**
 * The safety net behind "never modify what onramp does not own": every section onramp does not
 * own must read the same (botocore's view, ignoring line numbers) before and after the edit. An
 * indented header right after an onramp section is the kind of input that could otherwise shift.
 */
function assertOthersUnchanged(before: string, after: string, options: PlanOptions): void {
  const docs = [IniDocument.parse(before), IniDocument.parse(after)];
  // Sections owned on either side (adopted ones become owned) are onramp's to change.
  const owned = new Set(
    docs.flatMap((d) => ownedBlocks(d).map((b) => `${b.section.identity.kind}\0${b.section.identity.name}`)),
  );
  if (unownedView(docs[0], owned) === unownedView(docs[1], owned)) return;
  throw new OnrampError(
    SsoFileError.wouldChangeOthers,
    `writing ${options.path ?? 'config'}: the edit would change how sections onramp does not own are read`,
    {
      hint: 'check the file for indented [section] headers or keys next to onramp sections, fix them, and run again',
      source: { kind: 'file', file: options.path ?? 'config' },
    },
  );
}

function unownedView(doc: IniDocument, owned: ReadonlySet<string>): string {
  const view = botocoreView(doc);
  const strip = (m: ReadonlyMap<string, ViewSection>, kind: string) =>
    [...m]
      .filter(([name]) => !owned.has(`${kind}\0${name}`))
      .map(([name, s]) => [name, s.header, [...s.values].map(([k, v]) => [k, v.value])]);
  return JSON.stringify([
    strip(view.profiles, 'profile'),
    strip(view.ssoSessions, 'sso-session'),
    strip(view.services, 'services'),
    strip(view.other, 'other'),
  ]);
}

const RANK: Record<ConfigChangeAction, number> = { adopt: 0, remove: 1, update: 2, add: 3 };

function order(changes: ConfigChange[]): ConfigChange[] {
  return [...changes].sort((a, b) => RANK[a.action] - RANK[b.action]);
}
