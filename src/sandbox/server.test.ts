import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { useSandbox } from './test-support.js';

describe('sandbox front door', () => {
  const sb = useSandbox();

  it('answers a SigV4-signed query call from the unmodified SDK', async () => {
    const sts = new STSClient(sb.current.clientConfig());
    const id = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, sb.current.admin.accountId);
    assert.equal(id.Arn, sb.current.admin.arn);
    assert.match(id.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and keeps serving', async () => {
    const cfg = sb.current.clientConfig();
    const bad = new STSClient({
      ...cfg,
      credentials: { ...cfg.credentials, secretAccessKey: 'x'.repeat(40) },
    });
    await assert.rejects(
      bad.send(new GetCallerIdentityCommand({})),
      (e: Error) => e.name === 'SignatureDoesNotMatch',
    );
    const ok = await new STSClient(cfg).send(new GetCallerIdentityCommand({}));
    assert.equal(ok.Account, sb.current.admin.accountId);
  });

  it('refuses an unknown access key with InvalidClientTokenId', async () => {
    const cfg = sb.current.clientConfig({
      accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
      secretAccessKey: 'y'.repeat(40),
    });
    await assert.rejects(
      new STSClient(cfg).send(new GetCallerIdentityCommand({})),
      (e: Error) => e.name === 'InvalidClientTokenId',
    );
  });

  it('counts calls per service and operation', async () => {
    sb.current.resetCalls();
    await new STSClient(sb.current.clientConfig()).send(new GetCallerIdentityCommand({}));
    assert.deepEqual(sb.current.calls(), { sts: { GetCallerIdentity: 1 } });
    const res = await fetch(`${sb.current.url}/_sandbox/calls`);
    assert.deepEqual(await res.json(), { sts: { GetCallerIdentity: 1 } });
  });
});
