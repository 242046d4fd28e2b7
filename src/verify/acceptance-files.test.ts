/**
 * Acceptance: a person's own files (built in a temp HOME) that break SSO even though Identity
 * Center is right: static keys shadowing the SSO profile, an expired or revoked sign-in, and a
 * wrong sso_region.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { useSandbox } from '../sandbox/test-support.js';
import { signIn } from './test-sign-in.js';
import { codesOf, disagreements, healthyWorld, identityCenterYaml, runVerify } from './test-world.js';

describe('verify: the user-side files', () => {
  const sb = useSandbox({ seed: 'org', accounts: 3 });

  it('reports ONR-D010 for access keys in the environment next to AWS_PROFILE', async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    const s = await signIn(sb.current, w.identityStoreId, 'alice');
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE12',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_PROFILE: 'platform-admin',
    };
    const r = await runVerify(w, { home: s.home, env });
    assert.deepEqual(codesOf(r), ['ONR-D010']);
    assert.deepEqual(r.findings[0].evidence, {
      profile: 'platform-admin',
      where: '$AWS_ACCESS_KEY_ID',
      source: 'environment',
      affects: ['AWS CLI', 'botocore/boto3'],
    });
    assert.deepEqual(r.findings[0].fix.commands, [
      'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
    ]);
    assert.ok(
      r.paths.some((p) => p.live.length > 0),
      'the token itself still proves the paths live',
    );
  });

  it("reports ONR-D010 for static keys in the profile's credentials-file section", async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    const s = await signIn(sb.current, w.identityStoreId, 'alice');
    const credentials = join(s.home, '.aws', 'credentials');
    writeFileSync(
      credentials,
      '[platform-admin]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\n',
    );
    const r = await runVerify(w, { home: s.home });
    assert.deepEqual(codesOf(r), ['ONR-D010']);
    assert.deepEqual(r.findings[0].evidence, {
      profile: 'platform-admin',
      where: `${credentials}:2`,
      source: 'credentials file',
      affects: ['AWS SDK for JavaScript v3'],
    });
  });

  it('reports ONR-D011 for an expired sign-in that cannot be refreshed, and proves nothing with it', async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    const expiresAt = new Date(Date.now() - 3600_000);
    const s = await signIn(sb.current, w.identityStoreId, 'alice', { expiresAt, refreshable: false });
    const r = await runVerify(w, { home: s.home });
    assert.deepEqual(codesOf(r), ['ONR-D011']);
    const f = r.findings[0];
    assert.equal(f.evidence.state, 'expired');
    assert.equal(f.evidence.session, 'platform');
    assert.equal(f.evidence.expiresAt, new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString());
    assert.deepEqual(f.fix.commands, ['aws sso login --sso-session platform']);
    assert.ok(r.paths.filter((p) => p.path.kind === 'sso-assignment').every((p) => p.live.length === 0));
  });

  it('reports ONR-D011 (rejected) for a token the portal no longer accepts', async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    const s = await signIn(sb.current, w.identityStoreId, 'alice');
    const portal = new SSOClient({ endpoint: sb.current.url, region: sb.current.region, maxAttempts: 1 });
    await portal.send(new LogoutCommand({ accessToken: s.token.accessToken }));
    portal.destroy();
    const r = await runVerify(w, { home: s.home });
    assert.deepEqual(codesOf(r), ['ONR-D011']);
    assert.equal(r.findings[0].evidence.state, 'rejected');
    assert.equal(
      r.findings[0].evidence.expiresAt,
      new Date(Math.floor(s.token.expiresAt.getTime() / 1000) * 1000).toISOString(),
    );
  });

  it('reports ONR-D012 when sso_region is not the instance region', async () => {
    const w = await healthyWorld(sb.current, { yaml: identityCenterYaml() });
    const s = await signIn(sb.current, w.identityStoreId, 'alice', { region: 'eu-west-1' });
    const r = await runVerify(w, { home: s.home });
    assert.deepEqual(codesOf(r), ['ONR-D012']);
    assert.deepEqual(r.findings[0].evidence, {
      session: 'platform',
      ssoRegion: 'eu-west-1',
      where: `${s.configPath}:3`,
      instanceRegion: 'us-east-1',
      startUrl: `https://${w.identityStoreId}.awsapps.com/start`,
    });
    assert.deepEqual(disagreements(r), []);
  });
});
