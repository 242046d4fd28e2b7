/**
 * The little HTML the sign-in pages need: escaping, one layout, and raw responses. Every value that
 * reaches a page goes through escapeHtml.
 */
import type { RawResponse, SandboxRequest } from '../../service.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#16191f}
h1{font-size:1.4rem}.code{font:600 1.6rem monospace;letter-spacing:.15rem}
label{display:block;margin:1rem 0 .3rem}input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}
button{font-size:1rem;padding:.5rem 1.2rem;margin:1rem .5rem 0 0}.error{color:#d13212}.muted{color:#5f6b7a}`;

/** A whole page; `body` must already be escaped HTML. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Onramp sandbox</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
<p class="muted">Onramp sandbox: an offline stand-in for the AWS access portal sign-in.</p></main></body></html>`;
}

export function htmlResponse(status: number, html: string): RawResponse {
  return {
    $raw: {
      status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // Codes travel in URLs; keep them out of Referer headers and out of frames.
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      },
      body: html,
    },
  };
}

export function redirectResponse(location: string): RawResponse {
  return {
    $raw: {
      status: 302,
      headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    },
  };
}

/** The fields of a GET query or a POSTed urlencoded form. */
export function formFields(req: SandboxRequest): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(req.query);
  if (req.method === 'POST') {
    for (const [k, v] of new URLSearchParams(req.rawBody.toString('utf8'))) out[k] = v;
  }
  return out;
}

/** A hidden input. */
export function hidden(name: string, value: string | undefined): string {
  return value === undefined
    ? ''
    : `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

/** The labelled user-name field, with the instance's user names offered as suggestions. */
export function userNameField(userNames: string[], value = ''): string {
  const options = userNames
    .slice(0, 500)
    .map((n) => `<option value="${escapeHtml(n)}"></option>`)
    .join('');
  return `<label for="user_name">Identity Center user name</label>
<input id="user_name" name="user_name" list="user_names" autocomplete="username" required value="${escapeHtml(value)}">
<datalist id="user_names">${options}</datalist>`;
}
