/** REST-JSON routing (SSO OIDC, the SSO portal, the sandbox's own pages): method + path patterns. */
import type { RestRoute } from '../service.js';

export function matchRoute(
  routes: RestRoute[],
  method: string,
  path: string,
): { operation: string; params: Record<string, string> } | undefined {
  const parts = path.split('/');
  for (const r of routes) {
    if (r.method !== method) continue;
    const pattern = r.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
      else if (pattern[i] !== parts[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return { operation: r.operation, params };
  }
  return undefined;
}
