/**
 * `onramp recipes`, `onramp init` and `onramp assume` as a user runs them: a child process (the
 * sources through tsx, so no build is needed) against an in-process sandbox.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useSandbox } from '../../sandbox/test-support.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'onramp-cmd-'));

function onramp(args: string[], env: NodeJS.ProcessEnv = {}) {
  const script = `const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));`;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ...args], {
      cwd: REPO,
      env: {
        ...process.env,
        NO_COLOR: '1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('onramp recipes / init / assume', () => {
  const sb = useSandbox({ seed: 'org', accounts: 2 });
  let env: NodeJS.ProcessEnv;
  let plainRole: string;
  let vendorRole: string;
  before(async () => {
    const a = sb.current.admin;
    env = {
      AWS_ACCESS_KEY_ID: a.accessKeyId,
      AWS_SECRET_ACCESS_KEY: a.secretAccessKey,
      AWS_REGION: 'us-east-1',
    };
    const iam = new IAMClient(sb.current.clientConfig());
    const trust = (condition?: object) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: a.arn }, Action: 'sts:AssumeRole', ...condition }],
      });
    plainRole =
      (await iam.send(new CreateRoleCommand({ RoleName: 'initializer', AssumeRolePolicyDocument: trust() })))
        .Role?.Arn ?? '';
    vendorRole =
      (
        await iam.send(
          new CreateRoleCommand({
            RoleName: 'vendor',
            AssumeRolePolicyDocument: trust({ Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } } }),
          }),
        )
      ).Role?.Arn ?? '';
    iam.destroy();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the recipes, one line each, and as JSON', async () => {
    const text = await onramp(['recipes']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^orchestera +Orchestera Platform account setup — /m);
    const json = await onramp(['recipes', '--json']);
    const names = JSON.parse(json.stdout).map((r: { name: string }) => r.name);
    assert.deepEqual(names, [
      'fractal-cloud',
      'workbench',
      'workbench-roles',
      'amplify',
      'orchestera',
      'science-cloud',
    ]);
  });

  it('init --example reads account ids from the target organization', async () => {
    const out = join(dir, 'wb.yaml');
    const r = await onramp(
      ['init', '--recipe', 'workbench', '--example', '--out', out, '--endpoint-url', sb.current.url],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    const org = new OrganizationsClient(sb.current.clientConfig());
    const ids = ((await org.send(new ListAccountsCommand({}))).Accounts ?? [])
      .filter((x) => x.Id !== sb.current.admin.accountId)
      .map((x) => x.Id);
    org.destroy();
    const text = readFileSync(out, 'utf8');
    for (const id of ids) assert.ok(text.includes(`"${id}"`), `${id} missing from\n${text}`);
    assert.match(r.stdout, /^Wrote .*wb\.yaml from recipe workbench\./m);
  });

  it('init prints the access portal URL and SSO region when it can read them (amplify)', async () => {
    const out = join(dir, 'amplify.yaml');
    const r = await onramp(
      [
        'init',
        '--recipe',
        'amplify',
        '--var',
        'email=dev@example.com',
        '--out',
        out,
        '--endpoint-url',
        sb.current.url,
      ],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--start-url https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start --region us-east-1/);
    assert.match(r.stdout, new RegExp(`cdk bootstrap aws://${sb.current.admin.accountId}/`));
  });

  it('--sandbox keeps one world in $ONRAMP_HOME across commands: init reads it, assume acts in it', async () => {
    const home = join(dir, 'onramp-home');
    const out = join(dir, 'wb-sandbox.yaml');
    const init = await onramp(['init', '--recipe', 'workbench', '--example', '--out', out, '--sandbox'], {
      ONRAMP_HOME: home,
    });
    assert.equal(init.code, 0, init.stderr);
    assert.equal(statSync(join(home, 'sandbox.json')).mode & 0o777, 0o600);
    const [first] = /"(\d{12})"/.exec(readFileSync(out, 'utf8'))?.slice(1) ?? [];
    assert.ok(first && first !== '111111111111', 'the example came from the sandbox');
    const r = await onramp(
      ['assume', `arn:aws:iam::${first}:role/OrganizationAccountAccessRole`, '--format', 'json', '--sandbox'],
      { ONRAMP_HOME: home },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(JSON.parse(r.stdout).AccessKeyId, /^ASIA/);
  });

  it('init without a terminal names the missing params and exits 2', async () => {
    const r = await onramp(['init', '--recipe', 'orchestera', '--out', join(dir, 'o.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error ONR-E151: recipe orchestera needs values for memberEmail, externalId/);
  });

  it('assume prints export lines that work, and keeps the secret out of the log', async () => {
    const r = await onramp(
      ['assume', plainRole, '--session-name', 'init-1', '--endpoint-url', sb.current.url],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split('=')[0]),
      [
        'export AWS_ACCESS_KEY_ID',
        'export AWS_SECRET_ACCESS_KEY',
        'export AWS_SESSION_TOKEN',
        'export AWS_CREDENTIAL_EXPIRATION',
      ],
    );
    const v = Object.fromEntries(lines.map((l) => [l.slice(7, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    assert.ok(!r.stderr.includes(v.AWS_SECRET_ACCESS_KEY) && !r.stderr.includes(v.AWS_SESSION_TOKEN));
    const sts = new STSClient(
      sb.current.clientConfig({
        accessKeyId: v.AWS_ACCESS_KEY_ID,
        secretAccessKey: v.AWS_SECRET_ACCESS_KEY,
        sessionToken: v.AWS_SESSION_TOKEN,
      }),
    );
    const id = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    assert.match(id.Arn ?? '', /:assumed-role\/initializer\/init-1$/);
  });

  it('assume without the required ExternalId exits 1 with the cause and a hint; with it, process format', async () => {
    const denied = await onramp(['assume', vendorRole, '--endpoint-url', sb.current.url], env);
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /error ONR-E200: assuming .*vendor: AccessDenied/);
    assert.match(denied.stderr, /hint: .*requires an ExternalId.*--external-id/);
    const ok = await onramp(
      [
        'assume',
        vendorRole,
        '--external-id',
        'ext-123',
        '--format',
        'process',
        '--endpoint-url',
        sb.current.url,
      ],
      env,
    );
    assert.equal(ok.code, 0, ok.stderr);
    const p = JSON.parse(ok.stdout);
    assert.equal(p.Version, 1);
    assert.match(p.AccessKeyId, /^ASIA/);
  });

  it('assume checks its flags before calling AWS (exit 2, no AssumeRole made)', async () => {
    const before = sb.current.calls().sts?.AssumeRole ?? 0;
    const r = await onramp(['assume', plainRole, '--duration', '100', '--endpoint-url', sb.current.url], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error ONR-E155: --duration: 100 is not from 900 s to 12 h/);
    const session = await onramp(['assume', 'arn:aws:sts::123456789012:assumed-role/A/b'], env);
    assert.equal(session.code, 2);
    assert.match(session.stderr, /ONR-E154/);
    assert.equal(sb.current.calls().sts?.AssumeRole ?? 0, before);
  });
});
