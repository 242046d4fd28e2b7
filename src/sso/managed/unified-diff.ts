/**
 * A unified diff (as `diff -u` prints it) between two texts, for `--dry-run`. Lines compare with
 * their line breaks but print without them; a missing final newline gets the usual marker.
 */

interface DiffLine {
  text: string;
  /** The line ends with a break (false only for a last line without one). */
  nl: boolean;
}

function toLines(text: string): DiffLine[] {
  const out: DiffLine[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index + m[0].length), nl: true });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ text: text.slice(start), nl: false });
  return out;
}

type Op = { kind: ' ' | '-' | '+'; line: DiffLine };

const MAX_EDITS = 4000;

/** Myers' O((N+M)·D) shortest edit script, after trimming the common prefix and suffix. */
function editScript(a: DiffLine[], b: DiffLine[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre].text === b[pre].text) pre++;
  let suf = 0;
  while (
    suf < a.length - pre &&
    suf < b.length - pre &&
    a[a.length - 1 - suf].text === b[b.length - 1 - suf].text
  )
    suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const same = (line: DiffLine) => ({ kind: ' ' as const, line });
  return [...a.slice(0, pre).map(same), ...myers(A, B), ...a.slice(a.length - suf).map(same)];
}

function myers(A: DiffLine[], B: DiffLine[]): Op[] {
  const n = A.length;
  const m = B.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] keeps v[-d-1 .. d+1] as it was before step d: all the backtrack needs, O(D²) memory.
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    if (d > MAX_EDITS) {
      // Pathological input: print it as one replacement rather than use unbounded memory.
      return [
        ...A.map((line) => ({ kind: '-' as const, line })),
        ...B.map((line) => ({ kind: '+' as const, line })),
      ];
    }
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && A[x].text === B[y].text) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const at = (k: number) => trace[d][k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: A[x] });
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: B[--y] });
    else ops.push({ kind: '-', line: A[--x] });
  }
  return ops.reverse();
}

function render(op: Op): string {
  const body = op.line.text.replace(/\r?\n$|\r$/, '');
  return `${op.kind}${body}\n${op.line.nl ? '' : '\\ No newline at end of file\n'}`;
}

/** `start,length` as diff -u prints it: 1-based, `,1` left out, an empty range names the line before. */
function range(start: number, length: number): string {
  if (length === 0) return `${start},0`;
  return length === 1 ? `${start + 1}` : `${start + 1},${length}`;
}

/** The diff from `before` to `after`; '' when they are equal. */
export function unifiedDiff(
  before: string,
  after: string,
  options: { path?: string; context?: number } = {},
): string {
  if (before === after) return '';
  const ops = editScript(toLines(before), toLines(after));
  const context = options.context ?? 3;
  const path = options.path ?? 'config';
  let out = `--- ${path}\n+++ ${path} (onramp)\n`;
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2·context lines.
    for (let j = i; j < ops.length; j++) {
      if (ops[j].kind !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    end = Math.min(ops.length - 1, end + context);
    let aStart = 0;
    let bStart = 0;
    for (let j = 0; j < start; j++) {
      if (ops[j].kind !== '+') aStart++;
      if (ops[j].kind !== '-') bStart++;
    }
    const hunk = ops.slice(start, end + 1);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@\n`;
    out += hunk.map(render).join('');
    i = end + 1;
  }
  return out;
}
