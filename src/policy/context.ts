/**
 * The request context as the evaluator reads it: keys lower-cased (AWS condition key names are
 * case-insensitive; values are not), values as string lists, and the principal keys AWS always
 * supplies derived when the caller left them out.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { ContextValue, EvaluationRequest, RequestPrincipal } from './types.js';

export interface ContextEntry {
  values: string[];
  /** True for list-valued keys; these cannot be used as policy variables. */
  multi: boolean;
}

export type RequestContext = Map<string, ContextEntry>;

function toStrings(v: ContextValue): ContextEntry {
  if (Array.isArray(v)) return { values: v.map(String), multi: true };
  return { values: [String(v)], multi: false };
}

/** The friendly name of an IAM user from its ARN (the last path segment). */
function userNameOf(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

function derived(p: RequestPrincipal): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.service) return out;
  out['aws:principalarn'] = p.roleArn ?? p.arn;
  out['aws:principalaccount'] = p.accountId;
  const userName = userNameOf(p.arn);
  if (userName) out['aws:username'] = userName;
  if (userName && p.userId) out['aws:userid'] = p.userId;
  return out;
}

/** Builds the lower-cased context for one request; derived keys never override given ones. */
export function buildContext(req: EvaluationRequest): RequestContext {
  const ctx: RequestContext = new Map();
  for (const [k, v] of Object.entries(req.context ?? {})) {
    if (v === undefined || v === null) continue;
    ctx.set(k.toLowerCase(), toStrings(v));
  }
  for (const [k, v] of Object.entries(derived(req.principal))) {
    if (!ctx.has(k)) ctx.set(k, { values: [v], multi: false });
  }
  return ctx;
}

/** Single-valued lookup for policy variables. */
export function variableLookup(ctx: RequestContext): (key: string) => string | undefined {
  return (key) => {
    const e = ctx.get(key.toLowerCase());
    if (!e || e.multi || e.values.length !== 1) return undefined;
    return e.values[0];
  };
}
