/**
 * The comment line directly above a section header that marks the section as onramp's. Only such
 * sections are ever changed or removed; everything else in the file belongs to the user or to
 * other tools (granted, aws-sso-util, `aws configure`).
 *
 * The marker is plain ASCII on purpose: AWS CLI v1 reads the file in the locale's encoding, and a
 * non-ASCII byte there can fail to decode (cp1252 on Windows, for one).
 */
import type { IniDocument, IniSection } from '../ini/document.js';
import { pyStrip } from '../ini/lines.js';

const MARKER = /^#\s*managed by onramp\b(?:\s*\(session:\s*([^)]*)\))?/i;

/** The marker comment for a section of `session`. */
export function markerLine(session: string): string {
  return `# managed by onramp (session: ${session}) - edits inside this section may be replaced`;
}

/** The session named by a marker comment, '' for a marker without one; undefined if not a marker. */
export function parseMarker(text: string): string | undefined {
  const m = MARKER.exec(pyStrip(text));
  return m ? pyStrip(m[1] ?? '') : undefined;
}

export interface OwnedBlock {
  section: IniSection;
  /** Line index of the marker comment. */
  start: number;
  /** Line index of the section's last content line (trailing comments and blanks stay outside). */
  last: number;
  /** Session named in the marker. */
  session: string;
}

/** The section's owned block, if the line directly above its header is onramp's marker. */
export function ownedBlock(doc: IniDocument, section: IniSection): OwnedBlock | undefined {
  if (section.header === 0) return undefined;
  const session = parseMarker(doc.text(section.header - 1));
  if (session === undefined) return undefined;
  return { section, start: section.header - 1, last: section.lastContent, session };
}

/** Every onramp-owned section in the file, in file order. */
export function ownedBlocks(doc: IniDocument): OwnedBlock[] {
  const out: OwnedBlock[] = [];
  for (const section of doc.sections()) {
    const block = ownedBlock(doc, section);
    if (block) out.push(block);
  }
  return out;
}
