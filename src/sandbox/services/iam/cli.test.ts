import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { useSandbox } from '../../test-support.js';
import { trustAccount } from './test-iam.js';

const run = promisify(execFile);

/** Whether the AWS CLI is on PATH; CI must have it (the CI contract installs it). */
async function cliAvailable(t: TestContext): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    if (process.env.CI === 'true') assert.fail('the AWS CLI (`aws`) is required in CI');
    t.skip('the AWS CLI (`aws`) is not installed here');
    return false;
  }
}

describe('iam through the unmodified AWS CLI v1', () => {
  const sb = useSandbox({ seed: 'fresh' });
  // Nothing from the developer's own AWS setup may leak in: no profile, config or credentials file.
  const home = mkdtempSync(join(tmpdir(), 'onramp-iam-cli-'));
  after(() => rmSync(home, { recursive: true, force: true }));

  async function aws(...args: string[]): Promise<unknown> {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
    Object.assign(env, {
      AWS_ENDPOINT_URL: sb.current.url,
      AWS_ACCESS_KEY_ID: sb.current.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sb.current.admin.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_PAGER: '',
    });
    const { stdout } = await run('aws', [...args, '--output', 'json'], { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  }

  it('create-role, attach-role-policy, get-role and list-roles', async (t) => {
    if (!(await cliAvailable(t))) return;
    const trust = trustAccount(sb.current.admin.accountId);
    const created = (await aws(
      'iam',
      'create-role',
      '--role-name',
      'cli-role',
      '--path',
      '/cli/',
      '--assume-role-policy-document',
      trust,
      '--tags',
      'Key=made-by,Value=cli',
    )) as { Role: { Arn: string; AssumeRolePolicyDocument: unknown } };
    assert.equal(created.Role.Arn, `arn:aws:iam::${sb.current.admin.accountId}:role/cli/cli-role`);
    // botocore URL-decodes and parses policy documents, so ours must arrive URL-encoded JSON.
    assert.deepEqual(created.Role.AssumeRolePolicyDocument, JSON.parse(trust));

    await aws(
      'iam',
      'attach-role-policy',
      '--role-name',
      'cli-role',
      '--policy-arn',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    );
    const got = (await aws('iam', 'get-role', '--role-name', 'cli-role')) as {
      Role: { RoleName: string; Tags: unknown; MaxSessionDuration: number };
    };
    assert.equal(got.Role.RoleName, 'cli-role');
    assert.equal(got.Role.MaxSessionDuration, 3600);
    assert.deepEqual(got.Role.Tags, [{ Key: 'made-by', Value: 'cli' }]);
    const attached = (await aws('iam', 'list-attached-role-policies', '--role-name', 'cli-role')) as {
      AttachedPolicies: Array<{ PolicyName: string }>;
    };
    assert.deepEqual(
      attached.AttachedPolicies.map((p) => p.PolicyName),
      ['ReadOnlyAccess'],
    );

    const version = (await aws(
      'iam',
      'get-policy-version',
      '--policy-arn',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--version-id',
      'v182',
    )) as { PolicyVersion: { Document: { Version: string } } };
    assert.equal(version.PolicyVersion.Document.Version, '2012-10-17');

    const failure = await aws('iam', 'get-role', '--role-name', 'missing').then(
      () => '',
      (e: { stderr?: string }) => e.stderr ?? '',
    );
    assert.match(failure, /NoSuchEntity.*The role with name missing cannot be found\./);
  });

  it('list-roles pages through 250 roles', async (t) => {
    if (!(await cliAvailable(t))) return;
    const iam = new IAMClient(sb.current.clientConfig());
    const names = Array.from({ length: 250 }, (_, i) => `cli-paged-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(
        names.slice(i, i + 25).map((RoleName) =>
          iam.send(
            new CreateRoleCommand({
              RoleName,
              Path: '/cli-paged/',
              AssumeRolePolicyDocument: trustAccount(sb.current.admin.accountId),
            }),
          ),
        ),
      );
    }
    sb.current.resetCalls();
    const all = (await aws('iam', 'list-roles', '--path-prefix', '/cli-paged/')) as {
      Roles: Array<{ RoleName: string }>;
    };
    assert.deepEqual(
      all.Roles.map((r) => r.RoleName),
      names,
    );
    assert.equal(sb.current.calls().iam?.ListRoles, 3, 'the CLI followed Marker over three pages of 100');

    sb.current.resetCalls();
    const small = (await aws('iam', 'list-roles', '--path-prefix', '/cli-paged/', '--page-size', '60')) as {
      Roles: unknown[];
    };
    assert.equal(small.Roles.length, 250);
    assert.equal(sb.current.calls().iam?.ListRoles, 5);

    const capped = (await aws('iam', 'list-roles', '--path-prefix', '/cli-paged/', '--max-items', '120')) as {
      Roles: unknown[];
      NextToken?: string;
    };
    assert.equal(capped.Roles.length, 120);
    assert.ok(capped.NextToken);
  });
});
