/**
 * Starting and driving a sandbox in-process: the API that `onramp sandbox`, `--sandbox`, the demo,
 * every integration test and the benchmarks use.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeFileAtomic } from '../core/atomic-file.js';
import { type Clock, type Random, realClock } from '../core/clock.js';
import { OnrampError } from '../core/errors.js';
import type { CallCounts } from './call-counter.js';
import { IdFactory } from './ids.js';
import type { Credential } from './principal.js';
import { awsRealism, fastRealism, mergeRealism, Realism, type RealismConfig } from './realism.js';
import { type SeedName, seedWorld } from './seed.js';
import { SandboxHttp } from './server.js';
import type { SandboxContext } from './service.js';
import { allServices } from './services/index.js';
import { emptyWorld, type World } from './world.js';

export interface SandboxOptions {
  /** Loopback by default; the sandbox is for this machine. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Persist the world here (atomically, after every change) and reload it on start. */
  statePath?: string;
  seed?: SeedName;
  /** Member accounts for the `org` seed (default 3). */
  accounts?: number;
  region?: string;
  /** 'aws' for AWS's published numbers, or individual knobs over fast mode. */
  realism?: 'aws' | Partial<RealismConfig>;
  /** Applied over the chosen realism (e.g. realism 'aws' with a timeScale). */
  realismOverrides?: Partial<RealismConfig>;
  clock?: Clock;
  random?: Random;
  log?: (message: string) => void;
  /** Approve every SSO sign-in as this Identity Center user (scripts and tests). */
  autoApprove?: string;
}

export interface Sandbox {
  readonly url: string;
  readonly region: string;
  /** The seeded administrator of the primary (management) account. */
  readonly admin: { accessKeyId: string; secretAccessKey: string; accountId: string; arn: string };
  readonly world: World;
  readonly context: SandboxContext;
  readonly realism: Realism;
  /** Settings for an AWS SDK v3 client: endpoint, region, the administrator's credentials. */
  clientConfig(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  };
  calls(): CallCounts;
  resetCalls(): void;
  /** Back to the seeded world; the administrator's key stays valid. */
  reset(): void;
  /** Writes the state file now (it is also written after every change). */
  save(): void;
  stop(): Promise<void>;
}

interface PersistedState {
  world: World;
  seed: SeedName;
  accounts: number;
  adminAccessKeyId: string;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const ids = new IdFactory(random);
  const region = options.region ?? 'us-east-1';
  const seed = options.seed ?? 'fresh';
  const accountCount = options.accounts ?? 3;
  const log = options.log ?? (() => {});
  const base = options.realism === 'aws' ? awsRealism() : mergeRealism(fastRealism(), options.realism);
  const realism = new Realism(mergeRealism(base, options.realismOverrides), clock, random);

  let world: World;
  let admin: Credential;
  let url = '';
  const ctx: SandboxContext = {
    get world() {
      return world;
    },
    clock,
    ids,
    realism,
    endpoint: () => url,
    log,
    options: { autoApprove: options.autoApprove },
  };

  const fresh = (): { world: World; admin: Credential } => {
    world = emptyWorld(region, ids.accountId());
    admin = seedWorld(ctx, { seed, accounts: accountCount });
    return { world, admin };
  };

  const loaded =
    options.statePath && existsSync(options.statePath) ? loadState(options.statePath) : undefined;
  if (loaded) {
    world = loaded.world;
    admin = world.credentials[loaded.adminAccessKeyId];
  } else {
    fresh();
  }

  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!options.statePath) return;
    const state: PersistedState = {
      world,
      seed,
      accounts: accountCount,
      adminAccessKeyId: admin.accessKeyId,
    };
    writeFileAtomic(options.statePath, JSON.stringify(state), { mode: 0o600 });
  };
  const scheduleSave = () => {
    if (options.statePath && !saveTimer) saveTimer = setTimeout(save, 25);
  };

  const http: SandboxHttp = new SandboxHttp(
    allServices,
    () => ctx,
    { handle: (req, res) => internal(req, res) },
    scheduleSave,
  );

  const sandbox: Sandbox = {
    get url() {
      return url;
    },
    region,
    get admin() {
      const p = admin.principal;
      return {
        accessKeyId: admin.accessKeyId,
        secretAccessKey: admin.secretAccessKey,
        accountId: p.accountId,
        arn: p.arn,
      };
    },
    get world() {
      return world;
    },
    context: ctx,
    realism,
    clientConfig: (credentials) => ({
      endpoint: url,
      region,
      credentials: credentials ?? { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey },
    }),
    calls: () => http.counter.snapshot(),
    resetCalls: () => {
      http.counter.reset();
      realism.throttled = 0;
    },
    reset: () => {
      const keep = admin;
      fresh();
      // Keep the administrator's key so running clients stay signed in across a reset.
      delete world.credentials[admin.accessKeyId];
      admin = { ...admin, accessKeyId: keep.accessKeyId, secretAccessKey: keep.secretAccessKey };
      world.credentials[admin.accessKeyId] = admin;
      realism.reset();
      http.counter.reset();
      scheduleSave();
    },
    save,
    stop: async () => {
      save();
      await http.close();
    },
  };

  async function internal(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
      return true;
    };
    if (req.method === 'GET' && path === '/_sandbox/health') return json(200, { ok: true, region });
    if (req.method === 'GET' && path === '/_sandbox/calls') return json(200, sandbox.calls());
    if (req.method === 'POST' && path === '/_sandbox/calls/reset') {
      sandbox.resetCalls();
      return json(200, {});
    }
    if (req.method === 'POST' && path === '/_sandbox/reset') {
      sandbox.reset();
      return json(200, {});
    }
    if (req.method === 'GET' && path === '/_sandbox/state') return json(200, world);
    return false;
  }

  const bound = await http.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  const hostForUrl = bound.host.includes(':') ? `[${bound.host}]` : bound.host;
  url = `http://${hostForUrl}:${bound.port}`;
  if (!loaded) scheduleSave();
  return sandbox;
}

function loadState(path: string): PersistedState {
  const refuse = (why: string) =>
    new OnrampError('ONR-E105', `${path} is not an onramp sandbox state file (${why})`, {
      source: { kind: 'file', file: path },
      hint: 'Give --state a new path (the sandbox creates it), or a file an earlier `onramp sandbox --state` wrote.',
    });
  let state: PersistedState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as PersistedState;
  } catch (e) {
    throw refuse((e as Error).message);
  }
  if (
    state?.world?.version !== 1 ||
    !state.adminAccessKeyId ||
    !state.world.credentials?.[state.adminAccessKeyId]
  ) {
    throw refuse('no world of version 1 with its administrator');
  }
  return state;
}
