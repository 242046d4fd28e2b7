/**
 * The wizard's calls to its server. The session token comes from the page's URL (onramp ui printed
 * it) and goes with every call; the server answers 403 without it.
 */
export const token = new URLSearchParams(location.search).get('token') ?? '';

/** Calls the API; resolves to the JSON answer, rejects with {message, code, hint}. */
export async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { 'x-onramp-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json().catch(() => ({ error: { message: `HTTP ${res.status}` } }));
  if (!res.ok) throw json.error ?? { message: `HTTP ${res.status}` };
  return json;
}

/** Follows the apply run's server-sent events; returns the EventSource. */
export function followEvents(onMessage) {
  const es = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  es.onmessage = (e) => {
    const m = JSON.parse(e.data);
    onMessage(m);
    if (m.result || m.fatal || m.none) es.close();
  };
  return es;
}
