/** Steps 6–7: the verify matrix (principal × target, with reasons), the access graph, and the manual next steps. */
import { api } from './api.js';
import { AccessGraph } from './graph.js';
import { ErrorBox, html, useEffect, useRef, useState } from './html.js';

const MARK = { ok: '✔', failed: '✘', unknown: '?' };

function Matrix({ view }) {
  const cell = (p, t) => view.cells.filter((c) => c.principal === p && c.target === t);
  return html`<table class="matrix" data-testid="verify-matrix"><caption>Who can reach what (${view.summary ? `${view.summary.ok}/${view.summary.paths} paths proven` : ''})</caption>
    <thead><tr><th scope="col">principal \\ target</th>${view.targets.map((t) => html`<th scope="col">${t}</th>`)}</tr></thead>
    <tbody>${view.principals.map(
      (p) =>
        html`<tr><th scope="row">${p}</th>${view.targets.map((t) => {
          const cs = cell(p, t);
          if (cs.length === 0) return html`<td class="none">—</td>`;
          return html`<td>${cs.map(
            (c) => html`<details class=${`cell status-${c.status}`} data-status=${c.status}>
        <summary><span aria-hidden="true">${MARK[c.status]}</span> ${c.status} <small>${c.kind}</small></summary>
        <ul>${c.reasons.map((r) => html`<li>${r}</li>`)}</ul>${c.codes.length > 0 && html`<p>codes: ${c.codes.join(', ')}</p>`}</details>`,
          )}</td>`;
        })}</tr>`,
    )}</tbody></table>`;
}

export function VerifyStep({ onNext }) {
  const [view, setView] = useState(null);
  const [graph, setGraph] = useState(null);
  const [error, setError] = useState(null);
  const next = useRef(null);
  useEffect(() => {
    api('POST', '/api/verify')
      .then(setView, setError)
      .then(() => api('GET', '/api/graph'))
      .then(setGraph, setError);
  }, []);
  useEffect(() => {
    if (view && graph) next.current?.focus();
  }, [view, graph]);
  return html`<h2 id="step-5">6. Verify</h2>
    <${ErrorBox} error=${error} />
    ${!view && !error && html`<p role="status">Proving every access path…</p>`}
    ${view && !view.available && html`<p class="warning" role="status">${view.message}</p>`}
    ${
      view?.available &&
      html`<p role="status" data-testid="verify-status" class=${view.ok ? 'ok' : 'error'}>${view.ok ? 'Every access path works.' : 'Some access paths do not work; see the findings.'}</p>
      <${Matrix} view=${view} />
      ${view.findings.length > 0 && html`<h3>Findings</h3><ul class="findings">${view.findings.map((f) => html`<li class=${f.severity}><strong>${f.code} ${f.title}</strong>: ${f.message}<ul>${f.fix.map((x) => html`<li><code>${x}</code></li>`)}</ul></li>`)}</ul>`}
      ${view.notes.length > 0 && html`<ul class="notes">${view.notes.map((n) => html`<li>${n}</li>`)}</ul>`}`
    }
    ${graph && html`<h3>Access graph</h3><${AccessGraph} graph=${graph} />`}
    <form onSubmit=${(e) => {
      e.preventDefault();
      onNext();
    }} aria-label="Next steps"><button type="submit" ref=${next} disabled=${!view}>Show the next steps</button></form>`;
}

export function NextSteps() {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [checked, setChecked] = useState({});
  useEffect(() => {
    api('GET', '/api/steps').then(setData, setError);
  }, []);
  return html`<h2 id="step-6">7. What stays manual</h2>
    <${ErrorBox} error=${error} />
    ${data && data.steps.length === 0 && html`<p>Nothing: the recipe is fully automated.</p>`}
    ${
      data &&
      html`<ul class="checklist" data-testid="checklist">${data.steps.map(
        (s, i) => html`<li>
      <input type="checkbox" id=${`manual-${i}`} checked=${!!checked[i]} onChange=${(e) => setChecked({ ...checked, [i]: e.currentTarget.checked })} />
      <label for=${`manual-${i}`}>${s}</label></li>`,
      )}</ul>
      <p role="status">${Object.values(checked).filter(Boolean).length} of ${data.steps.length} done.</p>`
    }`;
}
