/**
 * Wildcard matching for actions, resources and string/ARN conditions, with every compiled pattern
 * cached: the sandbox evaluates policies on every call, and the same few hundred patterns recur.
 *
 * Patterns use AWS's two wildcards, `*` (any run of characters) and `?` (one character). Internally a
 * pattern may also carry backslash escapes (`\*`, `\?`, `\\`) for characters that must match
 * literally: policy variables resolve to such escaped text, so a user named `a*` stays literal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars
 */

const MAX_CACHE = 5000;

/** A small bounded cache: patterns come from policies, which are finite, but be safe anyway. */
class PatternCache {
  private readonly map = new Map<string, RegExp>();
  get(key: string, build: () => RegExp): RegExp {
    let re = this.map.get(key);
    if (re) return re;
    re = build();
    if (this.map.size >= MAX_CACHE) this.map.clear();
    this.map.set(key, re);
    return re;
  }
}

const caches = {
  glob: new PatternCache(),
  globI: new PatternCache(),
  arn: new PatternCache(),
};

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

function escapeRegex(s: string): string {
  return s.replace(REGEX_SPECIAL, '\\$&');
}

/**
 * Translates an escaped glob into regex source. `star` and `one` are what `*` and `?` become, so ARN
 * segments can stop wildcards at colons.
 */
function globSource(glob: string, star: string, one: string): string {
  let out = '';
  let literal = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      literal += glob[++i];
    } else if (c === '*' || c === '?') {
      out += escapeRegex(literal) + (c === '*' ? star : one);
      literal = '';
    } else {
      literal += c;
    }
  }
  return out + escapeRegex(literal);
}

/** True when the escaped glob has an unescaped wildcard. */
export function hasWildcard(glob: string): boolean {
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
  }
  return false;
}

/** Removes escapes from a glob without wildcards, giving the literal text it matches. */
export function unescapeGlob(glob: string): string {
  return glob.indexOf('\\') === -1 ? glob : glob.replace(/\\(.)/gs, '$1');
}

/** Escapes text so that it matches only itself when used as a glob. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?]/g, '\\$&');
}

/** Whole-string wildcard match (StringLike; actions use the case-insensitive form). */
export function globMatches(glob: string, value: string, ignoreCase = false): boolean {
  if (glob === '*') return true;
  if (!hasWildcard(glob)) {
    const lit = unescapeGlob(glob);
    return ignoreCase ? lit.toLowerCase() === value.toLowerCase() : lit === value;
  }
  const cache = ignoreCase ? caches.globI : caches.glob;
  const re = cache.get(glob, () => new RegExp(`^${globSource(glob, '.*', '.')}$`, ignoreCase ? 'is' : 's'));
  return re.test(value);
}

/** Index just past the fifth unescaped colon, or -1: ARNs have five colon-separated prefix fields. */
function arnSplitIndex(s: string): number {
  let colons = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === ':' && ++colons === 5) return i + 1;
  }
  return -1;
}

function arnRegex(glob: string): RegExp {
  return caches.arn.get(glob, () => {
    if (!glob.startsWith('arn:')) return new RegExp(`^${globSource(glob, '.*', '.')}$`, 's');
    // A short ARN such as arn:aws:iam::* reads as if its missing fields were * (iam-simulate
    // "expands" them the same way), and its wildcards still stop at colons.
    let full = glob;
    while (arnSplitIndex(full) === -1) full += ':*';
    const split = arnSplitIndex(full);
    // In partition/service/region/account a wildcard cannot cross a colon; in the resource part it can.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
    const head = globSource(full.slice(0, split), '[^:]*', '[^:]');
    const tail = globSource(full.slice(split), '.*', '.');
    return new RegExp(`^${head}${tail}$`, 's');
  });
}

/**
 * ARN-aware wildcard match, used for Resource/NotResource and the Arn* condition operators: each of
 * the six colon-separated fields is matched separately (missing trailing fields read as `*`); patterns
 * that are not ARNs match as whole strings. Case-sensitive, as AWS compares resource ARNs.
 */
export function arnMatches(glob: string, value: string): boolean {
  if (glob === '*') return true;
  if (!hasWildcard(glob)) return unescapeGlob(glob) === value;
  return arnRegex(glob).test(value);
}

/**
 * Does an action pattern from a policy (e.g. `iam:Get*`) match a request action? Actions are
 * case-insensitive. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}
