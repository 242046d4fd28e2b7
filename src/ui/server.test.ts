/**
 * The UI server's API without a browser: the session token and Host guards, the form validation
 * messages beside their fields, and a plan of the orchestera recipe against the embedded sandbox.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startUiServer, type UiServer } from './server.js';

interface Answer {
  status: number;
  json: Record<string, unknown>;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

function call(
  server: UiServer,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string | null; host?: string } = {},
): Promise<Answer> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { host: opts.host ?? `127.0.0.1:${server.port}` };
  if (opts.token !== null) headers['x-onramp-token'] = opts.token ?? server.token;
  if (body) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // static files are not JSON
        }
        resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ORCHESTERA = {
  memberEmail: 'orchestera-sparklith@example.com',
  accountName: 'Orchestera Sparklith',
  externalId: 'orchestera-example-external-id',
  adminUsers: 'onramp-admin',
  vendorAccount: '017059471480',
};

describe('onramp ui server', () => {
  let server: UiServer;
  before(async () => {
    server = await startUiServer({ recipe: 'orchestera' });
  });
  after(() => server.stop());

  it('listens on 127.0.0.1 and prints a URL with a long random token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('refuses API calls without the token, or with a wrong one (403)', async () => {
    assert.equal((await call(server, 'GET', '/api/recipes', { token: null })).status, 403);
    const wrong = await call(server, 'GET', '/api/recipes', { token: `${server.token.slice(1)}x` });
    assert.equal(wrong.status, 403);
    assert.match(String((wrong.json.error as { message: string }).message), /token/);
    const ok = await call(server, 'GET', `/api/recipes?token=${server.token}`, { token: null });
    assert.equal(ok.status, 200);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const r = await call(server, 'GET', '/api/recipes', { host: `evil.example:${server.port}` });
    assert.equal(r.status, 403);
    assert.match(String((r.json.error as { message: string }).message), /Host/);
    assert.equal((await call(server, 'GET', '/', { host: 'attacker.test' })).status, 403);
    assert.equal((await call(server, 'GET', '/', { host: `localhost:${server.port}` })).status, 200);
  });

  it('serves the app and Preact from node_modules under a strict CSP', async () => {
    const page = await call(server, 'GET', '/', { token: null });
    assert.match(page.text, /<script type="module" src="\/app.js">/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const hooks = await call(server, 'GET', '/vendor/hooks.mjs', { token: null });
    assert.equal(hooks.status, 200);
    assert.match(hooks.text, /from"\/vendor\/preact.mjs"/);
    assert.equal((await call(server, 'GET', '/../package.json', { token: null })).status, 404);
  });

  it('lists the recipes with the preselected one, and builds a form from its params', async () => {
    const list = await call(server, 'GET', '/api/recipes');
    assert.equal(list.json.selected, 'orchestera');
    const names = (list.json.choices as { name: string }[]).map((c) => c.name);
    assert.ok(names.includes('orchestera') && names.includes('amplify'));
    assert.ok(!names.includes('science-cloud'), 'profiles recipes are not blueprints');
    const form = await call(server, 'POST', '/api/recipe', { body: { name: 'orchestera' } });
    const fields = form.json.fields as { name: string; type: string; secret: boolean; required: boolean }[];
    assert.deepEqual(
      fields.map((f) => f.name),
      ['memberEmail', 'accountName', 'externalId', 'adminUsers', 'vendorAccount'],
    );
    assert.equal(fields.find((f) => f.name === 'externalId')?.secret, true);
    assert.equal(fields.find((f) => f.name === 'adminUsers')?.type, 'list');
    assert.equal((await call(server, 'POST', '/api/recipe', { body: { name: 'nope' } })).status, 404);
  });

  it('puts the validator’s messages beside their fields', async () => {
    const r = await call(server, 'POST', '/api/validate', {
      body: { name: 'orchestera', values: { ...ORCHESTERA, vendorAccount: '12345', memberEmail: '' } },
    });
    assert.equal(r.json.ok, false);
    const fields = r.json.fields as Record<string, string[]>;
    assert.match(fields.vendorAccount[0], /param `vendorAccount` value "12345" does not match/);
    assert.match(fields.memberEmail[0], /param `memberEmail` is required/);
    assert.deepEqual(Object.keys(fields).sort(), ['memberEmail', 'vendorAccount']);
    const secret = await call(server, 'POST', '/api/validate', {
      body: { name: 'orchestera', values: { ...ORCHESTERA, externalId: 'x' } },
    });
    assert.match((secret.json.fields as Record<string, string[]>).externalId[0], /\(secret\)/);
    assert.doesNotMatch(secret.text, /"x"/);
  });

  it('plans the orchestera recipe on the embedded sandbox and returns the plan JSON', async () => {
    assert.equal((await call(server, 'POST', '/api/plan')).status, 400, 'no target yet');
    const v = await call(server, 'POST', '/api/validate', {
      body: { name: 'orchestera', values: ORCHESTERA },
    });
    assert.equal(v.json.ok, true, JSON.stringify(v.json));
    const t = await call(server, 'POST', '/api/target', { body: { kind: 'sandbox' } });
    assert.equal(t.status, 200, t.text);
    assert.match(String(t.json.arn), /^arn:aws:iam::\d{12}:user\/onramp-admin$/);
    const p = await call(server, 'POST', '/api/plan');
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.blueprint, 'orchestera');
    const counts = p.json.counts as Record<string, number>;
    assert.ok(counts.create >= 6, JSON.stringify(counts));
    const groups = p.json.groups as {
      account: string;
      kinds: { kind: string; actions: { key: string; changes: { field: string; rows?: unknown[] }[] }[] }[];
    }[];
    assert.deepEqual(
      groups.map((g) => g.account).sort(),
      ['@organization', 'management', 'sparklith'].filter((a) => groups.some((g) => g.account === a)),
    );
    const role = groups.flatMap((g) => g.kinds).find((k) => k.kind === 'AWS::IAM::Role');
    const trust = role?.actions[0].changes.find((c) => c.field === 'assumeRolePolicyDocument');
    assert.ok(trust?.rows && trust.rows.length > 3, 'a new role shows its trust policy');
    assert.doesNotMatch(p.text, /orchestera-example-external-id/, 'secrets are redacted');
    const graph = await call(server, 'GET', '/api/graph');
    const nodes = (graph.json.nodes as { id: string }[]).map((n) => n.id);
    for (const id of [
      'external:account 017059471480',
      'role:OrchesteraAccessRole in sparklith',
      'role:OrganizationAccountAccessRole in sparklith',
      'iam-user:onramp-admin in management',
    ])
      assert.ok(nodes.includes(id), `${id} not in ${nodes.join(', ')}`);
    const edges = (graph.json.edges as { from: string; to: string }[]).map((e) => `${e.from} > ${e.to}`);
    assert.ok(edges.includes('external:account 017059471480 > role:OrchesteraAccessRole in sparklith'));
    assert.ok(
      edges.includes(
        'policy:GrantAccessToOrganizationAccountAccessRole in management > role:OrganizationAccountAccessRole in sparklith',
      ),
      edges.join('\n'),
    );
  });
});
