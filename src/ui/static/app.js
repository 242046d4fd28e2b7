/**
 * The wizard: blueprint → parameters → target → plan → apply → verify → next steps. Each step is a
 * form whose primary button submits with Enter, and finishing a step moves focus to the next one,
 * so the whole wizard works with Tab and Enter alone.
 */
import { html, render, useEffect, useRef, useState } from './html.js';
import { ApplyStep, PlanStep } from './steps-run.js';
import { ParamsStep, RecipeStep, TargetStep } from './steps-setup.js';
import { NextSteps, VerifyStep } from './steps-verify.js';

const STEPS = ['Blueprint', 'Parameters', 'Target', 'Plan', 'Apply', 'Verify', 'Next steps'];

function App() {
  const [step, setStep] = useState(0);
  const [recipe, setRecipe] = useState(null);
  const [valid, setValid] = useState(false);
  const [target, setTarget] = useState(null);
  const [applied, setApplied] = useState(false);
  const main = useRef(null);
  const go = (n) => setStep(n);
  useEffect(() => {
    // Focus the new step's first control, so Tab/Enter users continue where the wizard is.
    const section = main.current?.querySelector(`section[data-step="${step}"]`);
    const first =
      section?.querySelector('[data-autofocus]') ?? section?.querySelector('input, button, select, a[href]');
    first?.focus();
  }, [step]);
  const sections = [
    html`<${RecipeStep} onChoose=${(r) => {
      setRecipe(r);
      setValid(false);
      go(1);
    }} />`,
    recipe &&
      html`<${ParamsStep} recipe=${recipe} onValid=${(ok) => {
        setValid(ok);
        if (ok) go(2);
      }} />`,
    valid &&
      html`<${TargetStep} onConnected=${(t) => {
        setTarget(t);
        go(3);
      }} />`,
    target && html`<${PlanStep} target=${target} onPlanned=${() => {}} onApply=${() => go(4)} />`,
    step >= 4 &&
      html`<${ApplyStep} onDone=${() => {
        setApplied(true);
      }} onVerify=${() => go(5)} />`,
    step >= 5 && applied && html`<${VerifyStep} onNext=${() => go(6)} />`,
    step >= 6 && html`<${NextSteps} />`,
  ];
  return html`
    <header><h1>onramp</h1><p>Set up AWS access for a platform, step by step.</p></header>
    <nav aria-label="Wizard steps"><ol class="steps">
      ${STEPS.map((s, i) => html`<li class=${i === step ? 'current' : i < step ? 'done' : ''} aria-current=${i === step ? 'step' : undefined}>${s}</li>`)}
    </ol></nav>
    <div ref=${main}>
      ${sections.map((s, i) => s && html`<section data-step=${i} aria-labelledby=${`step-${i}`} class=${i === step ? 'active' : 'past'}>${s}</section>`)}
    </div>`;
}

const root = document.getElementById('app');
root.textContent = ''; // the no-script placeholder
render(html`<${App} />`, root);
