/**
 * The wizard's JSON API, one handler per step. Handlers take the parsed body and return a JSON
 * value or throw; the server (server.ts) has already checked the Host header and the session
 * token. Secrets never leave the server: the plan view shows a secret param's value as (secret).
 */
import { renderSteps } from '../recipes/catalog.js';
import { accessGraph } from './graph.js';
import { planView } from './plan-view.js';
import { type Choice, choices, choiceText, formFields, validateForm } from './recipe-form.js';
import type { TargetInput, UiSession } from './session.js';
import { runVerify } from './verify-view.js';

/** A handler's failure with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export type Body = Record<string, unknown>;
export type Handler = (body: Body) => Promise<unknown>;

export interface ApiContext {
  session: UiSession;
  /** The FILE argument of `onramp ui`. */
  file?: string;
  /** `--recipe NAME` (preselected in the picker). */
  recipe?: string;
  /** Verify's live-probe timeout. */
  probeTimeoutMs?: number;
}

const redact = (text: string, secrets: readonly string[]) =>
  secrets.reduce((t, s) => (s ? t.split(s).join('(secret)') : t), text);

/** Routes `METHOD /api/path` to handlers. */
export function apiRoutes(ctx: ApiContext): Record<string, Handler> {
  const { session } = ctx;
  const all = () => choices(ctx.file);
  const find = (name: unknown): Choice => {
    const c = all().find((x) => x.name === name);
    if (!c) throw new ApiError(404, `there is no recipe named ${JSON.stringify(name)}`);
    return c;
  };
  const known = (): Record<string, string> => {
    const out: Record<string, string> = {};
    const bp = session.blueprint;
    for (const [k, v] of Object.entries(bp?.values ?? {}))
      if (!bp?.params[k]?.secret) out[`params.${k}`] = Array.isArray(v) ? v.join(',') : String(v);
    if (session.target) out['caller.account'] = session.target.caller.account;
    for (const [k, v] of session.planned?.dir.refs ?? []) out[k] = v;
    return out;
  };
  return {
    'GET /api/recipes': async () => ({
      selected: ctx.file ? 'file' : (ctx.recipe ?? null),
      choices: all().map((c) => ({ name: c.name, title: c.title, summary: c.summary })),
    }),
    'POST /api/recipe': async (body) => {
      const c = find(body.name);
      return {
        name: c.name,
        title: c.title,
        summary: c.summary,
        fields: formFields(await choiceText(c)),
        examples: c.examples,
      };
    },
    'POST /api/validate': async (body) => {
      const c = find(body.name);
      const values = (body.values ?? {}) as Record<string, string>;
      const result = await validateForm(await choiceText(c), c.path, values);
      session.choice = c.name;
      session.blueprint = result.blueprint;
      session.planned = undefined;
      const { blueprint: _b, ...rest } = result;
      return rest;
    },
    'POST /api/target': async (body) => {
      const kind = body.kind;
      let input: TargetInput;
      if (kind === 'sandbox') input = { kind };
      else if (kind === 'profile' && typeof body.profile === 'string' && body.profile)
        input = { kind, profile: body.profile, region: String(body.region ?? '') };
      else if (kind === 'endpoint' && typeof body.endpoint === 'string')
        input = { kind, endpoint: body.endpoint, region: String(body.region ?? '') };
      else throw new ApiError(400, 'choose the sandbox, a profile name or an endpoint URL');
      const t = await session.connect(input);
      return { kind: t.input.kind, ...t.caller };
    },
    'POST /api/plan': async () => {
      const planned = await session.plan();
      const view = planView(planned.plan);
      return JSON.parse(
        redact(JSON.stringify({ caller: planned.caller, ...view }), planned.blueprint.secrets),
      );
    },
    'POST /api/apply': async () => {
      session.startApply();
      return { started: true };
    },
    'POST /api/verify': async () => {
      if (!session.blueprint || !session.target)
        throw new ApiError(409, 'choose a blueprint and a target first');
      const view = await runVerify(session.blueprint, session.target.clients, {
        probeTimeoutMs: ctx.probeTimeoutMs,
      });
      return JSON.parse(redact(JSON.stringify(view), session.blueprint.secrets));
    },
    'GET /api/graph': async () => {
      const planned = session.planned ?? (await session.plan());
      return JSON.parse(redact(JSON.stringify(accessGraph(planned.desired)), planned.blueprint.secrets));
    },
    'GET /api/steps': async () => {
      const c = session.choice ? find(session.choice) : undefined;
      if (!c) throw new ApiError(409, 'choose a blueprint first');
      if (session.target && session.blueprint && !session.planned && session.runState !== 'running')
        await session.plan().catch(() => undefined); // the account ids the steps name
      return { recipe: c.name, steps: renderSteps(c.manualSteps, known()) };
    },
  };
}
