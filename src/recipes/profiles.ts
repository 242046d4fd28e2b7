/**
 * Profiles recipes (`kind: sso-profiles`, e.g. recipes/science-cloud/profiles.yaml): client
 * configuration only — one sso-session and a profile per (account, role) — with the same `params:`
 * as blueprints. The result has the shape the user-side writer takes (src/sso DesiredConfig), so
 * `onramp sso` can write it as `aws configure sso` would.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { type ParamSpec, type ParamValue, resolveParams, type VarInput } from '../blueprint/index.js';
import { OnrampError } from '../core/errors.js';
import { RecipeCode } from './codes.js';

export interface ProfilesSession {
  name: string;
  startUrl: string;
  region: string;
  registrationScopes: string[];
}

export interface ProfileEntry {
  name: string;
  ssoSession: string;
  accountId: string;
  accountName: string;
  roleName: string;
  region?: string;
  output?: string;
}

export interface ProfilesRecipe {
  name: string;
  description?: string;
  ssoSession: ProfilesSession;
  profiles: ProfileEntry[];
  /** Run `onramp doctor`'s static-key checks (src/sso doctor-checks) before signing in. */
  checkStaticKeys: boolean;
}

export interface ProfilesReport {
  ok: boolean;
  errors: OnrampError[];
  value?: ProfilesRecipe;
}

const PORTABLE = /^[A-Za-z0-9_.@+/-]+$/;

const fileSchema = z.strictObject({
  version: z.literal(1),
  kind: z.literal('sso-profiles'),
  name: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/),
  description: z.string().optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  ssoSession: z.strictObject({
    name: z.string().regex(PORTABLE),
    startUrl: z.url({ protocol: /^https$/ }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
    registrationScopes: z.array(z.string().min(1)).default(['sso:account:access']),
  }),
  profiles: z.strictObject({
    nameTemplate: z.string().includes('{account}').includes('{role}'),
    accounts: z.array(z.string().regex(/^[^=]+=\d{12}$/, 'expected name=123456789012')).min(1),
    roles: z.array(z.string().min(1)).min(1),
    region: z.string().optional(),
    output: z.string().optional(),
  }),
  checks: z.strictObject({ staticKeys: z.boolean().default(true) }).default({ staticKeys: true }),
});

const PARAM_REF = /\$\{params\.([A-Za-z0-9_][\w+=,@-]*)\}/g;

/** `${params.x}` in every string: a whole-string reference keeps the value's type. */
function substitute(value: unknown, values: Record<string, ParamValue>, problems: string[]): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{params\.([^}]+)\}$/.exec(value);
    if (whole) {
      if (!Object.hasOwn(values, whole[1])) problems.push(`\${params.${whole[1]}} has no value`);
      return values[whole[1]];
    }
    return value.replace(PARAM_REF, (_, name: string) => {
      const v = values[name];
      if (v === undefined || Array.isArray(v)) problems.push(`\${params.${name}} is not a single value`);
      return String(v ?? '');
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, values, problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values, problems)]));
  }
  return value;
}

function problem(file: string, message: string, path?: string): OnrampError {
  return new OnrampError(RecipeCode.badProfiles, `${file}: ${message}`, {
    source: { kind: 'file', file, ...(path ? { path } : {}) },
    hint: 'see recipes/science-cloud/README.md for the format',
  });
}

/** The params declared by a profiles recipe (same format as a blueprint's). */
export function profileParams(text: string): Record<string, ParamSpec> {
  const doc = parse(text) as { params?: Record<string, ParamSpec> } | null;
  return doc?.params ?? {};
}

/** Parses, fills and validates a profiles recipe; never throws for bad input. */
export function loadProfiles(
  text: string,
  options: { file?: string; vars?: readonly VarInput[] } = {},
): ProfilesReport {
  const file = options.file ?? '<profiles>';
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    return { ok: false, errors: [problem(file, `not valid YAML: ${(e as Error).message}`)] };
  }
  const specs = (raw as { params?: Record<string, ParamSpec> } | null)?.params ?? {};
  const params = resolveParams(specs, options.vars ?? [], {
    sourceOf: (name) => ({ kind: 'file', file, path: `params.${name}` }),
  });
  if (params.errors.length > 0) return { ok: false, errors: params.errors };
  const problems: string[] = [];
  const { params: _declared, ...body } = raw as Record<string, unknown>;
  const filled = substitute(body, params.values, problems);
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => problem(file, p)) };
  const parsed = fileSchema.safeParse({ ...(filled as object), params: {} });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) =>
        problem(file, `${i.path.join('.')}: ${i.message}`, i.path.join('.')),
      ),
    };
  }
  const d = parsed.data;
  const profiles: ProfileEntry[] = [];
  const errors: OnrampError[] = [];
  const seen = new Set<string>();
  for (const pair of d.profiles.accounts) {
    const eq = pair.lastIndexOf('=');
    const accountName = pair.slice(0, eq);
    const accountId = pair.slice(eq + 1);
    for (const roleName of d.profiles.roles) {
      const name = d.profiles.nameTemplate
        .replaceAll('{account}', accountName)
        .replaceAll('{role}', roleName);
      if (!PORTABLE.test(name)) {
        errors.push(
          problem(
            file,
            `profile name ${JSON.stringify(name)} has characters the AWS CLI or the JS SDK would misread`,
          ),
        );
      } else if (seen.has(name)) {
        errors.push(problem(file, `two profiles would be named ${name}; give accounts distinct names`));
      }
      seen.add(name);
      profiles.push({
        name,
        ssoSession: d.ssoSession.name,
        accountId,
        accountName,
        roleName,
        ...(d.profiles.region ? { region: d.profiles.region } : {}),
        ...(d.profiles.output ? { output: d.profiles.output } : {}),
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    errors: [],
    value: {
      name: d.name,
      ...(d.description ? { description: d.description } : {}),
      ssoSession: d.ssoSession,
      profiles,
      checkStaticKeys: d.checks.staticKeys,
    },
  };
}
