/**
 * `onramp ui`'s HTTP server: 127.0.0.1 only, a random session token required on every API call
 * (header `x-onramp-token` or `?token=`, for EventSource, which cannot set headers), and a Host
 * header that must name the loopback address, so a web page that rebinds its own DNS name to
 * 127.0.0.1 cannot talk to it (https://en.wikipedia.org/wiki/DNS_rebinding). Static files are the
 * single-page app (src/ui/static) and Preact + htm straight from node_modules.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { OnrampError } from '../core/errors.js';
import { PACKAGE_ROOT } from '../recipes/catalog.js';
import { ApiError, apiRoutes, type Body } from './api.js';
import { type SessionOptions, UiSession } from './session.js';

export interface UiServerOptions extends SessionOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  file?: string;
  recipe?: string;
  /** Fixed token (tests); default 24 random bytes. */
  token?: string;
  probeTimeoutMs?: number;
}

export interface UiServer {
  url: string;
  port: number;
  token: string;
  session: UiSession;
  stop(): Promise<void>;
}

const STATIC_DIR = join(PACKAGE_ROOT, 'src', 'ui', 'static');
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function vendorFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const beside = (spec: string, file: string) => join(dirname(require.resolve(spec)), file);
  return {
    '/vendor/preact.mjs': beside('preact', 'preact.mjs'),
    '/vendor/hooks.mjs': beside('preact/hooks', 'hooks.mjs'),
    '/vendor/htm.mjs': beside('htm', 'htm.module.js'),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1 << 20) throw new ApiError(413, 'request body over 1 MiB');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Body;
  } catch {
    // reported below
  }
  throw new ApiError(400, 'the request body must be a JSON object');
}

/** Starts the UI server on 127.0.0.1. */
export async function startUiServer(options: UiServerOptions = {}): Promise<UiServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const session = new UiSession(options);
  const routes = apiRoutes({ session, ...options });
  const vendor = vendorFiles();
  let port = 0;
  const hostOk = (host: string | undefined) =>
    !!host &&
    [`127.0.0.1:${port}`, `localhost:${port}`, '127.0.0.1', 'localhost'].includes(host.toLowerCase());
  const tokenOk = (url: URL, req: IncomingMessage) => {
    const given = Buffer.from(String(req.headers['x-onramp-token'] ?? url.searchParams.get('token') ?? ''));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const serveStatic = async (path: string, res: ServerResponse) => {
    const file =
      vendor[path] ??
      (/^\/[\w-]+\.(js|css|html)$/.test(path) ? join(STATIC_DIR, path) : undefined) ??
      (path === '/' ? join(STATIC_DIR, 'index.html') : undefined);
    if (!file) return send(res, 404, { error: { message: `no such page ${path}` } });
    let text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return send(res, 404, { error: { message: `no such page ${path}` } });
    // Preact's hooks import the bare name "preact"; the browser needs a URL (and the CSP rules out an inline import map).
    if (path === '/vendor/hooks.mjs') text = text.replaceAll('from"preact"', 'from"/vendor/preact.mjs"');
    const ext = file.slice(file.lastIndexOf('.') + 1);
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': TYPES[ext] ?? 'application/octet-stream' });
    res.end(text);
  };

  const events = (res: ServerResponse) => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream',
      connection: 'keep-alive',
    });
    res.write(': onramp apply progress\n\n');
    if (session.runState === 'none') {
      res.end(`data: ${JSON.stringify({ seq: 0, none: true })}\n\n`);
      return;
    }
    const stop = session.follow((m) => {
      res.write(`data: ${JSON.stringify(m)}\n\n`);
      if ('result' in m || 'fatal' in m) res.end();
    });
    res.on('close', stop);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!hostOk(req.headers.host))
        return send(res, 403, { error: { message: 'the Host header must be 127.0.0.1 or localhost' } });
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET') return send(res, 405, { error: { message: 'method not allowed' } });
        return serveStatic(url.pathname, res);
      }
      if (!tokenOk(url, req)) return send(res, 403, { error: { message: 'missing or wrong session token' } });
      if (req.method === 'GET' && url.pathname === '/api/events') return events(res);
      const handler = routes[`${req.method} ${url.pathname}`];
      if (!handler) return send(res, 404, { error: { message: `no API ${req.method} ${url.pathname}` } });
      try {
        const body = req.method === 'POST' ? await readBody(req) : {};
        send(res, 200, await handler(body));
      } catch (e) {
        const status =
          e instanceof ApiError ? e.status : e instanceof OnrampError && e.exitCode === 2 ? 400 : 500;
        const err = e as Error & { code?: unknown; hint?: unknown };
        send(res, status, {
          error: {
            message: err.message,
            ...(typeof err.code === 'string' ? { code: err.code } : {}),
            ...(typeof err.hint === 'string' ? { hint: err.hint } : {}),
          },
        });
      }
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: (e as Error).message } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    session,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.close();
    },
  };
}
