/**
 * One suite of SDK calls, run against moto (an independent implementation of AWS) and the sandbox.
 * Each case must observe the same outcome on both, or be a documented deviation whose sandbox side
 * matches AWS's documented behaviour. Deviations are listed in docs/sandbox.md.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Sandbox, startSandbox } from '../sandbox.js';
import type { ConformanceCase } from './case.js';
import { iamCases } from './cases-iam.js';
import { identityCenterCases } from './cases-identity-center.js';
import { stsOrgCases } from './cases-sts-org.js';
import { clientsFor } from './clients.js';
import { type Moto, motoMissing, peerUnavailable, startMoto } from './test-moto.js';

const cases: ConformanceCase[] = [...iamCases, ...stsOrgCases, ...identityCenterCases];

describe('conformance with moto', () => {
  const missing = motoMissing();
  let moto: Moto | undefined;
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ seed: 'fresh' });
    if (!missing) moto = await startMoto();
  });
  after(async () => {
    await sb?.stop();
    await moto?.stop();
  });

  for (const c of cases) {
    it(c.name, async (t) => {
      if (missing) return t.skip(peerUnavailable('moto', missing));
      await moto!.reset();
      sb.reset();
      const onMoto = await c.run(
        clientsFor({
          endpoint: moto!.url,
          credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) },
        }),
      );
      const onSandbox = await c.run(
        clientsFor({
          endpoint: sb.url,
          credentials: { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey },
        }),
      );
      if (c.deviation) {
        assert.ok(
          c.deviation.sandbox(onSandbox),
          `sandbox should follow AWS here (${c.deviation.reason}); got ${JSON.stringify(onSandbox)}`,
        );
        assert.notDeepEqual(
          onSandbox,
          onMoto,
          'documented deviation no longer differs from moto: remove it from the list',
        );
        return;
      }
      assert.deepEqual(onSandbox, onMoto);
    });
  }
});
