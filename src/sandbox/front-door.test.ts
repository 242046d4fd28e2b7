/**
 * Bad input at the front door gets AWS-shaped errors with the right status and code, never a crash,
 * and the sandbox keeps serving afterwards.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useSandbox } from './test-support.js';

interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function raw(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'POST', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const SIGV4 = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAAAAAAAAAAAAAAAAA/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

describe('sandbox front door under bad input', () => {
  const sb = useSandbox();

  const stillServing = async () => {
    const id = await new STSClient(sb.current.clientConfig()).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, sb.current.admin.accountId);
  };

  it('answers an unsigned query call with MissingAuthenticationToken (403)', async () => {
    const r = await raw(sb.current.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListRoles&Version=2010-05-08',
    });
    assert.equal(r.status, 403);
    assert.match(r.body, /<Code>MissingAuthenticationToken<\/Code>/);
    await stillServing();
  });

  it('answers an unsigned JSON call with MissingAuthenticationTokenException', async () => {
    const r = await raw(sb.current.url, {
      headers: {
        'x-amz-target': 'AWSOrganizationsV20161128.DescribeOrganization',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    assert.equal(r.status, 403);
    assert.equal(JSON.parse(r.body).__type, 'MissingAuthenticationTokenException');
  });

  it('answers a garbled Authorization header with IncompleteSignature', async () => {
    const r = await raw(sb.current.url, {
      headers: {
        authorization: 'AWS4-HMAC-SHA256 nonsense',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(r.status, 400);
    assert.match(r.body, /IncompleteSignature/);
    await stillServing();
  });

  it('answers an unknown key on a JSON service with UnrecognizedClientException', async () => {
    const r = await raw(sb.current.url, {
      headers: {
        authorization: SIGV4('sso'),
        'x-amz-date': '20260101T000000Z',
        'x-amz-target': 'SWBExternalService.ListInstances',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    assert.equal(r.status, 403);
    assert.equal(r.headers['x-amzn-errortype'], 'UnrecognizedClientException');
  });

  it('answers malformed JSON with SerializationException before looking at credentials', async () => {
    const r = await raw(sb.current.url, {
      headers: {
        authorization: SIGV4('organizations'),
        'x-amz-target': 'AWSOrganizationsV20161128.ListAccounts',
      },
      body: '{"MaxResults": ',
    });
    assert.equal(r.status, 400);
    assert.equal(JSON.parse(r.body).__type, 'SerializationException');
  });

  it('answers an unknown operation with InvalidAction / UnknownOperationException', async () => {
    const q = await raw(sb.current.url, {
      headers: { authorization: SIGV4('iam'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=LaunchRockets&Version=2010-05-08',
    });
    assert.equal(q.status, 400);
    assert.match(q.body, /<Code>InvalidAction<\/Code>/);
    const j = await raw(sb.current.url, {
      headers: { authorization: SIGV4('sso'), 'x-amz-target': 'SWBExternalService.LaunchRockets' },
      body: '{}',
    });
    assert.equal(JSON.parse(j.body).__type, 'UnknownOperationException');
  });

  it('refuses a body over 10 MiB with 413 and keeps serving', async () => {
    const r = await raw(sb.current.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.alloc(11 * 1024 * 1024, 'a'),
    }).catch((e: Error) => ({ status: -1, body: e.message, headers: {} }));
    // Either the 413 arrives, or the server closed the socket while we were still sending.
    assert.ok(r.status === 413 || r.status === -1, `status ${r.status}`);
    await stillServing();
  });

  it('answers an unknown path with a 404 JSON error', async () => {
    const r = await raw(`${sb.current.url}/nowhere`, { method: 'GET' });
    assert.equal(r.status, 404);
    assert.equal(JSON.parse(r.body).__type, 'UnknownOperationException');
  });

  it('survives a burst of garbage on raw sockets', async () => {
    const { connect } = await import('node:net');
    const u = new URL(sb.current.url);
    await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          new Promise<void>((resolve) => {
            const s = connect(Number(u.port), u.hostname, () => {
              s.end(i % 2 ? 'GARBAGE\r\n\r\n' : 'POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n{{{');
            });
            s.on('error', () => resolve());
            s.on('close', () => resolve());
            s.setTimeout(2000, () => s.destroy());
          }),
      ),
    );
    await stillServing();
  });
});
