import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { startSandbox } from './sandbox.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('sandbox state', () => {
  it('persists the world atomically and restarting on the same file gives the same world', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'onramp-state-')), 'world.json');
    const first = await startSandbox({ statePath, seed: 'org', accounts: 2 });
    const admin = first.admin;
    await new IAMClient(first.clientConfig()).send(
      new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: TRUST }),
    );
    const org = await new OrganizationsClient(first.clientConfig()).send(new DescribeOrganizationCommand({}));
    await first.stop();
    assert.equal(statSync(statePath).mode & 0o777, 0o600, 'the state holds keys: 0600');

    const second = await startSandbox({ statePath });
    try {
      assert.deepEqual(second.admin, admin, 'the same administrator key works after a restart');
      const role = await new IAMClient(second.clientConfig()).send(new GetRoleCommand({ RoleName: 'kept' }));
      assert.equal(role.Role?.RoleName, 'kept');
      const again = await new OrganizationsClient(second.clientConfig()).send(
        new DescribeOrganizationCommand({}),
      );
      assert.equal(again.Organization?.Id, org.Organization?.Id);
    } finally {
      await second.stop();
    }
  });

  it('refuses a state file that is not a sandbox world, and leaves it alone', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'onramp-state-')), 'world.json');
    writeFileSync(statePath, '{"hello": "world"}');
    await assert.rejects(startSandbox({ statePath }), /is not an onramp sandbox state file/);
    assert.equal(readFileSync(statePath, 'utf8'), '{"hello": "world"}');
  });

  it('reset returns to the seeded world and keeps the administrator signed in', async () => {
    const sb = await startSandbox();
    try {
      const iam = new IAMClient(sb.clientConfig());
      await iam.send(new CreateRoleCommand({ RoleName: 'gone', AssumeRolePolicyDocument: TRUST }));
      sb.reset();
      await assert.rejects(
        iam.send(new GetRoleCommand({ RoleName: 'gone' })),
        (e: Error) => e.name === 'NoSuchEntityException',
      );
    } finally {
      await sb.stop();
    }
  });
});
