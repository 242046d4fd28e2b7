import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { DescribeUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { useSandbox } from '../sandbox/test-support.js';
import { userCase } from './test-cases.js';
import { instanceOf, userIdOf } from './test-ic.js';
import { lifecycle, type Rig } from './test-lifecycle.js';

const sb = useSandbox({ seed: 'org', accounts: 1 });
const rig = (): Rig => ({ config: () => sb.current.clientConfig() });

describe('AWS::IdentityStore::User (sandbox)', () => {
  lifecycle(rig, {
    ...userCase,
    afterUpdate: async (r) => {
      const { IdentityStoreId } = await instanceOf(r);
      const UserId = await userIdOf(r, 'alice');
      const u = await new IdentitystoreClient(r.config()).send(
        new DescribeUserCommand({ IdentityStoreId, UserId }),
      );
      assert.equal(u.DisplayName, 'Alice B. Example');
      assert.equal(u.Emails?.[0]?.Value, 'alice@example.org');
      assert.equal(u.UserType, 'onramp:users');
    },
  });
});
