/** Steps 1–3: pick a recipe, fill its parameters (validated by the server), choose the target. */
import { api } from './api.js';
import { ErrorBox, html, useEffect, useState } from './html.js';

export function RecipeStep({ onChoose }) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const [chosen, setChosen] = useState(null);
  useEffect(() => {
    api('GET', '/api/recipes').then(setList, setError);
  }, []);
  const choose = async (name) => {
    try {
      const r = await api('POST', '/api/recipe', { name });
      setChosen(name);
      onChoose(r);
    } catch (e) {
      setError(e);
    }
  };
  return html`<h2 id="step-0">1. Choose a blueprint</h2>
    <${ErrorBox} error=${error} />
    ${!list && !error && html`<p>Loading recipes…</p>`}
    <ul class="recipes">
      ${list?.choices.map(
        (c) => html`<li class=${chosen === c.name ? 'chosen' : ''}>
        <button type="button" data-recipe=${c.name} data-autofocus=${list.selected === c.name ? true : undefined}
          aria-pressed=${chosen === c.name} onClick=${() => choose(c.name)}>${c.title}</button>
        <span class="summary">${c.name}: ${c.summary}</span></li>`,
      )}
    </ul>`;
}

function Field({ field, value, errors, onInput }) {
  const id = `param-${field.name}`;
  const errId = `${id}-errors`;
  const hint = field.type === 'list' ? ' (comma-separated)' : '';
  return html`<div class=${`field${errors?.length ? ' invalid' : ''}`}>
    <label for=${id}>${field.name}${field.required ? ' *' : ''}</label>
    <input id=${id} name=${field.name} type=${field.secret ? 'password' : 'text'} value=${value}
      autocomplete="off" aria-invalid=${errors?.length ? 'true' : 'false'}
      aria-describedby=${`${id}-desc ${errId}`} onInput=${(e) => onInput(field.name, e.currentTarget.value)} />
    <p class="desc" id=${`${id}-desc`}>${field.description}${hint}${field.default !== undefined ? ` — default: ${field.default || '(empty)'}` : ''}</p>
    <div id=${errId} class="field-errors" aria-live="polite">${(errors ?? []).map((m) => html`<p class="error">${m}</p>`)}</div>
  </div>`;
}

export function ParamsStep({ recipe, onValid }) {
  const initial = () => Object.fromEntries(recipe.fields.map((f) => [f.name, f.default ?? '']));
  const [values, setValues] = useState(initial);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setValues(initial());
    setResult(null);
  }, [recipe.name]);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api('POST', '/api/validate', { name: recipe.name, values });
      setResult(r);
      onValid(r.ok);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const examples = () => setValues({ ...values, ...recipe.examples });
  return html`<h2 id="step-1">2. Parameters of ${recipe.title}</h2>
    <form onSubmit=${submit} noValidate aria-label="Blueprint parameters">
      ${recipe.fields.length === 0 && html`<p>This blueprint has no parameters.</p>`}
      ${recipe.fields.map(
        (
          f,
        ) => html`<${Field} key=${f.name} field=${f} value=${values[f.name] ?? ''} errors=${result?.fields[f.name]}
        onInput=${(n, v) => setValues({ ...values, [n]: v })} />`,
      )}
      ${result?.general.map((m) => html`<p class="error" role="alert">${m}</p>`)}
      ${result?.warnings.map((m) => html`<p class="warning">${m}</p>`)}
      ${result?.ok && html`<p class="ok" role="status">The parameters are valid.</p>`}
      <${ErrorBox} error=${error} />
      <div class="actions">
        <button type="submit" disabled=${busy}>Validate parameters</button>
        ${Object.keys(recipe.examples).length > 0 && html`<button type="button" class="secondary" onClick=${examples}>Fill example values</button>`}
      </div>
    </form>`;
}

export function TargetStep({ onConnected }) {
  const [profile, setProfile] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [caller, setCaller] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const connect = async (body) => {
    setBusy(true);
    setError(null);
    try {
      const c = await api('POST', '/api/target', body);
      setCaller(c);
      onConnected(c);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const on = (body) => (e) => {
    e.preventDefault();
    connect(body);
  };
  return html`<h2 id="step-2">3. Target</h2>
    <form onSubmit=${on({ kind: 'sandbox' })} aria-label="Embedded sandbox">
      <button type="submit" data-autofocus disabled=${busy}>Use the embedded sandbox</button>
      <span class="desc"> an offline AWS organization with 3 member accounts, started in this process</span>
    </form>
    <form onSubmit=${on({ kind: 'profile', profile })} aria-label="Named profile" class="inline">
      <label for="target-profile">Profile</label>
      <input id="target-profile" value=${profile} onInput=${(e) => setProfile(e.currentTarget.value)} />
      <button type="submit" disabled=${busy || !profile}>Use this profile</button>
    </form>
    <form onSubmit=${on({ kind: 'endpoint', endpoint })} aria-label="Endpoint" class="inline">
      <label for="target-endpoint">Endpoint URL</label>
      <input id="target-endpoint" value=${endpoint} placeholder="http://127.0.0.1:4566" onInput=${(e) => setEndpoint(e.currentTarget.value)} />
      <button type="submit" disabled=${busy || !endpoint}>Use this endpoint</button>
    </form>
    ${busy && html`<p role="status">Connecting…</p>`}
    <${ErrorBox} error=${error} />
    ${
      caller &&
      html`<dl class="caller" aria-label="Caller identity">
      <dt>Account</dt><dd data-testid="caller-account">${caller.account}</dd>
      <dt>Caller</dt><dd data-testid="caller-arn">${caller.arn}</dd>
      <dt>Target</dt><dd>${caller.kind}</dd></dl>`
    }`;
}
