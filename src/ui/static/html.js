/** Preact + htm, served from node_modules by the onramp ui server: JSX-like templates, no build step. */

import htm from '/vendor/htm.mjs';
import { h } from '/vendor/preact.mjs';

export { useEffect, useMemo, useRef, useState } from '/vendor/hooks.mjs';
export { render } from '/vendor/preact.mjs';
export const html = htm.bind(h);

/** An error from the API as a paragraph (message, hint, code). */
export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<p class="error" role="alert">${error.message}${error.hint ? html` <span class="hint">${error.hint}</span>` : ''}${error.code ? html` <code>${error.code}</code>` : ''}</p>`;
}
