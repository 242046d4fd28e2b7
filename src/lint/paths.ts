/**
 * JSON paths in the `$.Statement[0].Condition.StringEquals["aws:x"]` form that src/policy's grammar
 * checker reports, to and from {@link DocPath} arrays.
 */
import type { DocPath } from './types.js';

const BARE = /^[A-Za-z_$][\w$:-]*$/;

/**
 * `['Statement', 0, 'Action', 2]` → `$.Statement[0].Action[2]`. Condition keys are always bracketed
 * (`Condition.StringEquals["aws:x"]`), as src/policy writes them.
 */
export function formatJsonPath(path: DocPath): string {
  let out = '$';
  path.forEach((seg, i) => {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (BARE.test(seg) && path[i - 2] !== 'Condition') out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  });
  return out;
}

/**
 * The inverse of {@link formatJsonPath}, tolerant of the unescaped `["key"]` form: `.name` runs to the
 * next `.` or `[`, `[n]` is an index, `["…"]` a key.
 */
export function parseJsonPath(text: string): DocPath {
  const out: (string | number)[] = [];
  let i = text.startsWith('$') ? 1 : 0;
  while (i < text.length) {
    if (text[i] === '.') {
      let j = i + 1;
      while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
      out.push(text.slice(i + 1, j));
      i = j;
    } else if (text.startsWith('["', i)) {
      const end = text.indexOf('"]', i + 2);
      const stop = end === -1 ? text.length : end;
      out.push(text.slice(i + 2, stop));
      i = stop + 2;
    } else if (text[i] === '[') {
      const end = text.indexOf(']', i);
      const stop = end === -1 ? text.length : end;
      out.push(Number(text.slice(i + 1, stop)));
      i = stop + 1;
    } else {
      i++;
    }
  }
  return out;
}
