import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { BIN, runCli } from './test-run-cli.js';

describe('onramp CLI conventions', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: onramp/);
    assert.match(r.stdout, /sandbox/);
  });

  it('exits 2 on an unknown flag', async () => {
    const r = await runCli(['--bogus']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--bogus'/);
  });

  it('names the flag, the code and a hint for a bad value, and exits 2', async () => {
    const r = await runCli(['sandbox', '--port', 'abc']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error ONR-E100: --port: abc is not a whole number from 0 to 65535/);
    assert.match(r.stderr, /hint: /);
  });

  it('renders errors as JSON with --json', async () => {
    const r = await runCli(['sandbox', '--seed', 'nope', '--json']);
    assert.equal(r.code, 2);
    const body = JSON.parse(r.stdout);
    assert.equal(body.error.code, 'ONR-E103');
    assert.deepEqual(body.error.source, { kind: 'flag', flag: '--seed' });
  });

  it('rejects --endpoint-url that is not a URL', async () => {
    const r = await runCli(['sandbox', '--endpoint-url', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ONR-E101/);
  });
});

describe('onramp sandbox', () => {
  it('prints only export lines on stdout, serves the SDK, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    const deadline = Date.now() + 15_000;
    while (!stdout.includes('AWS_DEFAULT_REGION') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const lines = stdout.trim().split('\n');
    assert.ok(
      lines.every((l) => /^export AWS_[A-Z_]+=\S+$/.test(l)),
      stdout,
    );
    const env = Object.fromEntries(
      lines.map((l) => l.slice('export '.length).split('=') as [string, string]),
    );
    assert.match(env.AWS_ENDPOINT_URL, /^http:\/\/127\.0\.0\.1:\d+$/);
    const sts = new STSClient({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    const id = await sts.send(new GetCallerIdentityCommand({}));
    assert.match(id.Arn ?? '', /^arn:aws:iam::\d{12}:user\/onramp-admin$/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
