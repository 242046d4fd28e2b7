/**
 * Runbook steps and the README tables that map them. Seed runbooks number their steps in several
 * ways ("1. Create the User", "Step 1 — Configure SSO credentials", "### 2. …"), and restart the
 * numbering in each section; every restart opens a new group, so a step's id is `<group>.<number>`
 * (`2.4` is the fourth step of the second numbered list). A recipe README maps each id in a table
 * `| step | runbook | onramp | status |`; rows whose id is a word (`org`, `login`) map steps the
 * runbook describes without a number.
 */

export interface RunbookStep {
  /** `<group>.<number>`, e.g. `2.4`. */
  id: string;
  title: string;
  /** 1-based line in the runbook. */
  line: number;
}

export interface StepRow {
  step: string;
  runbook: string;
  onramp: string;
  status: string;
  /** 1-based line in the README. */
  line: number;
}

export const STEP_STATUSES = ['automated', 'manual', 'not applicable'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

const STEP_WORD = /^\s*(?:#{1,6}\s*)?Step\s+(\d{1,2})\s*[—–:.-]\s*(\S.*)$/i;
const NUMBERED = /^\s*(?:#{1,6}\s*)?(\d{1,2})\.\s+(\S.*)$/;

/** Plain words of a title or cell: markdown marks and punctuation dropped, lower case. */
export function plainWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[*`_]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every numbered step of a runbook, outside fenced code blocks, grouped by restarts. */
export function extractRunbookSteps(text: string): RunbookStep[] {
  const steps: RunbookStep[] = [];
  let group = 0;
  let last = 0;
  let lastStyle = '';
  let fenced = false;
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const word = STEP_WORD.exec(line);
    const numbered = word ? undefined : NUMBERED.exec(line);
    const m = word ?? numbered;
    if (!m) return;
    const n = Number(m[1]);
    const style = word ? 'step' : 'numbered';
    if (n <= last || style !== lastStyle || group === 0) group++;
    last = n;
    lastStyle = style;
    steps.push({ id: `${group}.${n}`, title: m[2].replace(/\s+/g, ' ').trim(), line: i + 1 });
  });
  return steps;
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
}

/** The rows of the first `| step | runbook | onramp | status |` table in a README. */
export function parseStepTable(markdown: string): StepRow[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => {
    const c = cells(l).map((x) => x.toLowerCase());
    return l.trim().startsWith('|') && c.join('|') === 'step|runbook|onramp|status';
  });
  if (start === -1) return [];
  const rows: StepRow[] = [];
  for (let i = start + 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    const [step = '', runbook = '', onramp = '', status = ''] = cells(lines[i]);
    rows.push({ step, runbook, onramp, status: status.toLowerCase(), line: i + 1 });
  }
  return rows;
}

/**
 * Problems with a README's mapping of a runbook: steps without a row, rows for steps the runbook
 * does not have, statuses outside {@link STEP_STATUSES}, a runbook cell that does not quote the
 * step's first words (a row shifted by one), an empty onramp cell.
 */
export function checkStepMapping(steps: readonly RunbookStep[], rows: readonly StepRow[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, StepRow>();
  for (const row of rows) {
    if (byId.has(row.step)) problems.push(`line ${row.line}: step ${row.step} is mapped twice`);
    byId.set(row.step, row);
    if (!STEP_STATUSES.includes(row.status as StepStatus)) {
      problems.push(
        `line ${row.line}: step ${row.step} has status "${row.status}" (use ${STEP_STATUSES.join(', ')})`,
      );
    }
    if (plainWords(row.onramp).length < 3) {
      problems.push(
        `line ${row.line}: step ${row.step} needs a precise onramp column (what runs, or what to do and why)`,
      );
    }
    const numeric = /^\d+\.\d+$/.test(row.step);
    if (numeric && !steps.some((s) => s.id === row.step)) {
      problems.push(`line ${row.line}: the runbook has no step ${row.step}`);
    } else if (!numeric && !/^[a-z][a-z0-9-]*$/.test(row.step)) {
      problems.push(
        `line ${row.line}: step id "${row.step}" is neither <group>.<number> nor a lower-case word`,
      );
    }
  }
  for (const step of steps) {
    const row = byId.get(step.id);
    if (!row) {
      problems.push(`runbook line ${step.line}: step ${step.id} "${step.title}" is not mapped`);
      continue;
    }
    const want = plainWords(step.title).slice(0, 5).join(' ');
    if (!plainWords(row.runbook).join(' ').includes(want)) {
      problems.push(`line ${row.line}: the runbook column of step ${step.id} should quote "${step.title}"`);
    }
  }
  return problems;
}
