/** Steps 4–5: the plan (grouped by account and kind, policy diffs side by side) and apply with live progress. */
import { api, followEvents } from './api.js';
import { ErrorBox, html, useEffect, useRef, useState } from './html.js';

const SYMBOL = { create: '+', update: '~', replace: '-/+', delete: '-', noop: '=' };

function Diff({ rows }) {
  return html`<table class="diff"><thead><tr><th scope="col">live</th><th scope="col">blueprint</th></tr></thead><tbody>
    ${rows.map(
      (
        r,
      ) => html`<tr class=${`op-${r.op === ' ' ? 'same' : r.op === '~' ? 'change' : r.op === '-' ? 'del' : 'add'}`}>
      <td><pre>${r.left ?? ''}</pre></td><td><pre>${r.right ?? ''}</pre></td></tr>`,
    )}
  </tbody></table>`;
}

function Action({ a }) {
  return html`<li class=${`action op-${a.op}`}>
    <span class="sym" aria-hidden="true">${SYMBOL[a.op]}</span> <strong>${a.op}</strong> <code>${a.key}</code>
    ${a.reasons.length > 0 && html` <span class="reasons">— ${a.reasons.join('; ')}</span>`}
    ${a.changes.map(
      (c) => html`<div class="change"><span class="field-name">${c.field}</span>
      ${c.rows ? html`<${Diff} rows=${c.rows} />` : html` ${c.before} → ${c.after}`}</div>`,
    )}
  </li>`;
}

export function PlanStep({ target, onApply }) {
  const [plan, setPlan] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const applyButton = useRef(null);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setPlan(await api('POST', '/api/plan'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (plan) applyButton.current?.focus();
  }, [plan]);
  const c = plan?.counts;
  const changes = c && c.create + c.update + c.replace + c.delete;
  return html`<h2 id="step-3">4. Plan against ${target.account}</h2>
    <form onSubmit=${submit} aria-label="Plan">
      <button type="submit" data-autofocus disabled=${busy}>${plan ? 'Plan again' : 'Plan'}</button>
      ${busy && html`<span role="status"> Reading AWS…</span>`}
    </form>
    <${ErrorBox} error=${error} />
    ${
      plan &&
      html`<div class="plan" data-testid="plan">
      <p class="counts" role="status">Plan: ${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.noop} unchanged.</p>
      ${plan.problems.map((p) => html`<p class="error">${p.message} <span class="hint">${p.hint}</span> <code>${p.code}</code></p>`)}
      ${plan.groups.map(
        (
          g,
        ) => html`<section class="account" aria-label=${`account ${g.account}`}><h3>Account ${g.account}</h3>
        ${g.kinds.map((k) => html`<h4>${k.kind}</h4><ul>${k.actions.map((a) => html`<${Action} key=${a.id} a=${a} />`)}</ul>`)}
      </section>`,
      )}
      <form onSubmit=${(e) => {
        e.preventDefault();
        onApply();
      }} aria-label="Apply the plan">
        <button type="submit" ref=${applyButton} disabled=${plan.problems.length > 0 || changes === 0}>Apply ${changes} change${changes === 1 ? '' : 's'}</button>
      </form>
    </div>`
    }`;
}

function reduce(state, m) {
  if (m.none) return { ...state, ended: true, none: true };
  if (m.fatal) return { ...state, ended: true, fatal: m.fatal };
  if (m.result) return { ...state, ended: true, result: m.result };
  const e = m.event;
  switch (e.type) {
    case 'run-start':
      return {
        ...state,
        total: e.total,
        phases: Object.fromEntries(
          Object.entries(e.phases).map(([p, n]) => [
            p,
            { total: n, done: 0, failed: 0, running: 0, blocked: 0, cancelled: 0 },
          ]),
        ),
      };
    case 'phase': {
      const { type, at, phase, ...counts } = e;
      return { ...state, phases: { ...state.phases, [phase]: counts } };
    }
    case 'throttled':
      return { ...state, throttles: state.throttles + 1 };
    case 'retry':
      return { ...state, retries: state.retries + 1 };
    case 'node-start':
      return { ...state, current: `${e.operation} (${e.id})` };
    default:
      return state;
  }
}

export function ApplyStep({ onDone, onVerify }) {
  const [state, setState] = useState({ total: 0, phases: {}, throttles: 0, retries: 0 });
  const [error, setError] = useState(null);
  const verifyButton = useRef(null);
  useEffect(() => {
    let es;
    api('POST', '/api/apply').then(() => {
      es = followEvents((m) => setState((s) => reduce(s, m)));
    }, setError);
    return () => es?.close();
  }, []);
  useEffect(() => {
    if (state.ended) {
      onDone(state.result?.ok === true);
      verifyButton.current?.focus();
    }
  }, [state.ended]);
  const r = state.result;
  return html`<h2 id="step-4">5. Apply</h2>
    <${ErrorBox} error=${error} />
    <table class="progress" aria-label="Progress per phase"><thead><tr><th scope="col">phase</th><th scope="col">done</th><th scope="col">running</th><th scope="col">failed</th><th scope="col">total</th></tr></thead>
      <tbody>${Object.entries(state.phases).map(([p, c]) => html`<tr><th scope="row">${p}</th><td>${c.done}</td><td>${c.running}</td><td>${c.failed}</td><td>${c.total}</td></tr>`)}</tbody></table>
    <p role="status" data-testid="apply-status">${state.ended ? (r ? (r.ok ? `Apply complete: ${r.counts.done} done in ${(r.elapsedMs / 1000).toFixed(1)} s.` : `Apply finished with failures: ${r.counts.failed} failed, ${r.counts.blocked} blocked.`) : 'Apply stopped.') : `Applying… ${state.current ?? ''}`}
      ${` ${state.throttles} throttle${state.throttles === 1 ? '' : 's'} absorbed, ${state.retries} retr${state.retries === 1 ? 'y' : 'ies'}.`}</p>
    ${state.fatal && html`<${ErrorBox} error=${state.fatal} />`}
    ${r?.failures.length > 0 && html`<ul class="failures" aria-label="Failures">${r.failures.map((f) => html`<li class="error"><strong>${f.state} ${f.id}</strong>: ${f.message} ${f.code ? html`<code>${f.code}</code>` : ''}${f.hint ? html`<p class="hint">Fix: ${f.hint}</p>` : ''}</li>`)}</ul>`}
    ${
      state.ended &&
      html`<form onSubmit=${(e) => {
        e.preventDefault();
        onVerify();
      }} aria-label="Verify"><button type="submit" ref=${verifyButton}>Verify access</button></form>`
    }`;
}
