import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { useSandbox } from '../../test-support.js';

const run = promisify(execFile);
const cliAvailable = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

describe('the AWS CLI v1 against the sandbox: organization → account → assume its access role', () => {
  const sb = useSandbox();
  const home = mkdtempSync(join(tmpdir(), 'onramp-cli-'));
  after(() => rmSync(home, { recursive: true, force: true }));

  /** Runs `aws …` asynchronously (the sandbox shares this event loop) and parses its JSON output. */
  async function aws(args: string[], keys?: { id: string; secret: string; token?: string }) {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_DEFAULT_REGION: sb.current.region,
      AWS_ENDPOINT_URL: sb.current.url,
      AWS_ACCESS_KEY_ID: keys?.id ?? sb.current.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys?.secret ?? sb.current.admin.secretAccessKey,
      AWS_MAX_ATTEMPTS: '1',
    };
    if (keys?.token) env.AWS_SESSION_TOKEN = keys.token;
    const { stdout } = await run('aws', [...args, '--output', 'json'], { env, timeout: 60_000 });
    return JSON.parse(stdout || '{}');
  }

  it('creates an organization and an account, then works in the account through an assumed role', async (t) => {
    if (!cliAvailable) {
      if (process.env.CI === 'true') assert.fail('the aws CLI is required in CI');
      t.skip('aws CLI not installed');
      return;
    }
    const org = await aws(['organizations', 'create-organization', '--feature-set', 'ALL']);
    assert.equal(org.Organization.MasterAccountId, sb.current.admin.accountId);

    const created = await aws([
      'organizations',
      'create-account',
      '--email',
      'cli-member@example.com',
      '--account-name',
      'CLI Member',
    ]);
    assert.equal(created.CreateAccountStatus.State, 'IN_PROGRESS');
    let status = created.CreateAccountStatus;
    for (let i = 0; i < 20 && status.State === 'IN_PROGRESS'; i++) {
      status = (
        await aws([
          'organizations',
          'describe-create-account-status',
          '--create-account-request-id',
          created.CreateAccountStatus.Id,
        ])
      ).CreateAccountStatus;
    }
    assert.equal(status.State, 'SUCCEEDED');
    assert.match(status.AccountId, /^\d{12}$/);

    const assumed = await aws([
      'sts',
      'assume-role',
      '--role-arn',
      `arn:aws:iam::${status.AccountId}:role/OrganizationAccountAccessRole`,
      '--role-session-name',
      'cli-session',
    ]);
    assert.match(assumed.Credentials.AccessKeyId, /^ASIA/);
    assert.ok(Date.parse(assumed.Credentials.Expiration) > Date.now());

    const me = await aws(['sts', 'get-caller-identity'], {
      id: assumed.Credentials.AccessKeyId,
      secret: assumed.Credentials.SecretAccessKey,
      token: assumed.Credentials.SessionToken,
    });
    assert.equal(me.Account, status.AccountId);
    assert.equal(
      me.Arn,
      `arn:aws:sts::${status.AccountId}:assumed-role/OrganizationAccountAccessRole/cli-session`,
    );
  });
});
