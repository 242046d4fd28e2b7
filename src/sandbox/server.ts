/**
 * The sandbox's HTTP front door: reads a request, works out which AWS service and operation it is
 * (SigV4 credential scope, X-Amz-Target, or a REST route), authenticates and authorises the caller,
 * applies realism (faults, throttles), counts the call, and renders the handler's answer in the
 * service's protocol. It never crashes on bad input: every failure is an AWS-shaped error.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authorizeCall } from './authz.js';
import { AwsError } from './aws-error.js';
import { CallCounter, type CallCounts } from './call-counter.js';
import type { Credential } from './principal.js';
import { parseQueryParams, queryError, queryResponse } from './protocols/query.js';
import { matchRoute } from './protocols/rest.js';
import { toJsonWire } from './protocols/wire-value.js';
import { isRaw, type SandboxContext, type SandboxRequest, type ServiceDefinition } from './service.js';
import { parseAuthorization, signatureMatches } from './sigv4.js';

/** AWS rejects larger request bodies long before this; we answer 413 instead of buffering forever. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface InternalRoutes {
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean>;
}

export class SandboxHttp {
  readonly counter = new CallCounter();
  private readonly byTarget = new Map<string, ServiceDefinition>();
  private readonly bySigning = new Map<string, ServiceDefinition>();
  private readonly rest: ServiceDefinition[] = [];
  private server?: Server;

  constructor(
    services: ServiceDefinition[],
    private readonly context: () => SandboxContext,
    private readonly internal: InternalRoutes,
    private readonly onChange: () => void,
  ) {
    for (const s of services) {
      if (s.targetPrefix) this.byTarget.set(s.targetPrefix, s);
      if (s.signingName && s.protocol === 'query') this.bySigning.set(s.signingName, s);
      if (s.routes) this.rest.push(s);
    }
  }

  listen(host: string, port: number): Promise<{ host: string; port: number }> {
    const server = createServer((req, res) => {
      this.serve(req, res).catch((e) => {
        this.context().log(`sandbox: unexpected failure: ${(e as Error).stack ?? e}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ __type: 'InternalFailure', message: 'internal error' }));
        }
      });
    });
    // Keep-alive sockets must not hold the process open after stop().
    server.keepAliveTimeout = 5_000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const addr = server.address();
        if (!addr || typeof addr === 'string') return reject(new Error('no address'));
        resolve({ host, port: addr.port });
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return undefined;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ctx = this.context();
    const requestId = ctx.ids.requestId();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await this.readBody(req).catch(() => undefined);
    if (!body) {
      // The rest of the body is still arriving: close the connection so no client reuses it.
      res.shouldKeepAlive = false;
      sendJson(
        res,
        413,
        { __type: 'RequestEntityTooLarge', message: 'Request body is too large' },
        requestId,
        {
          connection: 'close',
        },
      );
      const socket = req.socket;
      res.on('finish', () => socket?.destroy());
      return;
    }
    if (url.pathname.startsWith('/_sandbox') && (await this.internal.handle(req, res, body))) return;

    const target = headerString(req.headers['x-amz-target']);
    const auth = headerString(req.headers.authorization);
    let service: ServiceDefinition | undefined;
    let operation = '';
    let params: Record<string, unknown> = {};

    if (target) {
      const dot = target.lastIndexOf('.');
      service = this.byTarget.get(target.slice(0, dot));
      operation = target.slice(dot + 1);
      if (!service) return sendJson(res, 400, { __type: 'UnknownOperationException' }, requestId);
    } else if (auth?.startsWith('AWS4-HMAC-SHA256')) {
      const scope = parseAuthorization(auth);
      service = scope ? this.bySigning.get(scope.service) : undefined;
      if (!service) {
        return sendXml(
          res,
          400,
          queryError(new AwsError('IncompleteSignature', 'Authorization header is malformed'), requestId),
        );
      }
    }
    if (!service) {
      for (const s of this.rest) {
        const hit = matchRoute(s.routes ?? [], req.method ?? 'GET', url.pathname);
        if (hit) {
          service = s;
          operation = hit.operation;
          params = { ...Object.fromEntries(url.searchParams), ...hit.params };
          break;
        }
      }
    }
    if (!service) {
      if (new URLSearchParams(body.toString('utf8')).get('Action')) {
        const err = new AwsError(
          'MissingAuthenticationToken',
          'Request is missing Authentication Token',
          403,
        );
        return sendXml(res, 403, queryError(err, requestId));
      }
      return sendJson(
        res,
        404,
        { __type: 'UnknownOperationException', message: `No route for ${req.method} ${url.pathname}` },
        requestId,
      );
    }

    const protocol = service.protocol;
    const fail = (err: AwsError) => sendError(res, protocol, err, requestId);

    try {
      if (protocol === 'query') {
        const form = new URLSearchParams(body.toString('utf8'));
        for (const [k, v] of url.searchParams) if (!form.has(k)) form.set(k, v);
        params = parseQueryParams(form);
        operation = typeof params.Action === 'string' ? params.Action : '';
        if (!operation) throw new AwsError('MissingAction', 'Missing Action');
      } else if (protocol === 'json') {
        params = parseJsonBody(body);
      } else if (body.length > 0 && isJsonContent(req.headers['content-type'])) {
        params = { ...params, ...parseJsonBody(body) };
      }
      if (!Object.hasOwn(service.operations, operation)) {
        throw protocol === 'query'
          ? new AwsError(
              'InvalidAction',
              `Could not find operation ${operation} for version ${params.Version ?? ''}`,
            )
          : new AwsError('UnknownOperationException', `Unknown operation ${operation}`);
      }
      this.counter.count(service.name, operation);

      const fault = ctx.realism.fault();
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault === 'error')
        throw new AwsError(
          protocol === 'query' ? 'ServiceUnavailable' : 'InternalServerException',
          'Injected fault: service unavailable',
          500,
        );
      if (fault === 'throttle' || !ctx.realism.admit(service.name, operation)) {
        throw new AwsError(service.throttle.code, service.throttle.message, service.throttle.status);
      }

      let credential: Credential | undefined;
      if (service.auth === 'sigv4') credential = this.authenticate(req, url, body, protocol, ctx);
      const sreq: SandboxRequest = {
        service: service.name,
        operation,
        params,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody: body,
        caller: credential?.principal,
        credential,
        region: parseAuthorization(auth)?.region ?? ctx.world.region,
        requestId,
        ctx,
      };
      if (credential && !(service.unauthorised ?? []).includes(operation)) {
        authorizeCall(sreq, service);
      }
      const result = await service.operations[operation](sreq);
      this.onChange();
      if (isRaw(result)) {
        res.writeHead(result.$raw.status, { 'x-amzn-requestid': requestId, ...(result.$raw.headers ?? {}) });
        res.end(result.$raw.body ?? '');
        return;
      }
      if (protocol === 'query') {
        return sendXml(res, 200, queryResponse(operation, service.xmlNamespace ?? '', result, requestId));
      }
      return sendJson(res, 200, toJsonWire(result ?? {}), requestId);
    } catch (e) {
      if (e instanceof AwsError) return fail(e);
      ctx.log(`sandbox: ${service.name}.${operation} failed: ${(e as Error).stack ?? e}`);
      return fail(
        new AwsError(
          protocol === 'query' ? 'ServiceFailure' : 'InternalServerException',
          'An internal error occurred',
          500,
        ),
      );
    }
  }

  private authenticate(
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    protocol: string,
    ctx: SandboxContext,
  ): Credential {
    const json = protocol !== 'query';
    const raw = headerString(req.headers.authorization);
    const auth = parseAuthorization(raw);
    if (!raw) {
      throw new AwsError(
        json ? 'MissingAuthenticationTokenException' : 'MissingAuthenticationToken',
        'Request is missing Authentication Token',
        403,
      );
    }
    if (!auth)
      throw new AwsError(
        json ? 'IncompleteSignatureException' : 'IncompleteSignature',
        'Authorization header requires Credential, SignedHeaders and Signature parameters',
        403,
      );
    const credential = ctx.world.credentials[auth.accessKeyId];
    const invalid = () =>
      new AwsError(
        json ? 'UnrecognizedClientException' : 'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      );
    if (!credential) throw invalid();
    const token = headerString(req.headers['x-amz-security-token']);
    if ((credential.sessionToken ?? undefined) !== (token ?? undefined)) throw invalid();
    const rawQuery = (req.url ?? '').includes('?')
      ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1)
      : '';
    if (
      !signatureMatches(
        { method: req.method ?? 'GET', path: url.pathname, rawQuery, headers: req.headers, body },
        auth,
        credential.secretAccessKey,
      )
    ) {
      throw new AwsError(
        json ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        403,
      );
    }
    if (credential.expiration !== undefined && credential.expiration <= ctx.clock.now()) {
      throw new AwsError(
        json ? 'ExpiredTokenException' : 'ExpiredToken',
        'The security token included in the request is expired',
        403,
      );
    }
    return credential;
  }
}

export type { CallCounts };

function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function isJsonContent(v: string | undefined): boolean {
  return !v || v.includes('json');
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'Request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...extraHeaders,
  });
  res.end(text);
}

function sendError(res: ServerResponse, protocol: string, err: AwsError, requestId: string): void {
  if (protocol === 'query') {
    sendXml(res, err.status, queryError(err, requestId));
    return;
  }
  sendJson(
    res,
    err.status,
    { __type: err.code, message: err.message, Message: err.message, ...err.extra },
    requestId,
    {
      'x-amzn-errortype': err.code,
    },
  );
}
