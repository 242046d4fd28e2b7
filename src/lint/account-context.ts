/** Which accounts count as ours when judging principals (see {@link AccountContext}). */
import type { AccountContext, LintOptions } from './types.js';

/** `--account` (authoritative when given) plus account ids known to be ours, e.g. a blueprint's literal ids. */
export function accountContext(options: LintOptions, more: Iterable<string> = []): AccountContext {
  const own = new Set(more);
  if (options.account) own.add(options.account);
  return { own, strict: options.account !== undefined };
}
